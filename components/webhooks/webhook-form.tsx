"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Info, Plus, X } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { FormProvider, useFieldArray, useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { applyActionResult } from "@/components/forms/action-result";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { FormError } from "@/components/forms/form-error";
import {
  AuthenticationCard,
  type StoredClientCert,
} from "@/components/webhooks/authentication-card";
import { ConditionsEditor } from "@/components/webhooks/conditions-editor";
import { PayloadEditor, type PayloadEditorHandle } from "@/components/webhooks/payload-editor";
import { PayloadPreview } from "@/components/webhooks/payload-preview";
import { PresetMenu } from "@/components/webhooks/preset-menu";
import { RedactionPicker } from "@/components/webhooks/redaction-picker";
import { SecretRevealDialog } from "@/components/webhooks/secret-reveal-dialog";
import { TokenPalette } from "@/components/webhooks/token-palette";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Switch } from "@/components/ui/switch";
import { Textarea } from "@/components/ui/textarea";
import {
  eventGroups,
  eventTypesInGroup,
  getEventType,
  isEventTypeKey,
  type EventGroupKey,
} from "@/lib/events/catalog";
import { metaTokenGroup, templateTokenPaths } from "@/lib/events/catalog-meta";
import { timeBasedRule } from "@/lib/events/time-based";
import { fullPayloadTemplate, presetInfo, validateTemplate } from "@/lib/payload";
import { UrlVerification } from "@/components/webhooks/url-verification";
import { checkUrlAction, createWebhookAction, updateWebhookAction } from "@/lib/webhooks/actions";
import {
  createWebhookSchema,
  payloadFormats,
  QUERY_VERBS,
  updateWebhookSchema,
  verbs,
  type AuthTypeKey,
  type WebhookFormValues,
} from "@/lib/webhooks/schemas";

const formatLabels = {
  JSON: "JSON",
  XML: "XML",
  FORM: "Form (URL-encoded)",
  TEXT: "Plain text",
} as const;
const retryDescriptions = {
  STANDARD:
    "A failed delivery is retried after 5 s, 30 s, 2 m, 5 m, 10 m, 20 m, 40 m, 1 h, 1 h 30 m and 2 h — all within 6 hours.",
  EXTENDED:
    "Retried after 5 s, 5 m, 30 m, 2 h, 5 h, 10 h, 14 h, 20 h and 24 h (the Standard Webhooks schedule).",
  NONE: "One attempt; a failure is final.",
} as const;

type Props =
  | { mode: "create"; defaultValues: WebhookFormValues; readOnly?: false }
  | {
      mode: "edit";
      id: string;
      defaultValues: WebhookFormValues;
      storedAuthType: AuthTypeKey;
      storedClientCert: StoredClientCert;
      /** The saved URL's echo check (Verify URL). */
      verification: { verified: boolean; error: string | null };
      readOnly: boolean;
    };

type Values = WebhookFormValues & { id?: string };

