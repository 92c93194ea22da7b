import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/v1/events/batch/route";
import { createApiKey } from "@/lib/api-keys/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, testEventData } from "@/lib/testing/fixtures";

// POST /api/v1/events/batch, called as Next calls it, against the real database: per-event
// results beside each other, duplicates within and across batches, the limits, and
// concurrent batches racing on the same ids. No worker runs: deliveries stay pending.

let owner: Actor;
let key: string;

beforeEach(async () => {
  await resetDatabase();
  ({ actor: owner } = await createTestOwner());
  key = (await createApiKey(owner, "Batch")).key;
});

function sendBatch(body: unknown, apiKey = key): Promise<Response> {
  return POST(
    new Request("http://localhost/api/v1/events/batch", {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
  );
}

const chatClosed = (id?: string, session = "S-1") => ({
  ...(id && { id }),
  type: "chat.closed",
  data: testEventData("chat.closed", { chat: { session_id: session } }),
});

async function results(res: Response) {
  expect(res.status).toBe(207);
  return (await res.json()).results as Record<string, unknown>[];
}

describe("POST /api/v1/events/batch", () => {
  it("stores every valid event with its deliveries and answers each bad one beside them", async () => {
    await createTestWebhook(owner, { name: "CRM" });
    await createTestWebhook(owner, { name: "Archive" });
    const answer = await results(
      await sendBatch({
        events: [
          chatClosed("a", "S-1"),
          { type: "chat.exploded", data: {} },
          chatClosed(undefined, "S-2"),
          { type: "chat.closed", data: { chat: { session_id: 42 } } },
        ],
      }),
    );

    expect(answer).toEqual([
      { index: 0, eventId: expect.any(String), deliveries: 2, duplicate: false },
      {
        index: 1,
        error: "The event is not valid.",
        issues: [{ path: "type", message: expect.stringContaining("must be one of") }],
      },
      { index: 2, eventId: expect.any(String), deliveries: 2, duplicate: false },
      {
        index: 3,
        error: "The event is not valid.",
        issues: [{ path: "data.chat.session_id", message: "must be a string" }],
      },
    ]);
    const events = await db.event.findMany({ orderBy: { chatId: "asc" } });
    expect(events.map((e) => [e.id, e.chatId, e.externalId])).toEqual([
      [answer[0]!.eventId, "S-1", "a"],
      [answer[2]!.eventId, "S-2", null],
    ]);
    for (const event of events) {
      expect(await db.delivery.count({ where: { eventId: event.id, status: "PENDING" } })).toBe(2);
    }
  });

  it("stores an id once: a repeat in the same batch or a later one is a duplicate of the first", async () => {
    await createTestWebhook(owner);
    const first = await results(
      await sendBatch({ events: [chatClosed("x"), chatClosed("y"), chatClosed("x", "S-other")] }),
    );
    expect(first.map((r) => r.duplicate)).toEqual([false, false, true]);
    expect(first[2]!.eventId).toBe(first[0]!.eventId);
    expect(first[2]!.deliveries).toBe(0);

    const second = await results(await sendBatch({ events: [chatClosed("y"), chatClosed("z")] }));
    expect(second).toEqual([
      { index: 0, eventId: first[1]!.eventId, deliveries: 0, duplicate: true },
      { index: 1, eventId: expect.any(String), deliveries: 1, duplicate: false },
    ]);
    expect(await db.event.count()).toBe(3);
    expect(await db.delivery.count()).toBe(3);
  });

  it("creates each event once when concurrent batches share ids", async () => {
    await createTestWebhook(owner);
    const ids = Array.from({ length: 20 }, (_, i) => `evt-${i}`);
    // Eight batches of the same 20 ids, each in its own order, all at once.
    const batches = Array.from({ length: 8 }, (_, b) =>
      ids.map((_, i) => ids[(i * (b + 3)) % ids.length]!),
    );
    const answers = await Promise.all(
      batches.map(async (batch) =>
        results(await sendBatch({ events: batch.map((id) => chatClosed(id)) })),
      ),
    );

    expect(await db.event.count()).toBe(new Set(batches.flat()).size);
    expect(await db.delivery.count()).toBe(new Set(batches.flat()).size);
    // Every answer for an id names the one event stored for it.
    const stored = new Map(
      (await db.event.findMany({ select: { id: true, externalId: true } })).map((e) => [
        e.externalId,
        e.id,
      ]),
    );
    answers.forEach((answer, b) =>
      answer.forEach((r, i) => expect(r.eventId).toBe(stored.get(batches[b]![i]!))),
    );
    const created = answers.flat().filter((r) => r.duplicate === false);
    expect(created).toHaveLength(stored.size);
  });

  it("starts no timer for a chat that the same batch answers later", async () => {
    await createTestWebhook(owner, { eventType: "chat.not_assigned", threshold: 30 });
    const chat = (type: string, session: string) => ({
      type,
      data: testEventData(type as "chat.opened", { chat: { session_id: session } }),
    });
    await results(
      await sendBatch({
        events: [
          chat("chat.opened", "S-1"),
          chat("chat.assigned", "S-1"),
          chat("chat.opened", "S-2"),
        ],
      }),
    );
    const timers = await db.eventTimer.findMany({ select: { key: true, state: true } });
    expect(timers).toEqual([{ key: "S-2", state: "PENDING" }]);
  });

  it("refuses 101 events with 413 and stores nothing", async () => {
    const res = await sendBatch({ events: Array.from({ length: 101 }, () => chatClosed()) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe(
      "A batch holds at most 100 events; this one has 101. Send the rest in another batch.",
    );
    expect(await db.event.count()).toBe(0);
  });

  it("takes 100 events in one request", async () => {
    await createTestWebhook(owner);
    const answer = await results(
      await sendBatch({
        events: Array.from({ length: 100 }, (_, i) => chatClosed(`e-${i}`, `S-${i}`)),
      }),
    );
    expect(answer.filter((r) => r.deliveries === 1)).toHaveLength(100);
    expect(await db.delivery.count()).toBe(100);
  });

  it("answers an event above 256 KiB beside the others", async () => {
    const big = chatClosed("big");
    big.data.chat = { ...big.data.chat, transcript: "x".repeat(257 * 1024) };
    const answer = await results(await sendBatch({ events: [big, chatClosed("small")] }));
    expect(answer[0]).toEqual({ index: 0, error: "The event is larger than 256 KiB." });
    expect(answer[1]).toMatchObject({ index: 1, duplicate: false });
  });

  it("says what shape it takes when the body is not a batch", async () => {
    for (const body of [[chatClosed()], { events: [] }, { events: "x" }, null]) {
      const res = await sendBatch(body);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(
        /^The body must be \{"events": \[\.\.\.\]\} with 1 to 100 events/,
      );
    }
    const res = await sendBatch({ events: [chatClosed()] }, "whk_not-a-key");
    expect(res.status).toBe(401);
  });

  it("refuses a body above 5 MiB with 413", async () => {
    const events = Array.from({ length: 25 }, (_, i) => {
      const event = chatClosed(`big-${i}`);
      event.data.chat = { ...event.data.chat, transcript: "x".repeat(220 * 1024) };
      return event;
    });
    const res = await sendBatch({ events });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toBe("The body is larger than 5 MiB.");
    expect(await db.event.count()).toBe(0);
  });
});
