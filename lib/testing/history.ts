import type { DeliveryStatus } from "@/generated/prisma/enums";
import { db } from "@/lib/db/client";

// Delivery history at chosen ages, for the retention tests: an event, its delivery, attempts
// and test e-mails written with explicit timestamps (the app only ever writes "now").

export const DAY_MS = 24 * 60 * 60_000;

export type HistoryRows = {
  eventId: string;
  deliveryId: string;
  attemptIds: string[];
  testEmailIds: string[];
};

type HistoryOptions = {
  organizationId: string;
  webhookId: string;
  /** When the event came in and the delivery was created. */
  at: Date;
  status?: DeliveryStatus;
  /** When a terminal delivery ended; defaults to the last attempt's time. */
  completedAt?: Date;
  /** One attempt per date; each with a test e-mail when testEmails is set. */
  attempts?: Date[];
  testEmails?: boolean;
};

/** One event with one delivery and its attempts (and test e-mails), at the given times. */
export async function createHistory({
  organizationId,
  webhookId,
  at,
  status = "SUCCEEDED",
  completedAt,
  attempts = [at],
  testEmails = false,
}: HistoryOptions): Promise<HistoryRows> {
  const event = await db.event.create({
    data: { organizationId, type: "chat.closed", occurredAt: at, receivedAt: at, data: {} },
    select: { id: true },
  });
  const pending = status === "PENDING";
  const delivery = await db.delivery.create({
    data: {
      organizationId,
      eventId: event.id,
      webhookId,
      eventType: "chat.closed",
      mode: testEmails ? "TEST" : "LIVE",
      status,
      attemptCount: attempts.length,
      nextAttemptAt: pending ? new Date(Date.now() + 60 * 60_000) : null,
      createdAt: at,
      completedAt: pending ? null : (completedAt ?? attempts.at(-1) ?? at),
    },
    select: { id: true },
  });
  const rows: HistoryRows = {
    eventId: event.id,
    deliveryId: delivery.id,
    attemptIds: [],
    testEmailIds: [],
  };
  for (const [i, startedAt] of attempts.entries()) {
    const attempt = await db.deliveryAttempt.create({
      data: {
        deliveryId: delivery.id,
        organizationId,
        webhookId,
        number: i + 1,
        startedAt,
        durationMs: 12,
        requestMethod: "POST",
        requestUrl: "https://receiver.example.com/hooks",
        requestHeaders: [],
        requestBody: '{"session":"CS-1"}',
        responseStatus: 500,
        outcome: "retry",
        createdAt: startedAt,
      },
      select: { id: true },
    });
    rows.attemptIds.push(attempt.id);
    if (!testEmails) continue;
    const email = await db.testEmail.create({
      data: {
        organizationId,
        webhookId,
        deliveryId: delivery.id,
        attemptId: attempt.id,
        recipients: ["owner@example.test"],
        subject: "[Test] Chat Closed",
        textBody: "{}",
        htmlBody: "<pre>{}</pre>",
        status: "STORED_ONLY",
        createdAt: startedAt,
      },
      select: { id: true },
    });
    rows.testEmailIds.push(email.id);
  }
  return rows;
}

/** The ids still stored of each table, sorted, for comparing with what should be left. */
export async function storedIds() {
  const ids = async (rows: Promise<{ id: string }[]>) => (await rows).map((r) => r.id).sort();
  return {
    events: await ids(db.event.findMany({ select: { id: true } })),
    deliveries: await ids(db.delivery.findMany({ select: { id: true } })),
    attempts: await ids(db.deliveryAttempt.findMany({ select: { id: true } })),
    testEmails: await ids(db.testEmail.findMany({ select: { id: true } })),
  };
}
