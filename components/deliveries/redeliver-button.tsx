"use client";

import { RotateCw } from "lucide-react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { redeliverAction } from "@/lib/delivery-log/actions";

/** A new attempt of this delivery now, with the same webhook-id. */
export function RedeliverButton({ id }: { id: string }) {
  const { pending, run } = useActionRunner();
  return (
    <Button
      onClick={() =>
        run(() => redeliverAction({ id }), "Redelivering — the new attempt appears below.")
      }
      disabled={pending}
    >
      <RotateCw aria-hidden className={pending ? "animate-spin" : undefined} /> Redeliver
    </Button>
  );
}
