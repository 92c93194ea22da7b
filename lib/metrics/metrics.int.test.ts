import { afterAll, beforeAll, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { POST } from "@/app/api/v1/events/route";
import { createApiKey } from "@/lib/api-keys/service";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, testEventData } from "@/lib/testing/fixtures";
import { startReceiver, type Receiver } from "@/lib/testing/receiver";

// GET /api/metrics as Prometheus scrapes it, after events through the real ingest route and
// attempts to a real receiver; the body is read by the text format's rules.

const TOKEN = "metrics-token-for-the-int-test";
let receiver: Receiver;

beforeAll(async () => {
  process.env.METRICS_TOKEN = TOKEN; // before anything reads env()
  process.env.OUTBOUND_ALLOW_CIDRS = "127.0.0.0/8";
  await resetDatabase();
  receiver = await startReceiver();
});

afterAll(async () => {
  await closeOutboundAgents();
  await receiver.close();
  await db.$disconnect();
});

type Sample = { name: string; labels: Record<string, string>; value: number };

/**
 * The text exposition format (version 0.0.4): `# HELP name text` and `# TYPE name kind` once
 * per metric family, before its samples; each sample `name{label="value",…} number`.
 */
function parseExposition(text: string) {
  const types = new Map<string, string>();
  const samples: Sample[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === "TYPE") {
        expect(["counter", "gauge", "histogram", "summary", "untyped"]).toContain(meta[3]);
        types.set(meta[2]!, meta[3]!);
      }
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not a sample line: ${line}`);
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[l[1]!] = l[2]!;
    const family = m[1]!.replace(/_(bucket|sum|count)$/, "");
    if (!types.has(m[1]!) && !types.has(family)) throw new Error(`no # TYPE before ${m[1]}`);
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(token = TOKEN) {
  const response = await GET(
    new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${token}` } }),
  );
  return { response, text: await response.text() };
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples
    .filter((s) => s.name === name)
    .filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    .reduce((sum, s) => sum + s.value, 0);

it("is refused without the token, and counts ingests, attempts and the queue with it", async () => {
  const wrong = await scrape("not-the-token-at-all");
  expect(wrong.response.status).toBe(401);
  expect(wrong.response.headers.get("www-authenticate")).toMatch(/^Bearer/);
  expect(wrong.text).not.toContain("webhooks_");

  const before = parseExposition((await scrape()).text);
  const { actor } = await createTestOwner();
  const { key } = await createApiKey(actor, "metrics test");
  const ok = await createTestWebhook(actor, {
    name: "OK",
    url: `${receiver.url}/ok`,
    testMode: false,
    retryPolicy: "NONE",
  });
  receiver.respondWith((req) => ({ status: req.url.endsWith("/fail") ? 500 : 200 }));
  const fail = await createTestWebhook(actor, {
    name: "Fails",
    url: `${receiver.url}/fail`,
    testMode: false,
    retryPolicy: "NONE",
  });
  const post = (body: unknown) =>
    POST(
      new Request("http://localhost/api/v1/events", {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
    );
  const event = { id: "m-1", type: "chat.closed", data: testEventData("chat.closed") };
  expect((await post(event)).status).toBe(202);
  expect((await post(event)).status).toBe(200); // duplicate
  expect((await post({ type: "no.such.type", data: {} })).status).toBe(400);

  const deliveries = await db.delivery.findMany({ select: { id: true, webhookId: true } });
  expect(deliveries.map((d) => d.webhookId).sort()).toEqual([ok.id, fail.id].sort());
  for (const d of deliveries) await attemptDelivery(d.id);
  // One more event, not attempted: due now.
  expect((await post({ ...event, id: "m-2" })).status).toBe(202);

  const { response, text } = await scrape();
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  const after = parseExposition(text);
  const delta = (name: string, labels: Record<string, string>) =>
    value(after, name, labels) - value(before, name, labels);

  const ingested = "webhooks_events_ingested_total";
  expect(delta(ingested, { type: "chat.closed", outcome: "accepted" })).toBe(2);
  expect(delta(ingested, { type: "chat.closed", outcome: "duplicate" })).toBe(1);
  expect(delta(ingested, { type: "invalid", outcome: "invalid" })).toBe(1);
  const attempts = "webhooks_delivery_attempts_total";
  expect(delta(attempts, { mode: "live", outcome: "succeeded", error_class: "none" })).toBe(1);
  expect(delta(attempts, { mode: "live", outcome: "failed", error_class: "HTTP_5XX" })).toBe(1);
  const duration = "webhooks_delivery_attempt_duration_seconds";
  expect(delta(`${duration}_count`, { mode: "live" })).toBe(2);
  expect(delta(`${duration}_bucket`, { mode: "live", le: "+Inf" })).toBe(2);
  expect(value(after, "webhooks_deliveries_due")).toBe(2);
  expect(value(after, "webhooks_deliveries_overdue")).toBe(0);
  expect(value(after, "webhooks_oldest_due_delivery_age_seconds")).toBeLessThan(60);
  expect(value(after, "webhooks_database_up")).toBe(1);
  expect(after.some((s) => s.name === "webhooks_worker_in_flight")).toBe(true);
  expect(after.some((s) => s.name === "webhooks_process_resident_memory_bytes")).toBe(true);
  // Nothing an organization owns is in it: no key, URL or event data.
  for (const secret of [key, receiver.url, "m-1", ok.signingSecret])
    expect(text).not.toContain(secret);
});
