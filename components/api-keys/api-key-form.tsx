"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { createApiKeyAction } from "@/lib/api-keys/actions";
import { createApiKeySchema } from "@/lib/api-keys/schemas";

type Values = z.infer<typeof createApiKeySchema>;

/** Creates an API key and shows it once. */
export function ApiKeyForm() {
  const router = useRouter();
  const [key, setKey] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: { name: "" },
  });
  const { errors, isSubmitting } = form.formState;
  const onSubmit = form.handleSubmit(async (values) => {
    const result = await createApiKeyAction(values);
    if (!applyActionResult(form, result) || !result?.data) return;
    setKey(result.data.key);
    form.reset();
    router.refresh();
  });
  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate>
        <HydratedFieldset className="flex flex-col gap-3 sm:flex-row sm:items-start">
          <FormField
            label="Key name"
            htmlFor="key-name"
            error={errors.name?.message}
            className="flex-1"
          >
            <Input
              id="key-name"
              placeholder="Chat platform — production"
              {...form.register("name")}
            />
          </FormField>
          <Button type="submit" loading={isSubmitting} className="sm:mt-6">
            Create API key
          </Button>
        </HydratedFieldset>
      </form>
      <FormError message={errors.root?.message} />
      {key && (
        <div
          role="status"
          className="border-success/30 bg-success-soft space-y-2 rounded-md border p-3 text-sm"
        >
          <p className="text-success font-medium">
            Copy this key now — it will not be shown again.
          </p>
          <div className="flex items-center gap-2">
            <code
              data-testid="api-key"
              className="bg-background min-w-0 flex-1 rounded px-2 py-1 font-mono text-xs break-all"
            >
              {key}
            </code>
            <CopyButton value={key} label="Copy API key" />
          </div>
          <p className="text-muted-foreground">
            Send it as <code>Authorization: Bearer {"<key>"}</code> with{" "}
            <code>POST /api/v1/events</code>.
          </p>
        </div>
      )}
    </div>
  );
}
