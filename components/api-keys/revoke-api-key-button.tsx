"use client";

import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { revokeApiKeyAction } from "@/lib/api-keys/actions";

/** Revokes a key after confirmation. */
export function RevokeApiKeyButton({ id, name }: { id: string; name: string }) {
  const { pending, run } = useActionRunner();
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={() => {
        if (!window.confirm(`Revoke “${name}”? Requests with it will be refused at once.`)) return;
        run(() => revokeApiKeyAction({ id }), `Revoked “${name}”.`);
      }}
    >
      Revoke
    </Button>
  );
}
