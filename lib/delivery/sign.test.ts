import { Webhook as StandardWebhook } from "standardwebhooks";
import { Webhook as SvixWebhook } from "svix";
import { describe, expect, it } from "vitest";
import { generateSigningSecret } from "@/lib/crypto/secrets";
import { SECRET_OVERLAP_MS, signatureHeader } from "@/lib/delivery/sign";

const HOUR = 60 * 60 * 1000;
const msgId = "msg_2p5jXN8AQM9LWM0D4loKWxJek";
const body = JSON.stringify({ event: "chat_closed", transcript: 'Hi "there" — ünïcode ✓' });

/** The three Standard Webhooks headers as the sender puts them on the request. */
function headers(timestamp: Date, signature: string): Record<string, string> {
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(timestamp.getTime() / 1000)),
    "webhook-signature": signature,
  };
}

/** Whether a receiver holding `secret` accepts the request, checked by both libraries. */
function verifies(secret: string, payload: string, h: Record<string, string>): boolean {
  const results = [new StandardWebhook(secret), new SvixWebhook(secret)].map((verifier) => {
    try {
      verifier.verify(payload, h);
      return true;
    } catch {
      return false;
    }
  });
  expect(results[0]).toBe(results[1]); // the two implementations must agree
  return results[0]!;
}

describe("signatureHeader", () => {
  it("matches the Standard Webhooks reference vector", () => {
    const header = signatureHeader(
      { secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" },
      "msg_p5jXN8AQM9LWM0D4loKWxJek",
      new Date(1614265330 * 1000),
      '{"test": 2432232314}',
      new Date(),
    );
    expect(header).toBe("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
  });

  it("produces one v1 signature that standardwebhooks and svix both verify", () => {
    const secret = generateSigningSecret();
    const timestamp = new Date(); // verifiers reject timestamps more than 5 minutes off
    const header = signatureHeader({ secret }, msgId, timestamp, body, timestamp);
    expect(header).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(verifies(secret, body, headers(timestamp, header))).toBe(true);
  });

  it("rejects a tampered body, id or timestamp", () => {
    const secret = generateSigningSecret();
    const timestamp = new Date();
    const header = signatureHeader({ secret }, msgId, timestamp, body, timestamp);
    expect(verifies(secret, body.replace("Hi", "Hí"), headers(timestamp, header))).toBe(false);
    expect(
      verifies(secret, body, { ...headers(timestamp, header), "webhook-id": "msg_other" }),
    ).toBe(false);
    const earlier = new Date(timestamp.getTime() - 1000);
    expect(verifies(secret, body, headers(earlier, header))).toBe(false);
  });

  it("rejects a signature made with another secret", () => {
    const timestamp = new Date();
    const header = signatureHeader(
      { secret: generateSigningSecret() },
      msgId,
      timestamp,
      body,
      timestamp,
    );
    expect(verifies(generateSigningSecret(), body, headers(timestamp, header))).toBe(false);
  });

  it("signs with the new and the previous secret for 24 h after a rotation, so both verify", () => {
    const secret = generateSigningSecret();
    const previousSecret = generateSigningSecret();
    const timestamp = new Date();
    const rotatedAt = new Date(timestamp.getTime() - 23 * HOUR);
    const header = signatureHeader(
      { secret, previousSecret, rotatedAt },
      msgId,
      timestamp,
      body,
      timestamp,
    );
    expect(header.split(" ")).toHaveLength(2);
    expect(header.split(" ")[0]).toBe(
      signatureHeader({ secret }, msgId, timestamp, body, timestamp),
    );
    expect(verifies(secret, body, headers(timestamp, header))).toBe(true);
    expect(verifies(previousSecret, body, headers(timestamp, header))).toBe(true);
  });

  it("signs with the new secret only once 24 h have passed since the rotation", () => {
    const secret = generateSigningSecret();
    const previousSecret = generateSigningSecret();
    const timestamp = new Date();
    const rotatedAt = new Date(timestamp.getTime() - SECRET_OVERLAP_MS);
    const header = signatureHeader(
      { secret, previousSecret, rotatedAt },
      msgId,
      timestamp,
      body,
      timestamp,
    );
    expect(header.split(" ")).toHaveLength(1);
    expect(verifies(secret, body, headers(timestamp, header))).toBe(true);
    expect(verifies(previousSecret, body, headers(timestamp, header))).toBe(false);
  });

  it("ignores a rotation time without a previous secret, and a previous secret without a time", () => {
    const secret = generateSigningSecret();
    const now = new Date();
    const single = signatureHeader({ secret }, msgId, now, body, now);
    const a = { secret, previousSecret: null, rotatedAt: now };
    const b = { secret, previousSecret: generateSigningSecret(), rotatedAt: null };
    expect(signatureHeader(a, msgId, now, body, now)).toBe(single);
    expect(signatureHeader(b, msgId, now, body, now)).toBe(single);
  });
});
