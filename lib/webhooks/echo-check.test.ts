import { describe, expect, it } from "vitest";
import type { SendResult } from "@/lib/outbound/guarded-send";
import { echoFailure } from "@/lib/webhooks/echo-check";

// The echo check's verdict on each kind of answer, without a network.

const answer = (status: number, contentType: string | null, body: string): SendResult => ({
  kind: "response",
  status,
  headers: contentType ? [["content-type", contentType]] : [],
  body,
  truncated: false,
  durationMs: 1,
});

describe("echoFailure", () => {
  it("accepts 2xx text/plain (any parameters) with the value, surrounding whitespace trimmed", () => {
    expect(echoFailure(answer(200, "text/plain", "abc"), "abc", 5000)).toBeNull();
    expect(
      echoFailure(answer(204, "Text/Plain; charset=utf-8", " abc\r\n"), "abc", 5000),
    ).toBeNull();
  });

  it.each([
    [answer(302, "text/plain", "abc"), /^Wrong status: .*HTTP 302/],
    [answer(200, null, "abc"), /^Wrong content type: .*without a Content-Type/],
    [answer(200, "text/plain-ish", "abc"), /^Wrong content type/],
    [answer(200, "text/plain", "abcd"), /^Wrong body/],
    [answer(200, "text/plain", ""), /^Wrong body/],
  ])("refuses %#", (result, reason) => {
    expect(echoFailure(result, "abc", 5000)).toMatch(reason);
  });

  it("names timeouts, blocked addresses and connection failures", () => {
    const error = (errorClass: "timeout" | "blocked" | "connect", message = "m"): SendResult => ({
      kind: "error",
      errorClass,
      message,
      durationMs: 1,
    });
    expect(echoFailure(error("timeout"), "abc", 5000)).toBe(
      "Timeout: the endpoint did not answer within 5 s.",
    );
    expect(echoFailure(error("blocked", "blocked: private"), "abc", 5000)).toBe(
      "Blocked address: blocked: private",
    );
    expect(echoFailure(error("connect", "refused"), "abc", 5000)).toBe(
      "Could not connect: refused",
    );
  });
});
