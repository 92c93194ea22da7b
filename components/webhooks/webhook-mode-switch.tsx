"use client";

import { FlaskConical, Rocket } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { backToTestModeAction, goLiveAction } from "@/lib/test-emails/actions";

/** What the confirmation needs to know about the webhook. */
export type ModeTarget = {
  id: string;
  name: string;
  url: string;
  enabled: boolean;
  testMode: boolean;
  /** Where Test mode e-mails deliveries (needed for "Back to Test mode" only). */
  testEmails?: string[];
};

/**
 * The confirmation for "Go live" (Test → Live) and "Back to Test mode" (Live → Test), used on
 * the webhook's page, in the webhooks list's row menu and on a test e-mail. It stays open while
 * the action runs and shows a refusal (the Owners' "verified URL required" policy) in place.
 * `mailKept`: no SMTP_URL, so Test mode keeps e-mails in the app instead of sending them.
 */
export function WebhookModeDialog({
  webhook,
  mailKept,
  onClose,
}: {
  webhook: ModeTarget | null;
  mailKept: boolean;
  onClose: () => void;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  // Kept while the dialog animates out, so its text does not flip to the other mode.
  const [shown, setShown] = useState(webhook);
  if (webhook && webhook !== shown) setShown(webhook);
  const w = webhook ?? shown;
  const goingLive = w?.testMode ?? true;

  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = () =>
    startTransition(async () => {
      if (!w) return;
      const action = goingLive ? goLiveAction : backToTestModeAction;
      const result = await action({ webhookId: w.id });
      if (!result?.data) {
        setError(result?.serverError ?? "That did not work. Reload the page and try again.");
        return;
      }
      toast.success(
        goingLive
          ? `“${w.name}” is live: its deliveries now go to its URL.`
          : `“${w.name}” is back in Test mode: its deliveries are ${mailKept ? "kept in Test e-mails" : "e-mailed"}, not sent to its URL.`,
      );
      close();
      router.refresh();
    });

  return (
    <AlertDialog open={webhook !== null} onOpenChange={(open) => !open && !pending && close()}>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle className="break-words">
            {goingLive ? `Switch “${w?.name}” to Live?` : `Switch “${w?.name}” back to Test mode?`}
          </AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-2">
              {goingLive ? (
                <p>
                  From now on it sends real HTTP requests to its URL, signed, for every matching
                  event, and stops e-mailing them.
                  {w && !w.enabled && " It is disabled: nothing is sent until it is enabled again."}
                </p>
              ) : (
                <p>
                  From now on nothing is sent to its URL: each delivery is{" "}
                  {mailKept
                    ? "kept in Test e-mails (no mail server configured)"
                    : `e-mailed to ${w?.testEmails?.join(", ") || "its test addresses"}`}
                  .
                </p>
              )}
              <p className="bg-muted/50 text-foreground rounded-md border px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {w?.url}
              </p>
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        {error && (
          <p role="alert" className="text-destructive text-sm">
            {error}
          </p>
        )}
        <AlertDialogFooter>
          <AlertDialogCancel disabled={pending}>
            {goingLive ? "Stay in Test mode" : "Stay live"}
          </AlertDialogCancel>
          {/* Not an AlertDialogAction: that would close the dialog before the answer. */}
          <Button loading={pending} onClick={confirm}>
            {goingLive ? "Go live" : "Back to Test mode"}
          </Button>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}

/** The "Go live" or "Back to Test mode" button with its confirmation. */
export function WebhookModeButton({
  webhook,
  mailKept,
  variant,
}: {
  webhook: ModeTarget;
  mailKept: boolean;
  variant?: "default" | "outline";
}) {
  const [target, setTarget] = useState<ModeTarget | null>(null);
  return (
    <>
      <Button
        variant={variant ?? (webhook.testMode ? "default" : "outline")}
        onClick={() => setTarget(webhook)}
      >
        {webhook.testMode ? (
          <>
            <Rocket aria-hidden /> Go live
          </>
        ) : (
          <>
            <FlaskConical aria-hidden /> Back to Test mode
          </>
        )}
      </Button>
      <WebhookModeDialog webhook={target} mailKept={mailKept} onClose={() => setTarget(null)} />
    </>
  );
}
