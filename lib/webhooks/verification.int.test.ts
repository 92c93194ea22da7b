import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { PRODUCT_VERSION } from "@/lib/product";
import { goLive } from "@/lib/test-emails/service";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOwner,
  createTestWebhook,
  webhookFormDefaults,
  type TestOrg,
} from "@/lib/testing/fixtures";
import { startReceiver, type Receiver, type Reply } from "@/lib/testing/receiver";
import { updateWebhookSchema, type WebhookFormValues } from "@/lib/webhooks/schemas";
import { updateWebhook } from "@/lib/webhooks/service";
import {
  GO_LIVE_REFUSED,
  LIVE_URL_EDIT_REFUSED,
  getVerificationPolicy,
  setVerificationPolicy,
} from "@/lib/webhooks/policy";
import { verifyWebhookUrl } from "@/lib/webhooks/verification";

// Verify URL against real receivers on 127.0.0.1, and the "Require verification before a
// webhook goes live" policy on every path out of Test mode, with the real database.

let actor: Actor;
let org: TestOrg;
const receivers: Receiver[] = [];

beforeAll(() => resetDatabase());
beforeEach(async () => ({ org, actor } = await createTestOwner()));
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});
afterAll(async () => {
  await closeOutboundAgents();
  await db.$disconnect();
});

/** Echoes the `echo` query parameter, as text/plain as LiveSupporti asks of receivers. */
const echoAs = (contentType: string): Reply => ({
  handle(req, res) {
    const value = new URL(req.url ?? "/", "http://x").searchParams.get("echo") ?? "";
    res.writeHead(200, { "Content-Type": contentType }).end(`${value}\n`);
  },
});
const echo = echoAs("text/plain; charset=utf-8");

async function receiver(reply: Reply) {
  const r = await startReceiver(reply);
  receivers.push(r);
  return r;
}

const TEST_MODE = { testMode: true, testEmails: "qa@example.test" };

async function webhookAt(url: string, overrides: Partial<WebhookFormValues> = {}) {
  const { id } = await createTestWebhook(actor, { url, ...TEST_MODE, ...overrides });
  return id;
}

const row = (id: string) => db.webhook.findUniqueOrThrow({ where: { id } });
const edit = (id: string, changes: Partial<WebhookFormValues>) =>
  updateWebhook(
    actor,
    updateWebhookSchema.parse({ ...webhookFormDefaults, ...TEST_MODE, id, ...changes }),
  );

describe("verifyWebhookUrl", () => {
  it("verifies an endpoint that echoes the value as text/plain, sending custom headers and auth", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(`${r.url}/hooks?x=1`, {
      headers: [{ name: "X-Tenant", value: "acme" }],
      authType: "BEARER",
      authToken: "tok-123",
    });

    expect(await verifyWebhookUrl(actor, id)).toEqual({ verified: true });

    const [request] = r.requests;
    expect(request!.method).toBe("GET");
    const sent = new URL(request!.url, r.url);
    expect(sent.pathname).toBe("/hooks");
    expect(sent.searchParams.get("x")).toBe("1");
    expect(sent.searchParams.get("echo")).toMatch(/^[\w-]{32}$/);
    expect(request!.header("x-tenant")).toBe("acme");
    expect(request!.header("authorization")).toBe("Bearer tok-123");
    expect(request!.header("user-agent")).toBe(`ChatWebhooks/${PRODUCT_VERSION}`);
    const w = await row(id);
    expect(w.verifiedUrl).toBe(w.url);
    expect(w.verifiedAt).toBeInstanceOf(Date);
    expect(w.verificationError).toBeNull();
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: org.id, action: "webhook.verified" },
    });
    expect(entry.changes).toContainEqual({ field: "Result", from: null, to: "Verified" });
  });

  it("sends a new random value each time", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(r.url);
    await verifyWebhookUrl(actor, id);
    await verifyWebhookUrl(actor, id);
    const [a, b] = r.requests.map((q) => new URL(q.url, r.url).searchParams.get("echo"));
    expect(a).not.toBe(b);
  });

  it.each<[string, Reply, RegExp]>([
    [
      "a wrong body",
      { status: 200, headers: { "Content-Type": "text/plain" }, body: "hello" },
      /^Wrong body/,
    ],
    [
      "a wrong content type",
      echoAs("text/html"),
      /^Wrong content type: the endpoint answered "text\/html"/,
    ],
    [
      "HTTP 500",
      { status: 500, headers: { "Content-Type": "text/plain" }, body: "" },
      /^Wrong status: the endpoint answered HTTP 500/,
    ],
    ["no answer in time", { hang: true }, /^Timeout: the endpoint did not answer within 1 s/],
  ])("records %s as not verified, with the reason", async (_, reply, reason) => {
    const r = await receiver(reply);
    const id = await webhookAt(r.url, { timeoutSeconds: 1 });

    const result = await verifyWebhookUrl(actor, id);

    expect(result).toEqual({ verified: false, reason: expect.stringMatching(reason) });
    const w = await row(id);
    expect(w.verifiedUrl).toBeNull();
    expect(w.verificationError).toMatch(reason);
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: org.id, action: "webhook.verified" },
    });
    expect(entry.changes).toContainEqual({
      field: "Result",
      from: null,
      to: expect.stringMatching(/^Not verified — /),
    });
  });

  it("refuses a private address without connecting", async () => {
    const id = await webhookAt("http://10.1.2.3/hooks");
    const result = await verifyWebhookUrl(actor, id);
    expect(result).toEqual({
      verified: false,
      reason: expect.stringMatching(/^Blocked address: blocked: .*private/),
    });
  });

  it("makes a webhook unverified again when its URL changes", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(`${r.url}/a`);
    await verifyWebhookUrl(actor, id);

    await edit(id, { url: `${r.url}/b` });

    const w = await row(id);
    expect(w.verifiedUrl).toBeNull();
    expect(w.url).toBe(`${r.url}/b`);
  });

  it("keeps a webhook verified through edits that keep its URL", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(`${r.url}/a`);
    await verifyWebhookUrl(actor, id);
    await edit(id, { url: `${r.url}/a`, name: "Renamed" });
    expect((await row(id)).verifiedUrl).toBe(`${r.url}/a`);
  });

  it("refuses Viewers, and webhooks of another organization are not found", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(r.url);
    const viewer = await createTestActor(org, "VIEWER");
    await expect(verifyWebhookUrl(viewer, id)).rejects.toThrow(/Your role does not allow this/);
    const other = await createTestOwner();
    await expect(verifyWebhookUrl(other.actor, id)).rejects.toThrow(/not found|no longer exists/i);
    expect(r.requests).toHaveLength(0);
  });
});

