import https from "node:https";
import type net from "node:net";
import type { TLSSocket } from "node:tls";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { makeTestPki, type TestPki } from "@/lib/testing/certificates";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { webhookToFormValues } from "@/lib/webhooks/form-values";
import type { WebhookFormValues } from "@/lib/webhooks/schemas";
import { getWebhook, updateWebhook } from "@/lib/webhooks/service";

// mTLS and custom CAs against a real HTTPS receiver on 127.0.0.1 whose certificate comes from
// the test's own CA and which requires a client certificate from that CA: the right certificate
// is let in, none or a stranger's fails with a TLS error, the default trust store refuses the
// private CA; and what saving checks, stores and audits.

let pki: TestPki;
let actor: Actor;
let orgId: string;
let server: https.Server;
let url: string;
/** The client certificate subject of each request the receiver accepted. */
let accepted: string[] = [];

beforeAll(async () => {
  await resetDatabase();
  pki = await makeTestPki();
  server = https.createServer(
    { ...pki.server, ca: pki.ca.cert, requestCert: true, rejectUnauthorized: true },
    (req, res) => {
      accepted.push(String((req.socket as TLSSocket).getPeerCertificate().subject.CN));
      req.resume().on("end", () => res.end("ok"));
    },
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}/hooks`;
});
beforeEach(async () => {
  accepted = [];
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
});
afterEach(() => server.closeAllConnections());
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await resetDatabase();
  await closeOutboundAgents();
  await db.$disconnect();
});

async function deliver(overrides: Partial<WebhookFormValues>) {
  const { id } = await createTestWebhook(actor, { url, ...overrides });
  const { deliveries } = await ingestTestEvent(orgId, { webhookId: id });
  const result = await attemptDelivery(deliveries[0]!.id);
  const attempt = await db.deliveryAttempt.findFirstOrThrow({ where: { webhookId: id } });
  return { id, result, attempt };
}

const withClientCert = () => ({
  tlsClientCert: pki.client.cert,
  tlsClientKey: pki.client.key,
  tlsCaPem: pki.ca.cert,
});

describe("deliveries over mTLS", () => {
  it("present the client certificate, trusting the custom CA", async () => {
    const { result, attempt } = await deliver(withClientCert());
    expect(result).toMatchObject({ status: "succeeded" });
    expect(attempt).toMatchObject({ responseStatus: 200, errorClass: null });
    expect(accepted).toEqual(["webhooks-client"]);
  });

  it("fail with a TLS error without a client certificate", async () => {
    const { result, attempt } = await deliver({ tlsCaPem: pki.ca.cert });
    expect(result).toMatchObject({ status: "retry" });
    expect(attempt.errorClass).toBe("TLS");
    expect(attempt.errorMessage).toMatch(/requires a client certificate \(mTLS\)/);
    expect(accepted).toEqual([]);
  });

  it("fail with a TLS error with a certificate the receiver does not trust", async () => {
    const { attempt } = await deliver({
      tlsClientCert: pki.stranger.cert,
      tlsClientKey: pki.stranger.key,
      tlsCaPem: pki.ca.cert,
    });
    expect(attempt.errorClass).toBe("TLS");
    expect(attempt.errorMessage).toMatch(/refused the client certificate \(mTLS\)/);
    expect(accepted).toEqual([]);
  });

  it("fail with a TLS error when the private CA is not given: the default trust store refuses it", async () => {
    const { attempt } = await deliver({ ...withClientCert(), tlsCaPem: "" });
    expect(attempt.errorClass).toBe("TLS");
    expect(attempt.errorMessage).toMatch(/TLS certificate problem/);
    expect(accepted).toEqual([]);
  });
});

describe("saving a client certificate", () => {
  it("stores the key encrypted, shows only subject and expiry, keeps it when left blank, removes it on request, and audits without the key", async () => {
    const { id } = await createTestWebhook(actor, { url, ...withClientCert() });
    const row = await db.webhook.findUniqueOrThrow({ where: { id } });
    expect(row.tlsClientKeyEnc).not.toContain("PRIVATE KEY");
    expect(decryptSecret(row.tlsClientKeyEnc!)).toBe(pki.client.key.trim());
    const shown = await getWebhook(actor, id);
    expect(shown).toMatchObject({ tlsClientCertSubject: "CN=webhooks-client" });
    expect(shown.tlsClientCertExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 86_400_000);
    expect(JSON.stringify(shown)).not.toMatch(
      /PRIVATE KEY|BEGIN CERTIFICATE-----\s*MII[^-]*-----END CERTIFICATE-----\s*$/,
    );
    expect(JSON.stringify(shown)).not.toContain(pki.client.cert.trim().split("\n")[1]!);

    const values = { ...webhookToFormValues(shown), id };
    await updateWebhook(actor, { ...values, name: "Renamed" });
    const kept = await db.webhook.findUniqueOrThrow({ where: { id } });
    expect(kept.tlsClientKeyEnc).toBe(row.tlsClientKeyEnc);

    await updateWebhook(actor, {
      ...values,
      tlsClientCert: pki.stranger.cert,
      tlsClientKey: pki.stranger.key,
    });
    await updateWebhook(actor, { ...values, tlsRemoveClientCert: true });
    expect(await db.webhook.findUniqueOrThrow({ where: { id } })).toMatchObject({
      tlsClientCertPem: null,
      tlsClientKeyEnc: null,
      tlsClientCertSubject: null,
      tlsClientCertExpiresAt: null,
    });

    const entries = await db.auditEntry.findMany({
      where: { organizationId: orgId, action: "webhook.updated" },
      orderBy: { createdAt: "asc" },
    });
    const day = (d: Date | null) => d!.toISOString().slice(0, 10);
    expect(entries.map((e) => e.changes)).toEqual([
      [{ field: "Name", from: shown.name, to: "Renamed" }],
      [
        { field: "Name", from: "Renamed", to: shown.name },
        {
          field: "Client certificate",
          from: `CN=webhooks-client (expires ${day(shown.tlsClientCertExpiresAt)})`,
          to: expect.stringMatching(/^CN=stranger \(expires /),
        },
        { field: "Client certificate key", secret: true },
      ],
      [
        {
          field: "Client certificate",
          from: expect.stringMatching(/^CN=stranger/),
          to: null,
        },
      ],
    ]);
    expect(JSON.stringify(entries)).not.toContain("PRIVATE KEY");
  });

  it.each<[string, () => Partial<WebhookFormValues>, RegExp]>([
    [
      "a key of another certificate",
      () => ({ tlsClientCert: pki.client.cert, tlsClientKey: pki.stranger.key }),
      /The private key does not belong to the client certificate/,
    ],
    [
      "a certificate that is not X.509",
      () => ({
        tlsClientCert: "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----",
        tlsClientKey: pki.client.key,
      }),
      /Client certificate: certificate 1 is not a valid X.509 certificate/,
    ],
    [
      "a custom CA that is not X.509",
      () => ({ tlsCaPem: "-----BEGIN CERTIFICATE-----\nbm9wZQ==\n-----END CERTIFICATE-----" }),
      /Custom CA: certificate 1 is not a valid X.509 certificate/,
    ],
  ])("refuses %s with a clear message", async (_, values, message) => {
    await expect(createTestWebhook(actor, { url, ...values() })).rejects.toThrow(message);
  });

  it("refuses an expired certificate", async () => {
    const short = await makeTestPki({ clientDays: 1 });
    const { checkClientCertificate } = await import("@/lib/webhooks/certificates");
    const later = new Date(Date.now() + 2 * 86_400_000);
    expect(() => checkClientCertificate(short.client.cert, short.client.key, later)).toThrow(
      /^The client certificate expired on \d{4}-\d{2}-\d{2}: upload a renewed one\.$/,
    );
  });
});
