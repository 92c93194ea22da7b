import { describe, expect, it } from "vitest";
import { transportOptions } from "@/lib/outbound/mailer";

describe("transportOptions", () => {
  it("uses short timeouts: connection 5 s, greeting 5 s, socket 10 s", () => {
    expect(transportOptions("smtps://u:p@smtp.example.com:465")).toEqual({
      url: "smtps://u:p@smtp.example.com:465",
      connectionTimeout: 5_000,
      greetingTimeout: 5_000,
      socketTimeout: 10_000,
    });
  });

  it("ignores STARTTLS for plain smtp:// to a loopback server", () => {
    for (const host of ["127.0.0.1", "localhost", "[::1]"]) {
      expect(transportOptions(`smtp://${host}:1025`).ignoreTLS).toBe(true);
    }
  });

  it("keeps opportunistic STARTTLS for plain smtp:// to a remote server, so credentials are not sent in clear", () => {
    expect(transportOptions("smtp://u:p@smtp.example.com:587").ignoreTLS).toBeUndefined();
  });

  it("lets the URL decide when it says anything about TLS", () => {
    expect(transportOptions("smtp://127.0.0.1:1025?requireTLS=true").ignoreTLS).toBeUndefined();
    expect(transportOptions("smtp://127.0.0.1:1025?ignoreTLS=false").ignoreTLS).toBeUndefined();
    expect(transportOptions("smtps://127.0.0.1:1465").ignoreTLS).toBeUndefined();
  });
});
