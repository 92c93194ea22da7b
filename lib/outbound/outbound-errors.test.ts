import { describe, expect, it } from "vitest";
import {
  describeDnsFailure,
  describeSendFailure,
  formatDuration,
  type FailureContext,
} from "./outbound-errors";

// The failures a local test cannot provoke (unreachable hosts, expired certificates, resolver
// outages), classified from errors shaped as Node and undici raise them.

const context: FailureContext = {
  host: "hooks.example.com",
  port: 443,
  address: "203.0.113.7",
  stage: "response",
  timedOut: false,
  timeoutMs: 10_000,
  connectTimeoutMs: 5_000,
};

const coded = (code: string, message = code, extra: object = {}) =>
  Object.assign(new Error(message), { code, ...extra });

describe("describeDnsFailure", () => {
  it.each([
    ["ENOTFOUND", /the host x\.test does not exist/],
    ["EAI_AGAIN", /failed temporarily/],
    ["ENODATA", /no IP address records/],
    ["ESERVFAIL", /DNS lookup of x\.test failed \(ESERVFAIL\)/],
  ])("%s", (code, message) => {
    expect(describeDnsFailure(coded(code), "x.test")).toEqual({
      errorClass: "dns",
      message: expect.stringMatching(message),
    });
  });
});

describe("describeSendFailure", () => {
  it.each([
    [
      coded("UND_ERR_CONNECT_TIMEOUT"),
      "timeout",
      /could not connect to port 443 of hooks\.example\.com \(203\.0\.113\.7\) within 5 s/,
    ],
    [coded("ETIMEDOUT"), "timeout", /could not connect/],
    [coded("UND_ERR_HEADERS_TIMEOUT"), "timeout", /stopped sending/],
    [
      coded("ECONNREFUSED", "connect ECONNREFUSED", { address: "203.0.113.7", port: 8443 }),
      "connect",
      /^connection refused: nothing is listening on port 8443 of hooks\.example\.com \(203\.0\.113\.7\)$/,
    ],
    [coded("ECONNRESET", "read ECONNRESET"), "connect", /connection reset/],
    [coded("EHOSTUNREACH"), "connect", /no route to hooks\.example\.com \(203\.0\.113\.7\)/],
    [coded("ENETUNREACH"), "connect", /network .* is unreachable/],
    [coded("UND_ERR_SOCKET", "other side closed"), "connect", /closed the connection/],
    [coded("HPE_INVALID_CONSTANT", "Expected HTTP/"), "connect", /not valid HTTP/],
    [coded("DEPTH_ZERO_SELF_SIGNED_CERT"), "tls", /self-signed certificate/],
    [coded("CERT_HAS_EXPIRED"), "tls", /certificate that has expired/],
    [coded("ERR_TLS_CERT_ALTNAME_INVALID"), "tls", /issued for a different host name/],
    [coded("UNABLE_TO_VERIFY_LEAF_SIGNATURE"), "tls", /intermediate certificate/],
    [
      coded("ERR_SSL_WRONG_VERSION_NUMBER", "ssl3_get_record:wrong version number"),
      "tls",
      /did not answer in TLS/,
    ],
    [
      coded(
        "ECONNRESET",
        "Client network socket disconnected before secure TLS connection was established",
      ),
      "tls",
      /closed the connection during the handshake/,
    ],
    [coded("UND_ERR_INVALID_ARG", "invalid connection header"), "blocked", /malformed/],
    [new Error("something odd"), "connect", /the request to .* failed: something odd/],
  ])("%s → %s", (error, errorClass, message) => {
    expect(describeSendFailure(error, context)).toEqual({
      errorClass,
      message: expect.stringMatching(message),
    });
  });

  it("reads the code of a wrapped cause and of an AggregateError's first error", () => {
    const wrapped = new TypeError("fetch failed", { cause: coded("ECONNREFUSED") });
    expect(describeSendFailure(wrapped, context).errorClass).toBe("connect");
    const aggregate = new AggregateError([coded("EHOSTUNREACH"), coded("ECONNREFUSED")]);
    expect(describeSendFailure(aggregate, context).message).toMatch(/no route/);
  });

  it("says where the whole-attempt timer stopped the request", () => {
    const at = (stage: FailureContext["stage"]) =>
      describeSendFailure(new Error("aborted"), { ...context, stage, timedOut: true, status: 200 });
    expect(at("dns")).toEqual({
      errorClass: "timeout",
      message: expect.stringMatching(
        /looking up hooks\.example\.com in DNS took longer than the 10 s limit/,
      ),
    });
    expect(at("response").message).toMatch(/no response from hooks\.example\.com/);
    expect(at("body").message).toMatch(/sent status 200 but did not finish its response body/);
  });
});

describe("formatDuration", () => {
  it.each([
    [300, "300 ms"],
    [5000, "5 s"],
    [1500, "1.5 s"],
  ])("%i → %s", (ms, text) => expect(formatDuration(ms)).toBe(text));
});
