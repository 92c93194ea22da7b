import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { attemptDelivery, type Clock } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { clearOAuth2Tokens } from "@/lib/outbound/oauth2";
import { MASK } from "@/lib/payload/request";
import { PRODUCT_VERSION } from "@/lib/product";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { startReceiver, type Receiver, type Reply } from "@/lib/testing/receiver";
import { webhookToFormValues } from "@/lib/webhooks/form-values";
import { getWebhook, updateWebhook } from "@/lib/webhooks/service";

// OAuth2 client credentials against a real token server and receiver on 127.0.0.1: the token
// is fetched once and reused, refreshed when it is about to expire and after a 401, token
// endpoint errors become clear attempt errors, and the client secret is stored nowhere readable.

const CLIENT_SECRET = "cs-Very-Secret-9Zk";
const servers: Receiver[] = [];
let actor: Actor;
let orgId: string;

beforeAll(() => resetDatabase());
beforeEach(async () => {
  clearOAuth2Tokens();
  ({
    actor,
    org: { id: orgId },
  } = await createTestOwner());
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await resetDatabase();
  await closeOutboundAgents();
  await db.$disconnect();
});

async function server(reply: Parameters<typeof startReceiver>[0]) {
  const s = await startReceiver(reply);
  servers.push(s);
  return s;
}

/** A token server that hands out tok-1, tok-2, … each valid for `expiresIn` seconds. */
const tokenServer = (expiresIn = 3600) =>
  server((_, i) => ({
    status: 200,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      access_token: `tok-${i + 1}`,
      token_type: "Bearer",
      expires_in: expiresIn,
    }),
  }));

async function oauthWebhook(tokens: Receiver, receiver: Receiver) {
  const { id } = await createTestWebhook(actor, {
    url: `${receiver.url}/hooks`,
    authType: "OAUTH2",
    oauthTokenUrl: `${tokens.url}/oauth/token`,
    oauthClientId: "hooks client",
    oauthClientSecret: CLIENT_SECRET,
    oauthScope: "events:write",
  });
  return id;
}

async function newDelivery(webhookId: string) {
  const { deliveries } = await ingestTestEvent(orgId, { webhookId });
  return deliveries[0]!.id;
}

const at = (ms: number): Clock => ({ now: () => new Date(Date.now() + ms) });
const attempts = (webhookId: string) =>
  db.deliveryAttempt.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });

