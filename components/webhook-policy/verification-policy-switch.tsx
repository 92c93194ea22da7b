"use client";

import { useActionRunner } from "@/components/forms/use-action-runner";
import { Label } from "@/components/ui/label";
import { Switch } from "@/components/ui/switch";
import { setVerificationPolicyAction } from "@/lib/webhooks/actions";

/** Owners turn "Require verification before a webhook goes live" on or off. */
export function VerificationPolicySwitch({ on, canChange }: { on: boolean; canChange: boolean }) {
  const { pending, run } = useActionRunner();
  return (
    <div className="flex items-center gap-3">
      <Switch
        id="require-verified-url"
        checked={on}
        disabled={!canChange || pending}
        onCheckedChange={(requireVerifiedUrl) =>
          run(
            () => setVerificationPolicyAction({ requireVerifiedUrl }),
            requireVerifiedUrl
              ? "Webhooks now need a verified URL to go live."
              : "Webhooks can go live without a verified URL.",
          )
        }
      />
      <Label htmlFor="require-verified-url">Require verification before a webhook goes live</Label>
    </div>
  );
}
