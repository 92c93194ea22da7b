"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";

type Result = { serverError?: string; validationErrors?: unknown } | undefined;

/**
 * Runs a server action from a button or menu: pending state while it runs, a toast with the
 * outcome, then a refresh of the server-rendered page. `onSuccess` gets the action's result.
 */
export function useActionRunner() {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const run = <R extends Result>(
    work: () => Promise<R>,
    success?: string,
    onSuccess?: (result: NonNullable<R>) => void,
  ) =>
    startTransition(async () => {
      const result = await work();
      if (!result || result.serverError || result.validationErrors) {
        toast.error(result?.serverError ?? "That did not work. Reload the page and try again.");
      } else {
        if (success) toast.success(success);
        onSuccess?.(result);
      }
      router.refresh();
    });
  return { pending, run };
}
