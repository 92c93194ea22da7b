import type { SendResult } from "@/lib/outbound/guarded-send";

// The LiveSupporti-style URL verification: GET <url>?echo=<value> must answer 2xx with
// Content-Type text/plain and exactly the value (trimmed) as its body. Pure, so the wording
// of each failure is tested without a network.

/** The query parameter that carries the value to echo. */
export const ECHO_PARAM = "echo";

/** null when the endpoint echoed `value` correctly; otherwise why not, in plain words. */
export function echoFailure(result: SendResult, value: string, timeoutMs: number): string | null {
  if (result.kind === "error") {
    if (result.errorClass === "timeout")
      return `Timeout: the endpoint did not answer within ${timeoutMs / 1000} s.`;
    if (result.errorClass === "blocked") return `Blocked address: ${result.message}`;
    return `Could not connect: ${result.message}`;
  }
  if (result.status < 200 || result.status > 299)
    return `Wrong status: the endpoint answered HTTP ${result.status}; it must answer 2xx.`;
  const contentType = result.headers.find(([name]) => name.toLowerCase() === "content-type")?.[1];
  const mediaType = contentType?.split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "text/plain")
    return `Wrong content type: the endpoint answered ${contentType ? `"${contentType}"` : "without a Content-Type"}; it must be text/plain.`;
  if (result.body.trim() !== value)
    return `Wrong body: the endpoint did not answer with the value of the "${ECHO_PARAM}" parameter.`;
  return null;
}

/** Whether a webhook's current URL passed the echo check. */
export const isVerified = (w: { url: string; verifiedUrl: string | null }) =>
  w.verifiedUrl !== null && w.verifiedUrl === w.url;
