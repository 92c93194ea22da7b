"use client";

import { useEffect } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ConditionsEditor } from "@/components/webhooks/conditions-editor";
import { useEventType, type WebhookFormState } from "@/components/webhooks/form/form-state";

/** The Conditions card; rules on tokens the chosen event type does not offer are dropped. */
export function ConditionsSection({ readOnly }: { readOnly: boolean }) {
  const { control, setValue, getValues, formState } = useFormContext<WebhookFormState>();
  const conditions = useWatch({ control, name: "conditions" });
  const eventType = useEventType();

  useEffect(() => {
    const offered = new Set(eventType?.tokens.map((t) => t.path));
    const current = getValues("conditions") ?? [];
    const applicable = current
      .map((group) => ({ rules: group.rules.filter((rule) => offered.has(rule.token)) }))
      .filter((group) => group.rules.length > 0);
    if (JSON.stringify(applicable) !== JSON.stringify(current))
      setValue("conditions", applicable, { shouldDirty: true });
  }, [eventType, getValues, setValue]);

  if (!eventType) return null;
  return (
    <Card data-field="conditions">
      <CardHeader>
        <CardTitle as="h2">Conditions</CardTitle>
        <CardDescription>
          Fire only for some {eventType.label} events: every condition in a group must hold, and any
          group will do. Events that do not match are counted as skipped.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <ConditionsEditor
          eventType={eventType}
          value={conditions ?? []}
          onChange={(next) =>
            setValue("conditions", next, {
              shouldDirty: true,
              shouldValidate: formState.isSubmitted,
            })
          }
          errors={formState.errors.conditions as never}
          disabled={readOnly}
        />
      </CardContent>
    </Card>
  );
}