/** Add Event / Edit: every setting of a webhook, with the payload builder and live preview. */
export function WebhookForm(props: Props) {
  const router = useRouter();
  const editor = useRef<PayloadEditorHandle>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [urlWarning, setUrlWarning] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(props.mode === "create" ? createWebhookSchema : updateWebhookSchema),
    defaultValues:
      props.mode === "edit" ? { ...props.defaultValues, id: props.id } : props.defaultValues,
    mode: "onTouched",
  });
  const { register, control, setValue, formState } = form;
  const { errors, isSubmitting } = formState;
  const headers = useFieldArray({ control, name: "headers" });
  const v = useWatch({ control }) as Values;
  const readOnly = props.readOnly === true;

  const eventType = isEventTypeKey(v.eventType) ? getEventType(v.eventType) : undefined;
  const group = (eventType?.group ?? "chat") as EventGroupKey;
  const rule = timeBasedRule(v.eventType);
  // What the editor marks as known: the type's tokens and the meta tokens.
  const knownTokens = useMemo(
    () => new Set(eventType ? templateTokenPaths(eventType.key) : []),
    [eventType],
  );
  // Masked tokens and conditions the newly chosen event type does not offer are dropped.
  useEffect(() => {
    const offered = new Set(eventType?.tokens.map((t) => t.path));
    const current = form.getValues("redactTokens") ?? [];
    const kept = current.filter((path) => offered.has(path));
    if (kept.length !== current.length) setValue("redactTokens", kept, { shouldDirty: true });
    const conditions = form.getValues("conditions") ?? [];
    const applicable = conditions
      .map((group) => ({ rules: group.rules.filter((rule) => offered.has(rule.token)) }))
      .filter((group) => group.rules.length > 0);
    if (JSON.stringify(applicable) !== JSON.stringify(conditions))
      setValue("conditions", applicable, { shouldDirty: true });
  }, [form, eventType, setValue]);
  const templateIssues = useMemo(
    () =>
      eventType
        ? validateTemplate({
            format: v.payloadFormat,
            template: v.payloadTemplate ?? "",
            eventType: eventType.key,
          })
        : [],
    [eventType, v.payloadFormat, v.payloadTemplate],
  );
  const host = (() => {
    try {
      return new URL(v.url ?? "").host;
    } catch {
      return "";
    }
  })();
  // The name the server gives an unnamed webhook (lib/webhooks/service.ts), as a placeholder.
  const defaultName = eventType ? `${eventType.label} → ${host || "host"}` : "";
  const urlHasCredentials = /^https?:\/\/[^/@\s]+@/i.test(v.url ?? "");

  const setTemplate = (text: string) => {
    setValue("payloadTemplate", text, { shouldDirty: true, shouldValidate: true });
    editor.current?.replace(text);
  };

  const onSubmit = form.handleSubmit(async (values) => {
    if (props.mode === "create") {
      const result = await createWebhookAction(values);
      if (!applyActionResult(form, result) || !result?.data) return;
      setSecret(result.data.signingSecret);
    } else {
      const result = await updateWebhookAction({ ...values, id: props.id });
      if (!applyActionResult(form, result)) return;
      toast.success(`Saved “${values.name || "webhook"}”.`);
      router.push("/webhooks");
      router.refresh();
    }
  });

  return (
    <FormProvider {...form}>
      <form
        onSubmit={onSubmit}
        noValidate
        className="space-y-6"
        aria-label={props.mode === "create" ? "Add Event" : "Edit webhook"}
      >
        <HydratedFieldset disabled={readOnly || isSubmitting} className="space-y-6">
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

          <Card>
            <CardHeader>
              <CardTitle as="h2">Request</CardTitle>
              <CardDescription>Where the payload goes, and how.</CardDescription>
            </CardHeader>
            <CardContent className="grid gap-4 sm:grid-cols-[10rem_1fr]">
              <FormField label="Verb" htmlFor="verb" error={errors.verb?.message} required>
                <NativeSelect id="verb" {...register("verb")}>
                  {verbs.map((verb) => (
                    <NativeSelectOption key={verb} value={verb}>
                      {verb}
                    </NativeSelectOption>
                  ))}
                </NativeSelect>
              </FormField>
              <FormField
                label="URL"
                htmlFor="url"
                error={errors.url?.message}
                required
                description={
                  urlHasCredentials
                    ? "The user name and password in this URL will be moved to Basic authentication and removed from the URL."
                    : "http:// or https://. Credentials in the URL (https://user:pass@host) become Basic authentication."
                }
              >
                <Input
                  id="url"
                  type="url"
                  inputMode="url"
                  placeholder="https://example.com/webhooks/chat"
                  autoComplete="off"
                  spellCheck={false}
                  {...register("url", {
                    onBlur: async (e: React.FocusEvent<HTMLInputElement>) => {
                      const result = await checkUrlAction({ url: e.target.value });
                      setUrlWarning(result?.data && !result.data.ok ? result.data.message : null);
                    },
                  })}
                />
                {props.mode === "edit" && (
                  <UrlVerification
                    webhookId={props.id}
                    {...props.verification}
                    unsaved={v.url !== props.defaultValues.url}
                    readOnly={readOnly}
                  />
                )}
                {urlWarning && (
                  <p
                    role="status"
                    className="border-warning/30 bg-warning-soft text-warning mt-2 rounded-md border px-3 py-2 text-sm"
                  >
                    Deliveries to this URL will be refused: {urlWarning}
                  </p>
                )}
              </FormField>
              <fieldset className="space-y-2 sm:col-span-2">
                <legend className="text-sm font-medium">
                  Headers <span className="text-muted-foreground font-normal">(optional)</span>
                </legend>
                {headers.fields.length === 0 && (
                  <p className="text-muted-foreground text-sm">
                    No extra headers. Signature and event headers are always added.
                  </p>
                )}
                {headers.fields.map((field, i) => (
                  <div key={field.id} className="grid grid-cols-[1fr_1fr_auto] items-start gap-2">
                    <FormField
                      label={<span className="sr-only">Header {i + 1} name</span>}
                      htmlFor={`headers.${i}.name`}
                      error={errors.headers?.[i]?.name?.message}
                    >
                      <Input
                        id={`headers.${i}.name`}
                        placeholder="Name, e.g. X-Source"
                        spellCheck={false}
                        {...register(`headers.${i}.name`)}
                      />
                    </FormField>
                    <FormField
                      label={<span className="sr-only">Header {i + 1} value</span>}
                      htmlFor={`headers.${i}.value`}
                      error={errors.headers?.[i]?.value?.message}
                    >
                      <Input
                        id={`headers.${i}.value`}
                        placeholder="Value"
                        spellCheck={false}
                        {...register(`headers.${i}.value`)}
                      />
                    </FormField>
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove header ${i + 1}`}
                      onClick={() => headers.remove(i)}
                    >
                      <X aria-hidden />
                    </Button>
                  </div>
                ))}
                {errors.headers?.message && (
                  <p role="alert" className="text-destructive text-sm">
                    {errors.headers.message}
                  </p>
                )}
                {headers.fields.length < 20 && (
                  <Button
                    variant="outline"
                    size="sm"
                    onClick={() => headers.append({ name: "", value: "" })}
                  >
                    <Plus aria-hidden /> Add header
                  </Button>
                )}
              </fieldset>
            </CardContent>
          </Card>

          <Card>
            <CardHeader>
              <CardTitle as="h2">Payload</CardTitle>
              <CardDescription>
                Build the body from the tokens this event type offers. Values are escaped for the
                format you choose.
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              <div className="flex flex-wrap items-end gap-3">
                <FormField
                  label="Payload format"
                  htmlFor="payloadFormat"
                  error={errors.payloadFormat?.message}
                  className="w-56"
                >
                  <NativeSelect id="payloadFormat" {...register("payloadFormat")}>
                    {payloadFormats.map((f) => (
                      <NativeSelectOption key={f} value={f}>
                        {formatLabels[f]}
                      </NativeSelectOption>
                    ))}
                  </NativeSelect>
                </FormField>
                <PresetMenu
                  format={v.payloadFormat}
                  disabled={!eventType}
                  onChoose={(preset) => {
                    if (!eventType) return;
                    const what =
                      preset === "flat"
                        ? "every token of this event type"
                        : `the ${presetInfo[preset].label} template`;
                    if (
                      v.payloadTemplate?.trim() &&
                      !window.confirm(`Replace the current payload with ${what}?`)
                    )
                      return;
                    setTemplate(fullPayloadTemplate(v.payloadFormat, eventType.key, preset));
                  }}
                />
              </div>
              {QUERY_VERBS.includes(v.verb) && (
                <p className="text-muted-foreground flex items-start gap-2 text-sm">
                  <Info className="mt-0.5 size-4 shrink-0" aria-hidden /> {v.verb} carries the
                  payload as query parameters, so only the Form format applies.
                </p>
              )}
              <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_17rem]">
                <div className="min-w-0 space-y-2">
                  <span id="payload-label" className="text-sm font-medium">
                    Payload
                  </span>
                  <PayloadEditor
                    ref={editor}
                    value={v.payloadTemplate ?? ""}
                    onChange={(text) =>
                      setValue("payloadTemplate", text, { shouldDirty: true, shouldValidate: true })
                    }
                    format={v.payloadFormat}
                    knownTokens={knownTokens}
                    labelledBy="payload-label"
                    describedBy="payload-issues"
                    invalid={templateIssues.length > 0}
                    readOnly={readOnly}
                  />
                  <div id="payload-issues" aria-live="polite">
                    {templateIssues.length > 0 ? (
                      <ul role="alert" className="text-destructive space-y-1 text-sm">
                        {templateIssues.map((issue, i) => (
                          <li key={i}>{issue.message}</li>
                        ))}
                      </ul>
                    ) : (
                      errors.payloadTemplate?.message && (
                        <p role="alert" className="text-destructive text-sm">
                          {errors.payloadTemplate.message}
                        </p>
                      )
                    )}
                  </div>
                </div>
                <TokenPalette
                  sections={eventType ? [...eventType.sections, metaTokenGroup] : []}
                  disabled={readOnly}
                  onInsert={(path) => editor.current?.insert(`{{${path}}}`)}
                />
              </div>
              <PayloadPreview
                webhookName={v.name?.trim() || defaultName}
                testMode={v.testMode}
                testEmails={v.testEmails ?? ""}
                spec={{
                  eventType: v.eventType,
                  verb: v.verb,
                  url: v.url ?? "",
                  headers: v.headers ?? [],
                  payloadFormat: v.payloadFormat,
                  payloadTemplate: v.payloadTemplate ?? "",
                  authType: v.authType,
                  authUsername: v.authUsername,
                  authHeaderName: v.authHeaderName,
                }}
              />
            </CardContent>
          </Card>

          {eventType && (
            <Card>
              <CardHeader>
                <CardTitle as="h2">Conditions</CardTitle>
                <CardDescription>
                  Fire only for some {eventType.label} events: every condition in a group must hold,
                  and any group will do. Events that do not match are counted as skipped.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <ConditionsEditor
                  eventType={eventType}
                  value={v.conditions ?? []}
                  onChange={(next) =>
                    setValue("conditions", next, {
                      shouldDirty: true,
                      shouldValidate: formState.isSubmitted,
                    })
                  }
                  errors={errors.conditions as never}
                  disabled={readOnly}
                />
              </CardContent>
            </Card>
          )}

          {eventType && (
            <Card>
              <CardHeader>
                <CardTitle as="h2">Privacy</CardTitle>
                <CardDescription>
                  Values to mask in the delivery log and in test e-mails. Live deliveries still
                  carry them; nobody can read them here afterwards.
                </CardDescription>
              </CardHeader>
              <CardContent>
                <RedactionPicker
                  sections={eventType.sections}
                  value={v.redactTokens ?? []}
                  onChange={(next) => setValue("redactTokens", next, { shouldDirty: true })}
                  error={errors.redactTokens?.message}
                />
              </CardContent>
            </Card>
          )}

          <AuthenticationCard
            storedAuthType={props.mode === "edit" ? props.storedAuthType : null}
            storedClientCert={props.mode === "edit" ? props.storedClientCert : null}
          />

          <Card>
            <CardHeader>
              <CardTitle as="h2">Delivery</CardTitle>
              <CardDescription>
                Test first: in Test mode every payload is e-mailed to you instead of being sent, so
                you can check its format. Switch Test mode off to go live.
              </CardDescription>
            </CardHeader>
            <CardContent className="space-y-4">
              <div className="flex items-center gap-3">
                <Switch
                  id="testMode"
                  checked={v.testMode}
                  onCheckedChange={(on) =>
                    setValue("testMode", on, { shouldDirty: true, shouldValidate: true })
                  }
                />
                <label htmlFor="testMode" className="text-sm font-medium">
                  Test mode
                </label>
              </div>
              {v.testMode && (
                <FormField
                  label="Test e-mail"
                  htmlFor="testEmails"
                  description="Where test payloads are e-mailed. Separate several addresses with commas."
                  error={errors.testEmails?.message}
                  required
                  className="max-w-xl"
                >
                  <Textarea id="testEmails" rows={2} {...register("testEmails")} />
                </FormField>
              )}
              <div className="grid gap-4 sm:grid-cols-2">
                <FormField
                  label="Retry policy"
                  htmlFor="retryPolicy"
                  description={retryDescriptions[v.retryPolicy]}
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
                  checked={v.enabled}
                  onCheckedChange={(on) => setValue("enabled", on, { shouldDirty: true })}
                />
                <label htmlFor="enabled" className="text-sm font-medium">
                  Enabled
                </label>
              </div>
            </CardContent>
          </Card>
        </HydratedFieldset>

        {!readOnly && (
          <div className="bg-background/95 sticky bottom-0 z-10 -mx-4 flex flex-col gap-3 border-t px-4 py-3 backdrop-blur sm:flex-row sm:items-center md:-mx-8 md:px-8">
            <div className="min-w-0 flex-1">
              <FormError message={errors.root?.message} />
            </div>
            <div className="flex gap-2">
              <Button variant="outline" asChild>
                <Link href="/webhooks">Cancel</Link>
              </Button>
              <Button type="submit" loading={isSubmitting}>
                {props.mode === "create" ? "Save event" : "Save changes"}
              </Button>
            </div>
          </div>
        )}

        <SecretRevealDialog
          secret={secret}
          title="Webhook created — its signing secret"
          onClose={() => {
            setSecret(null);
            router.push("/webhooks");
            router.refresh();
          }}
        />
      </form>
    </FormProvider>
  );
}
