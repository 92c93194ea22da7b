"use client";

import { CircleAlert, TriangleAlert } from "lucide-react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { RecoverDialog } from "@/components/webhook-detail/recover-dialog";
import { setWebhookEnabledAction } from "@/lib/webhooks/actions";
import { plural } from "@/lib/format";

/**
 * The endpoint's trouble, if any: disabled by the system (with Re-enable and Recover since
 * outage), or failing repeatedly (with the count and what happens next).
 */
export function HealthBanner({
  webhook,
  canWrite,
  outageSince,
}: {
  webhook: {
    id: string;
    enabled: boolean;
    disabledReason: string | null;
    consecutiveFailures: number;
    failureAlertLevel: number;
  };
  canWrite: boolean;
  outageSince: string;
}) {
  const { pending, run } = useActionRunner();
  if (!webhook.enabled && webhook.disabledReason) {
    return (
      <div
        role="alert"
        className="border-destructive/30 bg-destructive-soft flex flex-col gap-3 rounded-lg border p-4 sm:flex-row sm:items-center"
      >
        <CircleAlert className="text-destructive size-5 shrink-0" aria-hidden />
        <div className="flex-1 text-sm">
          <p className="text-destructive font-medium">This webhook is disabled</p>
          <p>{webhook.disabledReason}</p>
        </div>
        {canWrite && (
          <div className="flex flex-wrap gap-2">
            <Button
              disabled={pending}
              onClick={() =>
                run(
                  () => setWebhookEnabledAction({ id: webhook.id, enabled: true }),
                  "Re-enabled: new events are delivered again.",
                )
              }
            >
              Re-enable
            </Button>
            <RecoverDialog
              webhookId={webhook.id}
              defaultSince={outageSince}
              label="Recover since outage"
            />
          </div>
        )}
      </div>
    );
  }
  if (webhook.enabled && webhook.failureAlertLevel > 0) {
    return (
      <div
        role="alert"
        className="border-warning/30 bg-warning-soft flex flex-col gap-3 rounded-lg border p-4 sm:flex-row sm:items-center"
      >
        <TriangleAlert className="text-warning size-5 shrink-0" aria-hidden />
        <div className="flex-1 text-sm">
          <p className="text-warning font-medium">
            {plural(webhook.consecutiveFailures, "delivery", "deliveries")} in a row failed
          </p>
          <p>
            Owners and Admins were e-mailed. The webhook is disabled automatically after 20 failures
            in a row, or after 5 days without a success. Open a failed delivery below to see why.
          </p>
        </div>
        {canWrite && (
          <RecoverDialog
            webhookId={webhook.id}
            defaultSince={outageSince}
            label="Recover since outage"
          />
        )}
      </div>
    );
  }
  return null;
}
