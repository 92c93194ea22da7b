"use client";

import { useFormContext, useWatch } from "react-hook-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import type { WebhookFormState } from "@/components/webhooks/form/form-state";

const retryDescriptions = {
  STANDARD:
    "A failed delivery is retried after 5 s, 30 s, 2 m, 5 m, 10 m, 20 m, 40 m, 1 h, 1 h 30 m and 2 h — all within 6 hours.",
  EXTENDED:
    "Retried after 5 s, 5 m, 30 m, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (the Standard Webhooks schedule).",
  NONE: "One attempt; a failure is final.",
} as const;

/** The Delivery card: Test mode and its addresses, retries, timeout, enabled. */
export function DeliverySection() {
  const { register, control, setValue, formState } = useFormContext<WebhookFormState>();
  const { errors } = formState;
  const [testMode, retryPolicy, enabled] = useWatch({
    control,
    name: ["testMode", "retryPolicy", "enabled"],
  });

  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">Delivery</CardTitle>
        <CardDescription>
          Test first: in Test mode every payload is e-mailed to you instead of being sent, so you
          can check its format. Switch Test mode off to go live.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex items-center gap-3">
          <Switch
            id="testMode"
            checked={testMode}
            onCheckedChange={(on) =>
              setValue("testMode", on, { shouldDirty: true, shouldValidate: true })
            }
          />
          <label htmlFor="testMode" className="text-sm font-medium">
            Test mode
          </label>
        </div>
        {testMode && (
          <FormField
            label="Test e-mail"
            htmlFor="testEmails"
            description="Where test payloads are e-mailed. Separate several addresses with commas."
            error={errors.testEmails?.message}
            required
            className="max-w-xl"
          >
            <Textarea
              id="testEmails"
              rows={2}
              aria-invalid={errors.testEmails ? true : undefined}
              {...register("testEmails")}
            />
          </FormField>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <FormField
            label="Retry policy"
            htmlFor="retryPolicy"
            description={retryDescriptions[retryPolicy]}
            error={errors.retryPolicy?.message}
          >
            <NativeSelect id="retryPolicy" {...register("retryPolicy")}>
              <NativeSelectOption value="STANDARD">
                Standard — 10 retries within 6 hours
              </NativeSelectOption>
              <NativeSelectOption value="EXTENDED">
                Extended — retries over 3 days
              </NativeSelectOption>
              <NativeSelectOption value="NONE">None — one attempt only</NativeSelectOption>
            </NativeSelect>
          </FormField>
          <FormField
            label="Timeout (seconds)"
            htmlFor="timeoutSeconds"
            description="How long your endpoint has to answer, 1–30 s. Answer 2xx quickly and process later."
            error={errors.timeoutSeconds?.message}
          >
            <Input
              id="timeoutSeconds"
              type="number"
              min={1}
              max={30}
              inputMode="numeric"
              {...register("timeoutSeconds", { valueAsNumber: true })}
            />
          </FormField>
        </div>
        <div className="flex items-center gap-3">
          <Switch
            id="enabled"
            checked={enabled}
            onCheckedChange={(on) => setValue("enabled", on, { shouldDirty: true })}
          />
          <label htmlFor="enabled" className="text-sm font-medium">
            Enabled
          </label>
        </div>
      </CardContent>
    </Card>
  );
}