describe("OAuth2 client credentials", () => {
  it("fetches one token for several deliveries and sends it as Bearer; the secret is stored nowhere", async () => {
    const tokens = await tokenServer();
    const receiver = await server({ status: 204 });
    const webhookId = await oauthWebhook(tokens, receiver);

    for (let i = 0; i < 3; i++) {
      expect(await attemptDelivery(await newDelivery(webhookId))).toMatchObject({
        status: "succeeded",
      });
    }

    expect(tokens.requests).toHaveLength(1);
    const [tokenRequest] = tokens.requests;
    expect(tokenRequest!.method).toBe("POST");
    expect(Object.fromEntries(new URLSearchParams(tokenRequest!.body))).toEqual({
      grant_type: "client_credentials",
      scope: "events:write",
    });
    const basic = Buffer.from(`hooks+client:${CLIENT_SECRET}`).toString("base64");
    expect(tokenRequest!.header("authorization")).toBe(`Basic ${basic}`);
    // The product and its version, no made-up URL.
    expect(tokenRequest!.header("user-agent")).toBe(`ChatWebhooks/${PRODUCT_VERSION}`);
    expect(receiver.requests.map((r) => r.header("authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-1",
      "Bearer tok-1",
    ]);

    const stored = await attempts(webhookId);
    expect(stored.map((a) => a.outcome)).toEqual(["succeeded", "succeeded", "succeeded"]);
    const authorization = (stored[0]!.requestHeaders as [string, string][]).find(
      ([name]) => name === "Authorization",
    );
    expect(authorization).toEqual(["Authorization", `Bearer ${MASK}`]);
    const everything = JSON.stringify(stored);
    expect(everything).not.toContain(CLIENT_SECRET);
    expect(everything).not.toContain("tok-1");
    expect(JSON.stringify(await getWebhook(actor, webhookId))).not.toContain(CLIENT_SECRET);
  });

  it("fetches a new token shortly before the old one expires", async () => {
    const tokens = await tokenServer(120); // replaced 60 s before it expires
    const receiver = await server({ status: 200 });
    const webhookId = await oauthWebhook(tokens, receiver);

    await attemptDelivery(await newDelivery(webhookId), at(0));
    await attemptDelivery(await newDelivery(webhookId), at(50_000));
    await attemptDelivery(await newDelivery(webhookId), at(70_000));

    expect(tokens.requests).toHaveLength(2);
    expect(receiver.requests.map((r) => r.header("authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
  });

  it("refreshes the token once after a 401 and resends within the same attempt", async () => {
    const tokens = await tokenServer();
    const receiver = await server({ status: 200 });
    receiver.reply({ status: 401, body: "token revoked" });
    const webhookId = await oauthWebhook(tokens, receiver);
    const deliveryId = await newDelivery(webhookId);

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });
    expect(receiver.requests.map((r) => r.header("authorization"))).toEqual([
      "Bearer tok-1",
      "Bearer tok-2",
    ]);
    expect(await attempts(webhookId)).toHaveLength(1);
  });

  it("does not refresh more than once: a second 401 is the attempt's answer", async () => {
    const tokens = await tokenServer();
    const receiver = await server({ status: 401 });
    const webhookId = await oauthWebhook(tokens, receiver);

    expect(await attemptDelivery(await newDelivery(webhookId))).toMatchObject({ status: "retry" });
    expect(tokens.requests).toHaveLength(2);
    expect(receiver.requests).toHaveLength(2);
    expect((await attempts(webhookId))[0]).toMatchObject({
      responseStatus: 401,
      errorClass: "HTTP_4XX",
    });
  });

  it.each<[string, Reply, object]>([
    [
      "a 401 with an OAuth2 error",
      {
        status: 401,
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({
          error: "invalid_client",
          error_description: `client secret ${CLIENT_SECRET} is wrong`,
        }),
      },
      {
        errorClass: "HTTP_4XX",
        errorMessage: `The OAuth2 token endpoint TOKEN_URL answered 401: invalid_client: client secret ${MASK} is wrong`,
        outcome: "retry",
      },
    ],
    [
      "a 503",
      { status: 503, body: "maintenance" },
      {
        errorClass: "HTTP_5XX",
        errorMessage: "The OAuth2 token endpoint TOKEN_URL answered 503: maintenance",
        outcome: "retry",
      },
    ],
    [
      "a 200 without a token",
      { status: 200, body: "<html>login</html>" },
      {
        errorClass: "CONFIG",
        errorMessage:
          "The OAuth2 token endpoint TOKEN_URL answered 200 without a Bearer access_token (check the token URL)",
        outcome: "failed",
      },
    ],
  ])("turns %s from the token endpoint into an attempt error", async (_, reply, expected) => {
    const tokens = await server(reply);
    const receiver = await server({ status: 200 });
    const webhookId = await oauthWebhook(tokens, receiver);

    await attemptDelivery(await newDelivery(webhookId));

    expect(receiver.requests).toHaveLength(0);
    const [attempt] = await attempts(webhookId);
    const tokenUrl = `${tokens.url}/oauth/token`;
    expect(attempt).toMatchObject(
      JSON.parse(JSON.stringify(expected).replace("TOKEN_URL", tokenUrl)) as object,
    );
    expect(JSON.stringify(attempt)).not.toContain(CLIENT_SECRET);
  });

  it("audits a new client secret as changed, and the other settings with values", async () => {
    const tokens = await tokenServer();
    const receiver = await server({ status: 200 });
    const webhookId = await oauthWebhook(tokens, receiver);
    const values = webhookToFormValues(await getWebhook(actor, webhookId));

    await updateWebhook(actor, {
      ...values,
      id: webhookId,
      oauthClientSecret: "cs-Another-Secret-4Qm",
      oauthScope: "events:write chats:read",
    });

    const entry = await db.auditEntry.findFirstOrThrow({
      where: { organizationId: orgId, action: "webhook.updated" },
    });
    expect(entry.changes).toEqual([
      { field: "Scope", from: "events:write", to: "events:write chats:read" },
      { field: "Client secret", secret: true },
    ]);
    expect(JSON.stringify(entry)).not.toMatch(/cs-Another|cs-Very/);
  });
});
