"use client";

import { RotateCw } from "lucide-react";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { SecretRevealDialog } from "@/components/webhooks/secret-reveal-dialog";
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
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { rotateSigningSecretAction } from "@/lib/webhooks/actions";
import { fullTime } from "@/lib/format";

type Props = { id: string; hint: string; rotatedAt: string | null; canWrite: boolean };

/** The signing secret: only its last four characters, and Rotate (shown once in full). */
export function SigningSecretCard({ id, hint, rotatedAt, canWrite }: Props) {
  const { pending, run } = useActionRunner();
  const [secret, setSecret] = useState<string | null>(null);
  const rotate = () =>
    run(
      () => rotateSigningSecretAction({ id }),
      undefined,
      (result) => setSecret(result.data?.signingSecret ?? null),
    );

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Signing secret</CardTitle>
        <CardDescription>
          Each delivery carries webhook-id, webhook-timestamp and webhook-signature (HMAC-SHA256,
          Standard Webhooks). Receivers verify it with this secret.
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-wrap items-center gap-3">
        <code
          className="bg-muted/50 rounded-md border px-2 py-1 font-mono text-sm"
          aria-label="Signing secret, last four characters"
        >
          whsec_••••••••{hint}
        </code>
        {rotatedAt && (
          <span className="text-muted-foreground text-xs">
            Rotated {fullTime(rotatedAt)}; the previous secret also signs for 24 hours after that.
          </span>
        )}
        {canWrite && (
          <AlertDialog>
            <AlertDialogTrigger asChild>
              <Button variant="outline" size="sm" loading={pending}>
                <RotateCw aria-hidden /> Rotate secret
              </Button>
            </AlertDialogTrigger>
            <AlertDialogContent>
              <AlertDialogHeader>
                <AlertDialogTitle>Rotate the signing secret?</AlertDialogTitle>
                <AlertDialogDescription>
                  A new secret is generated and shown once. For 24 hours deliveries carry signatures
                  from both secrets, so you can update your receiver without dropping any.
                </AlertDialogDescription>
              </AlertDialogHeader>
              <AlertDialogFooter>
                <AlertDialogCancel>Cancel</AlertDialogCancel>
                <AlertDialogAction variant="default" onClick={rotate}>
                  Rotate secret
                </AlertDialogAction>
              </AlertDialogFooter>
            </AlertDialogContent>
          </AlertDialog>
        )}
      </CardContent>
      <SecretRevealDialog
        secret={secret}
        title="New signing secret"
        onClose={() => setSecret(null)}
      />
    </Card>
  );
}
