"use client";

import { useEffect } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { useEventType, type WebhookFormState } from "@/components/webhooks/form/form-state";
import { RedactionPicker } from "@/components/webhooks/redaction-picker";

/** The Privacy card; masked tokens the chosen event type does not offer are dropped. */
export function PrivacySection() {
  const { control, setValue, getValues, formState } = useFormContext<WebhookFormState>();
  const redactTokens = useWatch({ control, name: "redactTokens" });
  const eventType = useEventType();

  useEffect(() => {
    const offered = new Set(eventType?.tokens.map((t) => t.path));
    const current = getValues("redactTokens") ?? [];
    const kept = current.filter((path) => offered.has(path));
    if (kept.length !== current.length) setValue("redactTokens", kept, { shouldDirty: true });
  }, [eventType, getValues, setValue]);

  if (!eventType) return null;
  return (
    <Card data-field="redactTokens">
      <CardHeader>
        <CardTitle as="h2">Privacy</CardTitle>
        <CardDescription>
          Values to mask in the delivery log and in test e-mails. Live deliveries still carry them;
          nobody can read them here afterwards.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <RedactionPicker
          sections={eventType.sections}
          value={redactTokens ?? []}
          onChange={(next) => setValue("redactTokens", next, { shouldDirty: true })}
          error={formState.errors.redactTokens?.message}
        />
      </CardContent>
    </Card>
  );
}
