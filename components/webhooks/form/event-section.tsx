"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { useEventType, type WebhookFormState } from "@/components/webhooks/form/form-state";
import {
  eventGroups,
  eventTypesInGroup,
  getEventType,
  type EventGroupKey,
} from "@/lib/events/catalog";
import { timeBasedRule } from "@/lib/events/time-based";
import { defaultWebhookName } from "@/lib/webhooks/form-values";

/** The Event card: event, event type (with its time limit for time-based types) and name. */
export function EventSection() {
  const { register, control, setValue, formState } = useFormContext<WebhookFormState>();
  const { errors } = formState;
  const [eventTypeKey, url] = useWatch({ control, name: ["eventType", "url"] });
  const eventType = useEventType();
  const group = (eventType?.group ?? "chat") as EventGroupKey;
  const rule = timeBasedRule(eventTypeKey);
  const defaultName = eventType ? defaultWebhookName(eventType.label, url) : "";

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Event</CardTitle>
        <CardDescription>What triggers this webhook.</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4 sm:grid-cols-2">
        <FormField label="Event" htmlFor="eventGroup">
          <NativeSelect
            id="eventGroup"
            value={group}
            onChange={(e) => {
              const first = eventTypesInGroup(e.target.value as EventGroupKey)[0];
              if (first)
                setValue("eventType", first.key, { shouldDirty: true, shouldValidate: true });
            }}
          >
            {eventGroups.map((g) => (
              <NativeSelectOption key={g.key} value={g.key}>
                {g.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </FormField>
        <FormField
          label="Event type"
          htmlFor="eventType"
          description={eventType?.description}
          error={errors.eventType?.message}
          required
        >
          <NativeSelect id="eventType" {...register("eventType")}>
            {eventTypesInGroup(group).map((t) => (
              <NativeSelectOption key={t.key} value={t.key}>
                {t.label}
              </NativeSelectOption>
            ))}
          </NativeSelect>
        </FormField>
        {rule && (
          <FormField
            label={`Within (${rule.unit})`}
            htmlFor="threshold"
            description={`Fires once per ${rule.keyToken[0] === "chat" ? "chat" : "message"} when no ${rule.answering.map((a) => getEventType(a).label).join(" or ")} follows within this time: ${rule.min}–${rule.max} ${rule.unit}.`}
            error={errors.threshold?.message}
            required
          >
            <Input
              id="threshold"
              type="number"
              min={rule.min}
              max={rule.max}
              inputMode="numeric"
              {...register("threshold", { valueAsNumber: true })}
            />
          </FormField>
        )}
        <FormField
          label="Name"
          htmlFor="name"
          description="Shown in the list. Leave blank to use the event type and host."
          error={errors.name?.message}
          className="sm:col-span-2"
        >
          <Input id="name" placeholder={defaultName} {...register("name")} />
        </FormField>
      </CardContent>
    </Card>
  );
}