describe("Require verification before a webhook goes live", () => {
  it("is off by default; only Owners turn it on, and the change is audited", async () => {
    expect(await getVerificationPolicy(actor)).toEqual({ requireVerifiedUrl: false });
    const admin = await createTestActor(org, "ADMIN");
    await expect(setVerificationPolicy(admin, true)).rejects.toThrow(/Only Owners/);

    await setVerificationPolicy(actor, true);

    expect(await getVerificationPolicy(admin)).toEqual({ requireVerifiedUrl: true });
    const entry = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: org.id, action: "organization.policy_changed" },
    });
    expect(entry.changes).toEqual([
      { field: "Require verification before going live", from: "Off", to: "On" },
    ]);
  });

  it("refuses going live (Test e-mails page and form) until the current URL is verified", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(r.url);
    await setVerificationPolicy(actor, true);

    await expect(goLive(actor, id)).rejects.toThrow(GO_LIVE_REFUSED);
    await expect(edit(id, { url: r.url, testMode: false })).rejects.toThrow(GO_LIVE_REFUSED);
    await expect(createTestWebhook(actor, { url: r.url, testMode: false })).rejects.toThrow(
      GO_LIVE_REFUSED,
    );
    expect((await row(id)).testMode).toBe(true);

    await verifyWebhookUrl(actor, id);
    await goLive(actor, id);

    expect((await row(id)).testMode).toBe(false);
  });

  it("refuses switching live and changing the URL in one save: the new URL is not verified", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(`${r.url}/a`);
    await verifyWebhookUrl(actor, id);
    await setVerificationPolicy(actor, true);
    await expect(edit(id, { url: `${r.url}/b`, testMode: false })).rejects.toThrow(GO_LIVE_REFUSED);
  });

  it("leaves live webhooks live, but refuses editing a live webhook's URL", async () => {
    const r = await receiver(echo);
    const id = await webhookAt(`${r.url}/a`, { testMode: false });
    await setVerificationPolicy(actor, true);

    await edit(id, { url: `${r.url}/a`, testMode: false, name: "Still live" });
    expect((await row(id)).testMode).toBe(false);
    await expect(edit(id, { url: `${r.url}/b`, testMode: false })).rejects.toThrow(
      LIVE_URL_EDIT_REFUSED,
    );
    expect((await row(id)).url).toBe(`${r.url}/a`);

    // The way through: back to Test mode with the new URL, verify, go live.
    await edit(id, { url: `${r.url}/b` });
    await verifyWebhookUrl(actor, id);
    await goLive(actor, id);
    expect(await row(id)).toMatchObject({ url: `${r.url}/b`, testMode: false });
  });
});
