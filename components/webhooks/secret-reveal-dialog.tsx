"use client";

import { KeyRound } from "lucide-react";
import { CopyButton } from "@/components/ui/copy-button";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";

type Props = { secret: string | null; title: string; onClose: () => void };

/** Shows a signing secret the one time it is available in full. */
export function SecretRevealDialog({ secret, title, onClose }: Props) {
  return (
    <Dialog open={secret !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent>
        <DialogHeader>
          <DialogTitle className="flex items-center gap-2">
            <KeyRound className="size-4" aria-hidden /> {title}
          </DialogTitle>
          <DialogDescription>
            Receivers use this secret to verify the <code>webhook-signature</code> header. Copy it
            now: it will not be shown again, only its last four characters.
          </DialogDescription>
        </DialogHeader>
        <div className="bg-muted/50 flex items-center gap-2 rounded-md border p-2">
          <code data-testid="signing-secret" className="min-w-0 flex-1 font-mono text-xs break-all">
            {secret}
          </code>
          <CopyButton value={secret ?? ""} label="Copy signing secret" />
        </div>
        <DialogFooter>
          <Button onClick={onClose}>I have copied it</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
