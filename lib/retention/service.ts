import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { retentionDaysSchema } from "@/lib/retention/schemas";
import { plural } from "@/lib/format";

// The organization's retention setting: any member reads it, only Owners change it.

/** How many days the actor's organization keeps delivery attempts and test e-mails. */
export async function getRetention(actor: Actor): Promise<{ days: number }> {
  assertCan(actor, "webhooks.read");
  const org = await db.organization.findFirst({
    where: { id: actor.organizationId },
    select: { retentionDays: true },
  });
  if (!org) throw new NotFoundError("That organization");
  return { days: org.retentionDays };
}

/** Sets the retention (Owners only); the next scheduled purge applies it. */
export async function setRetention(actor: Actor, days: number): Promise<{ days: number }> {
  // assertCan's message sends people to "an Owner or Admin"; here only Owners can help.
  if (!can(actor.role, "organization.manage")) {
    throw new ForbiddenError("Only Owners can change data retention. Ask an Owner.");
  }
  // The action validates too; this keeps other callers (tests, scripts) to the same rule.
  const parsed = retentionDaysSchema.safeParse(days);
  if (!parsed.success) throw new UserError(parsed.error.issues[0]!.message);
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ retentionDays: number }[]>`
      SELECT "retentionDays" FROM "Organization" WHERE id = ${actor.organizationId} FOR UPDATE`;
    if (!before) throw new NotFoundError("That organization");
    await tx.organization.update({
      where: { id: actor.organizationId },
      data: { retentionDays: parsed.data },
    });
    if (before.retentionDays !== parsed.data) {
      await recordAudit(tx, actor, {
        action: "retention.changed",
        target: { type: "organization", id: actor.organizationId, label: actor.organizationName },
        changes: [
          { field: "Keep for", from: daysText(before.retentionDays), to: daysText(parsed.data) },
        ],
      });
    }
  });
  return { days: parsed.data };
}

const daysText = (days: number) => plural(days, "day");
