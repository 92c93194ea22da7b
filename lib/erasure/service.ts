import "server-only";
import { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ForbiddenError, UserError } from "@/lib/errors";
import { customerEmailSchema } from "@/lib/erasure/schemas";

// Erasure (Owners): everything stored about one customer e-mail in the organization — the
// events that name it anywhere in their data, and with them their deliveries, attempts and
// test e-mails — counted first, then deleted in one transaction with an audit entry.

export type CustomerDataCounts = {
  events: number;
  deliveries: number;
  attempts: number;
  testEmails: number;
};

function assertOwner(actor: Actor) {
  // assertCan's message sends people to "an Owner or Admin"; here only Owners can help.
  if (!can(actor.role, "organization.manage")) {
    throw new ForbiddenError("Only Owners can erase customer data. Ask an Owner.");
  }
}

function parseEmail(email: string): string {
  const parsed = customerEmailSchema.safeParse({ email });
  if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
  return parsed.data.email;
}

/**
 * The organization's events that name the address: the search column set at ingest, or the
 * address as a whole word anywhere in the data (a pre-chat field, a transcript). A rare Owner
 * action, so a scan of the organization's events is acceptable here.
 */
function matchingEvents(organizationId: string, email: string) {
  const escaped = email.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const word = `(^|[^a-z0-9._%+-])${escaped}($|[^a-z0-9.-])`;
  return Prisma.sql`
    SELECT id FROM "Event"
    WHERE "organizationId" = ${organizationId}
      AND ("customerEmail" = ${email} OR lower(data::text) ~ ${word})`;
}

async function count(
  tx: Prisma.TransactionClient | typeof db,
  organizationId: string,
  email: string,
): Promise<CustomerDataCounts> {
  const [row] = await tx.$queryRaw<{ [K in keyof CustomerDataCounts]: bigint }[]>`
    WITH e AS (${matchingEvents(organizationId, email)}),
         d AS (SELECT id FROM "Delivery" WHERE "eventId" IN (SELECT id FROM e))
    SELECT (SELECT count(*) FROM e) AS events,
           (SELECT count(*) FROM d) AS deliveries,
           (SELECT count(*) FROM "DeliveryAttempt" WHERE "deliveryId" IN (SELECT id FROM d)) AS attempts,
           (SELECT count(*) FROM "TestEmail" WHERE "deliveryId" IN (SELECT id FROM d)) AS "testEmails"`;
  return {
    events: Number(row!.events),
    deliveries: Number(row!.deliveries),
    attempts: Number(row!.attempts),
    testEmails: Number(row!.testEmails),
  };
}

/** How much erasing the address would delete. */
export async function countCustomerData(actor: Actor, email: string) {
  assertOwner(actor);
  return count(db, actor.organizationId, parseEmail(email));
}

/** Deletes everything stored about the address; returns what was deleted. */
export async function eraseCustomerData(actor: Actor, email: string) {
  assertOwner(actor);
  const address = parseEmail(email);
  return db.$transaction(async (tx) => {
    const counts = await count(tx, actor.organizationId, address);
    // Deliveries, attempts and test e-mails go with their event (ON DELETE CASCADE).
    await tx.$executeRaw`
      DELETE FROM "Event" WHERE id IN (${matchingEvents(actor.organizationId, address)})`;
    await recordAudit(tx, actor, {
      action: "customer.erased",
      // The log keeps that an erasure happened, not the address it erased.
      target: { type: "customer", label: maskEmail(address) },
      changes: [
        { field: "Events", from: String(counts.events), to: "0" },
        { field: "Deliveries", from: String(counts.deliveries), to: "0" },
        { field: "Attempts", from: String(counts.attempts), to: "0" },
        { field: "Test e-mails", from: String(counts.testEmails), to: "0" },
      ],
    });
    return counts;
  });
}

/** "mary.brown@example.com" → "m•••@example.com". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  return `${email.slice(0, 1)}•••${email.slice(at)}`;
}
