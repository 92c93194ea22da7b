import "server-only";
import { recordAudit, type AuditEntryInput } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { sendMail } from "@/lib/outbound/mailer";
import { escapeHtml } from "@/lib/test-emails/render";
import { env } from "@/lib/env";
import { fullTime, plural } from "@/lib/format";
import { logger } from "@/lib/log";

// Endpoint health: a count of Live deliveries that failed for good in a row. Owners and
// Admins are alerted at 5, 10 and 15; at 20, or after 5 days without a success, the webhook
// is disabled with its reason. A success (counted in the attempt log's statement) or enabling
// the webhook by hand starts the count again.

export const ALERT_THRESHOLDS = [5, 10, 15] as const;
export const DISABLE_AFTER_FAILURES = 20;
export const DISABLE_AFTER_MS = 5 * 24 * 60 * 60_000;

/** What enabling a webhook by hand resets. */
export const HEALTH_RESET = {
  disabledReason: null,
  consecutiveFailures: 0,
  failureAlertLevel: 0,
} as const;

type Counted = {
  consecutiveFailures: number;
  failureAlertLevel: number;
  lastSuccessAt: Date | null;
  updatedAt: Date;
  organizationId: string;
  name: string;
};

/** The audit entry for a webhook the system disabled, with the reason it gives. */
export function autoDisabled(id: string, name: string, reason: string): AuditEntryInput {
  return {
    action: "webhook.auto_disabled",
    target: { type: "webhook", id, label: name },
    changes: [{ field: "Enabled", from: "On", to: `Off — ${reason}` }],
  };
}

/** Counts a Live delivery of the webhook that failed for good; alerts or disables at the thresholds. */
export async function recordTerminalFailure(webhookId: string, now: Date): Promise<void> {
  const [hook] = await db.$queryRaw<Counted[]>`
    UPDATE "Webhook" SET "consecutiveFailures" = "consecutiveFailures" + 1
    WHERE id = ${webhookId} AND enabled
    RETURNING "consecutiveFailures", "failureAlertLevel", "lastSuccessAt", "updatedAt",
              "organizationId", name`;
  if (!hook) return;
  const n = hook.consecutiveFailures;
  // The 5-day clock starts at the last success, or at the last change by an admin.
  const since = Math.max(hook.lastSuccessAt?.getTime() ?? 0, hook.updatedAt.getTime());
  const silentDays = now.getTime() - since >= DISABLE_AFTER_MS;
  if (n >= DISABLE_AFTER_FAILURES || silentDays) {
    const reason = silentDays
      ? `Disabled automatically on ${fullTime(now)}: no delivery succeeded for 5 days.`
      : `Disabled automatically on ${fullTime(now)}: ${plural(n, "delivery", "deliveries")} in a row failed.`;
    const disabled = await db.$transaction(async (tx) => {
      const count = await tx.$executeRaw`
        UPDATE "Webhook" SET enabled = false, "disabledReason" = ${reason}
        WHERE id = ${webhookId} AND enabled`;
      if (count) {
        await recordAudit(
          tx,
          { organizationId: hook.organizationId, system: true },
          autoDisabled(webhookId, hook.name, reason),
        );
      }
      return count;
    });
    if (disabled) await alert(webhookId, hook, `was disabled`, reason);
    return;
  }
  const level = ALERT_THRESHOLDS.filter((t) => t <= n).at(-1) ?? 0;
  if (level <= hook.failureAlertLevel) return;
  // Conditional, so two processes crossing the threshold together send one alert.
  const raised = await db.$executeRaw`
    UPDATE "Webhook" SET "failureAlertLevel" = ${level}
    WHERE id = ${webhookId} AND "failureAlertLevel" < ${level}`;
  if (raised) {
    await alert(
      webhookId,
      hook,
      `has failed ${plural(level, "delivery", "deliveries")} in a row`,
      `It is disabled automatically after ${DISABLE_AFTER_FAILURES} failures in a row, or after 5 days without a success.`,
    );
  }
}

async function alert(webhookId: string, hook: Counted, what: string, detail: string) {
  const admins = await db.membership.findMany({
    where: { organizationId: hook.organizationId, role: { in: ["OWNER", "ADMIN"] } },
    select: { user: { select: { email: true } } },
  });
  if (admins.length === 0) return;
  const link = `${env().NEXTAUTH_URL ?? ""}/webhooks/${webhookId}`;
  const subject = `[Webhooks] “${hook.name}” ${what}`;
  const text = `The webhook “${hook.name}” ${what}.\n\n${detail}\n\nSee its deliveries and fix it: ${link}\n`;
  const html = `<p>The webhook <strong>${escapeHtml(hook.name)}</strong> ${what}.</p><p>${escapeHtml(detail)}</p><p><a href="${escapeHtml(link)}">See its deliveries and fix it</a></p>`;
  const sent = await sendMail({ to: admins.map((a) => a.user.email), subject, text, html });
  if (sent.status === "FAILED")
    logger("alerts").error(
      { webhookId, organizationId: hook.organizationId, smtp: sent.response },
      "health alert not sent",
    );
}
