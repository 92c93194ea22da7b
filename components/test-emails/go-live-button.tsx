"use client";

import { Rocket } from "lucide-react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { goLiveAction } from "@/lib/test-emails/actions";

type Props = { webhook: { id: string; name: string; url: string; enabled: boolean } };

/** Go live, after a confirmation: the webhook then sends real HTTP requests to its URL. */
export function GoLiveButton({ webhook }: Props) {
  const { pending, run } = useActionRunner();
  return (
    <AlertDialog>
      <AlertDialogTrigger asChild>
        <Button loading={pending}>
          <Rocket aria-hidden /> Go live
        </Button>
      </AlertDialogTrigger>
      <AlertDialogContent>
        <AlertDialogHeader>
          <AlertDialogTitle>Switch “{webhook.name}” to Live?</AlertDialogTitle>
          <AlertDialogDescription asChild>
            <div className="space-y-2">
              <p>
                From now on it sends real HTTP requests to its URL, signed, for every matching
                event, and stops e-mailing them.
                {!webhook.enabled && " It is disabled: nothing is sent until it is enabled again."}
              </p>
              <p className="bg-muted/50 text-foreground rounded-md border px-3 py-2 font-mono text-xs [overflow-wrap:anywhere]">
                {webhook.url}
              </p>
            </div>
          </AlertDialogDescription>
        </AlertDialogHeader>
        <AlertDialogFooter>
          <AlertDialogCancel>Stay in Test mode</AlertDialogCancel>
          <AlertDialogAction
            variant="default"
            onClick={() =>
              run(
                () => goLiveAction({ webhookId: webhook.id }),
                `“${webhook.name}” is live: its deliveries now go to its URL.`,
              )
            }
          >
            Go live
          </AlertDialogAction>
        </AlertDialogFooter>
      </AlertDialogContent>
    </AlertDialog>
  );
}
