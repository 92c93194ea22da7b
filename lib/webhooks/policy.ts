import "server-only";
import type { Prisma } from "@/generated/prisma/client";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { assertCan, can } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { isVerified } from "@/lib/webhooks/echo-check";

// The organization's webhook policy: "Require verification before a webhook goes live".
// Any member reads it, only Owners change it. Turning it on leaves live webhooks live (they
// show "Not verified"); it applies to every later switch out of Test mode and URL edit.

export const GO_LIVE_REFUSED =
  "This organization requires a verified URL before a webhook goes live. Use Verify URL on the webhook's page, then go live.";
export const LIVE_URL_EDIT_REFUSED =
  "This organization requires a verified URL for live webhooks, so the URL of a live webhook cannot be changed directly. Turn Test mode on with the new URL, save, use Verify URL, then go live.";

/** Whether the actor's organization requires a verified URL before going live. */
export async function getVerificationPolicy(
  actor: Actor,
): Promise<{ requireVerifiedUrl: boolean }> {
  assertCan(actor, "webhooks.read");
  const org = await db.organization.findFirst({
    where: { id: actor.organizationId },
    select: { requireVerifiedUrl: true },
  });
  if (!org) throw new NotFoundError("That organization");
  return org;
}

/** Turns the requirement on or off (Owners only). */
export async function setVerificationPolicy(actor: Actor, requireVerifiedUrl: boolean) {
  if (!can(actor.role, "organization.manage")) {
    throw new ForbiddenError("Only Owners can change the webhook policy. Ask an Owner.");
  }
  await db.$transaction(async (tx) => {
    const [before] = await tx.$queryRaw<{ requireVerifiedUrl: boolean }[]>`
      SELECT "requireVerifiedUrl" FROM "Organization" WHERE id = ${actor.organizationId} FOR UPDATE`;
    if (!before) throw new NotFoundError("That organization");
    if (before.requireVerifiedUrl === requireVerifiedUrl) return;
    await tx.organization.update({
      where: { id: actor.organizationId },
      data: { requireVerifiedUrl },
    });
    const onOff = (on: boolean) => (on ? "On" : "Off");
    await recordAudit(tx, actor, {
      action: "organization.policy_changed",
      target: { type: "organization", id: actor.organizationId, label: actor.organizationName },
      changes: [
        {
          field: "Require verification before going live",
          from: onOff(before.requireVerifiedUrl),
          to: onOff(requireVerifiedUrl),
        },
      ],
    });
  });
  return { requireVerifiedUrl };
}

type Tx = Pick<Prisma.TransactionClient, "organization">;
type Before = { url: string; testMode: boolean; verifiedUrl: string | null } | null;
type After = { url: string; testMode: boolean };

/**
 * Refuses, under the policy, a change that would make an unverified URL live: leaving Test
 * mode (or creating a live webhook) without a verified URL, or editing a live webhook's URL.
 * Called inside the transaction that writes the change.
 */
export async function assertGoLiveAllowed(
  tx: Tx,
  organizationId: string,
  before: Before,
  after: After,
) {
  if (after.testMode) return;
  const org = await tx.organization.findUnique({
    where: { id: organizationId },
    select: { requireVerifiedUrl: true },
  });
  if (!org?.requireVerifiedUrl) return;
  if (before && !before.testMode) {
    // Already live (perhaps from before the policy was on): it stays live while its URL does.
    if (before.url !== after.url) throw new UserError(LIVE_URL_EDIT_REFUSED);
    return;
  }
  if (!before || !isVerified({ url: after.url, verifiedUrl: before.verifiedUrl }))
    throw new UserError(GO_LIVE_REFUSED);
}
