import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db/client";
import { DELIVERY_REQUESTED } from "@/lib/inngest/client";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { canonicalJson, inngestSignature } from "@/lib/testing/inngest-signature";
import { startReceiver, unusedPort, type Receiver } from "@/lib/testing/receiver";

// The Inngest serve endpoint as production runs it (NODE_ENV=production, Inngest the engine,
// a signing key, no INNGEST_DEV): the route handler itself, called with real Requests. A call
// to run a function without a valid X-Inngest-Signature is refused and runs nothing — no
// attempt recorded, nothing sent to the receiver; the same call signed with the key runs the
// delivery function. Everything it needs is real: database, delivery, receiver.

const SIGNING_KEY = `signkey-prod-${randomBytes(32).toString("hex")}`;
const FN_ID = "webhooks-admin-deliver-webhook";

type Handler = (request: Request, context: unknown) => Promise<Response>;
let route: { GET: Handler; POST: Handler; PUT: Handler };
let receiver: Receiver;
let delivery: { id: string; webhookId: string };
const saved: Record<string, string | undefined> = {};

/** The executor's request to run deliver-webhook's first step for the delivery. */
function runRequestBody() {
  const event = {
    id: randomUUID(),
    name: DELIVERY_REQUESTED,
    data: { deliveryId: delivery.id, webhookId: delivery.webhookId },
    ts: Date.now(),
  };
  return canonicalJson({
    version: 2,
    event,
    events: [event],
    steps: {},
    ctx: {
      run_id: `01J${randomBytes(12).toString("hex").toUpperCase()}`,
      attempt: 0,
      disable_immediate_execution: false,
      use_api: false,
      stack: { stack: [], current: 0 },
    },
  });
}

function post(body: string, signature?: string) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (signature) headers["x-inngest-signature"] = signature;
  return route.POST(
    new Request(`http://127.0.0.1:3000/api/inngest?fnId=${FN_ID}&stepId=step`, {
      method: "POST",
      headers,
      body,
    }),
    {},
  );
}

const attempts = () => db.deliveryAttempt.count({ where: { deliveryId: delivery.id } });

beforeAll(async () => {
  await resetDatabase();
  receiver = await startReceiver();
  // Made while the embedded engine is still the test default: ingesting only wakes a worker
  // that is not running, so the delivery waits, pending, for the function run below.
  const { actor } = await createTestOwner();
  const webhook = await createTestWebhook(actor, { url: `${receiver.url}/hook` });
  const { deliveries } = await ingestTestEvent(actor.organizationId, { webhookId: webhook.id });
  delivery = deliveries[0]!;

  for (const name of [
    "NODE_ENV",
    "DELIVERY_ENGINE",
    "INNGEST_SIGNING_KEY",
    "INNGEST_EVENT_KEY",
    "INNGEST_DEV",
    "INNGEST_BASE_URL",
  ]) {
    saved[name] = process.env[name];
  }
  Object.assign(process.env, {
    NODE_ENV: "production",
    DELIVERY_ENGINE: "inngest",
    INNGEST_SIGNING_KEY: SIGNING_KEY,
    INNGEST_EVENT_KEY: randomBytes(16).toString("hex"),
    // Nothing listens there: the handler must not need the Inngest server to answer.
    INNGEST_BASE_URL: `http://127.0.0.1:${await unusedPort()}`,
  });
  delete process.env.INNGEST_DEV;
  // Fresh modules read the production settings (lib/env caches its first read).
  vi.resetModules();
  route = (await import("@/app/api/inngest/route")) as unknown as typeof route;
  const { deliveryEngine } = await import("@/lib/env");
  expect(deliveryEngine()).toBe("inngest");
});

afterAll(async () => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  await receiver?.close();
});

describe("/api/inngest in production", () => {
  it("refuses a run request without X-Inngest-Signature and runs nothing", async () => {
    const res = await post(runRequestBody());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ message: "Unauthorized" });
    expect(await attempts()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses a run request signed with another key, or signed too long ago", async () => {
    const body = runRequestBody();
    const otherKey = `signkey-prod-${randomBytes(32).toString("hex")}`;
    expect((await post(body, inngestSignature(body, otherKey))).status).toBe(401);
    const stale = new Date(Date.now() - 10 * 60_000);
    expect((await post(body, inngestSignature(body, SIGNING_KEY, stale))).status).toBe(401);
    expect((await post(body, "t=1&s=deadbeef")).status).toBe(401);
    // A valid signature of a different body does not carry over to this one.
    const tampered = body.replace(delivery.id, "someone-elses-delivery");
    expect((await post(tampered, inngestSignature(body, SIGNING_KEY))).status).toBe(401);
    expect(await attempts()).toBe(0);
    expect(receiver.requests).toHaveLength(0);
  });

  it("refuses unsigned introspection, and shows it only to a signed request", async () => {
    const url = "http://127.0.0.1:3000/api/inngest";
    const unsigned = await route.GET(new Request(url), {});
    expect(unsigned.status).toBe(401);
    const signed = await route.GET(
      new Request(url, { headers: { "x-inngest-signature": inngestSignature("", SIGNING_KEY) } }),
      {},
    );
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ authentication_succeeded: true, mode: "cloud" });
  });

  it("runs the delivery function for a correctly signed request", async () => {
    const body = runRequestBody();
    const res = await post(body, inngestSignature(body, SIGNING_KEY));
    const text = await res.text();
    expect(res.status, text).toBeGreaterThanOrEqual(200);
    expect(res.status, text).toBeLessThan(300);
    // The SDK signs its answer with the same key, so the server can trust it in turn.
    expect(res.headers.get("x-inngest-signature")).toMatch(/^t=\d+&s=[0-9a-f]{64}$/);
    await receiver.waitForRequests(1);
    expect(await attempts()).toBe(1);
    expect(receiver.requests[0]!.header("webhook-id")).toBe(delivery.id);
  });
});
