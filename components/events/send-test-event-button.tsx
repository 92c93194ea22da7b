"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useEffect, useState } from "react";
import { DeliveryOutcomes } from "@/components/events/delivery-outcomes";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { sendTestEventAction } from "@/lib/events/actions";

type Target = { id: string; name: string };

/** Sends sample data for a webhook's event type when opened, and shows the outcome live. */
export function TestEventDialog({
  webhook,
  onClose,
}: {
  webhook: Target | null;
  onClose: () => void;
}) {
  const send = useMutation({
    mutationFn: async (webhookId: string) => {
      const result = await sendTestEventAction({ webhookId });
      if (!result?.data)
        throw new Error(result?.serverError ?? "The test event could not be sent. Try again.");
      return result.data;
    },
  });
  const { mutate, reset } = send;
  useEffect(() => {
    if (webhook) mutate(webhook.id);
    else reset();
  }, [webhook, mutate, reset]);

  return (
    <Dialog open={webhook !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Test event for “{webhook?.name}”</DialogTitle>
          <DialogDescription>
            Sample data for its event type, sent through the same path as real events.
          </DialogDescription>
        </DialogHeader>
        {send.isError ? (
          <p role="alert" className="text-destructive text-sm">
            {send.error.message}
          </p>
        ) : send.data ? (
          <DeliveryOutcomes ids={send.data.deliveryIds} />
        ) : (
          <p className="text-muted-foreground text-sm">Sending…</p>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** The Send test event button of a webhook. */
export function SendTestEventButton({ webhook }: { webhook: Target }) {
  const [target, setTarget] = useState<Target | null>(null);
  return (
    <>
      <Button variant="outline" size="sm" onClick={() => setTarget(webhook)}>
        <Send aria-hidden /> Send test event
      </Button>
      <TestEventDialog webhook={target} onClose={() => setTarget(null)} />
    </>
  );
}
