"use client";

import { useQuery } from "@tanstack/react-query";
import { History } from "lucide-react";
import { useState } from "react";
import { toast } from "sonner";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { countRecoverableAction, recoverFailedAction } from "@/lib/delivery-log/actions";
import { fromUtcInputValue, plural, toUtcInputValue } from "@/lib/format";

/** "Redeliver failed deliveries since …": shows how many first, then schedules them. */
export function RecoverDialog({
  webhookId,
  defaultSince,
  label = "Recover failed deliveries",
  variant = "outline",
}: {
  webhookId: string;
  defaultSince: string;
  label?: string;
  variant?: "outline" | "default";
}) {
  const [open, setOpen] = useState(false);
  const [since, setSince] = useState(() => toUtcInputValue(defaultSince));
  const sinceIso = fromUtcInputValue(since);
  const count = useQuery({
    queryKey: ["recoverable", webhookId, sinceIso],
    queryFn: async () => {
      const result = await countRecoverableAction({ webhookId, since: sinceIso! });
      if (result?.data === undefined) throw new Error(result?.serverError ?? "Could not count.");
      return result.data;
    },
    enabled: open && sinceIso !== null,
  });
  const { pending, run } = useActionRunner();

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant={variant}>
          <History aria-hidden /> {label}
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Redeliver failed deliveries</DialogTitle>
          <DialogDescription>
            Every delivery of this webhook that failed for good since the time you choose is sent
            again, oldest first, ten per second, with its original webhook-id.
          </DialogDescription>
        </DialogHeader>
        <div className="space-y-2">
          <Label htmlFor="recover-since">Failed since (UTC)</Label>
          <Input
            id="recover-since"
            type="datetime-local"
            value={since}
            onChange={(e) => setSince(e.target.value)}
          />
          <p className="text-sm" aria-live="polite">
            {sinceIso === null
              ? "Choose a date and time."
              : count.isPending
                ? "Counting…"
                : count.isError
                  ? count.error.message
                  : count.data === 0
                    ? "No failed deliveries since then."
                    : `${plural(count.data, "failed delivery", "failed deliveries")} will be redelivered.`}
          </p>
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button
            disabled={pending || !sinceIso || !count.data}
            onClick={() =>
              run(
                () => recoverFailedAction({ webhookId, since: sinceIso!, confirm: true }),
                undefined,
                (result) => {
                  setOpen(false);
                  const n = result.data?.count ?? 0;
                  toast.success(`${plural(n, "delivery", "deliveries")} scheduled for redelivery.`);
                },
              )
            }
          >
            Redeliver {count.data ? count.data : ""}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
