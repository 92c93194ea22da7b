"use client";

import { ShieldCheck } from "lucide-react";
import { toast } from "sonner";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { verifyWebhookUrlAction } from "@/lib/webhooks/actions";

/** Verify URL: sends GET <url>?echo=… and records whether the endpoint echoed it back. */
export function VerifyUrlButton({
  webhookId,
  disabled,
}: {
  webhookId: string;
  disabled?: boolean;
}) {
  const { pending, run } = useActionRunner();
  return (
    <Button
      type="button"
      variant="outline"
      loading={pending}
      disabled={disabled}
      onClick={() =>
        run(
          () => verifyWebhookUrlAction({ id: webhookId }),
          undefined,
          ({ data }) =>
            data?.verified
              ? toast.success("URL verified: the endpoint echoed the value back.")
              : toast.error(`Not verified. ${data?.reason ?? ""}`),
        )
      }
    >
      <ShieldCheck aria-hidden /> Verify URL
    </Button>
  );
}
