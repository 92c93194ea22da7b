// Why an attempt failed, in plain words, and what usually fixes it — for the delivery log.

export type AttemptForExplanation = {
  outcome: string;
  errorClass: string | null;
  errorMessage: string | null;
  responseStatus: number | null;
};

export type Explanation = { title: string; detail: string; fix: string };

const byStatus: Record<number, Omit<Explanation, "detail">> = {
  400: {
    title: "The receiver rejected the request as malformed",
    fix: "Check what the receiver expects — payload format, Content-Type and required fields — against this request's body.",
  },
  401: {
    title: "The receiver refused our credentials",
    fix: "Check the webhook's Authentication settings, and that the receiver verifies the signature with the current signing secret over the raw body.",
  },
  403: {
    title: "The receiver refused the request",
    fix: "Check the webhook's Authentication settings and any IP allow-list on the receiver's side.",
  },
  404: {
    title: "Nothing at that URL",
    fix: "Check the URL's path: the receiver answered that it has no such page.",
  },
  405: {
    title: "The receiver does not accept this HTTP verb",
    fix: "Change the webhook's verb to the one the receiver expects (usually POST).",
  },
  410: {
    title: "The receiver asked us to stop",
    fix: "The webhook was disabled. Re-enable it once the receiver is ready again.",
  },
  413: {
    title: "The payload is too large for the receiver",
    fix: "Send fewer tokens (a transcript can be long), or raise the receiver's body size limit.",
  },
  429: {
    title: "The receiver is rate-limiting us",
    fix: "Nothing to do if it is temporary: we wait as long as its Retry-After asks. Otherwise raise the receiver's limit.",
  },
};

/** The explanation of a failed attempt, or null for a successful one. */
export function explainAttempt(a: AttemptForExplanation): Explanation | null {
  if (a.outcome === "succeeded") return null;
  const detail = a.errorMessage ?? "No detail was recorded.";
  const status = a.responseStatus;
  switch (a.errorClass) {
    case "DNS":
      return {
        title: "The host name could not be resolved",
        detail,
        fix: "Check the URL's host name for typos, and that its DNS record exists and is public.",
      };
    case "CONNECT":
      return {
        title: /refused/i.test(detail)
          ? "Connection refused: nothing is listening there"
          : "Could not connect to the receiver",
        detail,
        fix: "Check that the receiver is running and listening on that host and port, and that its firewall accepts connections from the internet.",
      };
    case "TLS":
      return {
        title: "The secure connection (TLS) failed",
        detail,
        fix: "Check the receiver's certificate: valid, not expired, issued for this host name, with its intermediate certificates. Or use http:// if it does not speak TLS.",
      };
    case "TIMEOUT":
      return {
        title: "The receiver took too long to answer",
        detail,
        fix: "Answer 2xx at once and do slow work afterwards (queue it). The webhook's timeout can also be raised, up to 30 s.",
      };
    case "REDIRECT":
      return {
        title: "The receiver answered with a redirect",
        detail,
        fix: "Set the webhook's URL to the final address: redirects are not followed, so a signed request never goes where you did not configure it.",
      };
    case "BLOCKED":
      return {
        title: "Blocked: the URL points to a private or reserved address",
        detail,
        fix: "Webhooks may only call addresses on the public internet. Use the receiver's public URL.",
      };
    case "SMTP":
      return {
        title: "The test e-mail could not be sent",
        detail,
        fix: "Check the test recipients and the server's SMTP settings. The e-mail is still readable under Test e-mails.",
      };
    case "CONFIG":
      return {
        title: "The webhook's settings could not be used",
        detail,
        fix: "Edit the webhook and correct what the message names, then redeliver.",
      };
    case "HTTP_4XX":
    case "HTTP_5XX": {
      const known = status !== null ? byStatus[status] : undefined;
      if (known) return { ...known, detail };
      if (status !== null && status >= 500) {
        return {
          title: `The receiver failed with an error (${status})`,
          detail,
          fix: "Look in the receiver's logs for this webhook-id. We retry on the webhook's schedule.",
        };
      }
      return {
        title: `The receiver refused the request (${status ?? "4xx"})`,
        detail,
        fix: "Check the receiver's logs for this webhook-id to see what it did not accept.",
      };
    }
    default:
      return { title: "The attempt failed", detail, fix: "Redeliver it once the cause is fixed." };
  }
}
