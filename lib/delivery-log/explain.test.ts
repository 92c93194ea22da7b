import { describe, expect, it } from "vitest";
import { explainAttempt } from "@/lib/delivery-log/explain";

const failed = (errorClass: string | null, responseStatus: number | null = null) => ({
  outcome: "failed",
  errorClass,
  errorMessage: "detail from the attempt",
  responseStatus,
});

describe("explainAttempt", () => {
  it("explains nothing for a success", () => {
    expect(
      explainAttempt({
        outcome: "succeeded",
        errorClass: null,
        errorMessage: null,
        responseStatus: 200,
      }),
    ).toBeNull();
  });

  it("says a refused connection means nothing is listening, and what to check", () => {
    const e = explainAttempt({
      ...failed("CONNECT"),
      errorMessage: "connection refused: nothing is listening on port 443 of hooks.example.com",
    })!;
    expect(e.title).toBe("Connection refused: nothing is listening there");
    expect(e.detail).toContain("port 443 of hooks.example.com");
    expect(e.fix).toMatch(/running and listening/);
  });

  it.each([
    ["DNS", null, /host name could not be resolved/, /DNS record/],
    ["TLS", null, /TLS/, /certificate/],
    ["TIMEOUT", null, /too long/, /Answer 2xx at once/],
    ["REDIRECT", 301, /redirect/, /final address/],
    ["BLOCKED", null, /private or reserved/, /public/],
    ["SMTP", null, /test e-mail/, /SMTP/],
    ["CONFIG", null, /settings/, /Edit the webhook/],
    ["HTTP_4XX", 401, /credentials/, /signing secret/],
    ["HTTP_4XX", 404, /Nothing at that URL/, /path/],
    ["HTTP_4XX", 429, /rate-limiting/, /Retry-After/],
    ["HTTP_4XX", 422, /refused the request \(422\)/, /logs/],
    ["HTTP_5XX", 502, /failed with an error \(502\)/, /logs for this webhook-id/],
  ])("%s %s: a plain title and a likely fix", (errorClass, status, title, fix) => {
    const e = explainAttempt(failed(errorClass, status))!;
    expect(e.title).toMatch(title);
    expect(e.fix).toMatch(fix);
    expect(e.detail).toBe("detail from the attempt");
  });
});
