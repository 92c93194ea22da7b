"use client";

import { Braces, FileText, Info } from "lucide-react";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { PayloadFields } from "@/components/webhooks/form/payload-fields";
import { useEventType, type WebhookFormState } from "@/components/webhooks/form/form-state";
import { PayloadPreview } from "@/components/webhooks/payload-preview";
import { PresetMenu } from "@/components/webhooks/preset-menu";
import { TokenPalette } from "@/components/webhooks/token-palette";
import { metaTokenGroup, templateTokenPaths } from "@/lib/events/catalog-meta";
import {
  presetBuilder,
  presetInfo,
  fullPayloadTemplate,
  sendsInQuery,
  validateTemplate,
} from "@/lib/payload";
import {
  addToken,
  builderProblems,
  convertTemplate,
  fromTemplate,
  isFieldFormat,
  toTemplate,
  type PayloadBuilder,
} from "@/lib/payload/builder";
import { insertToken } from "@/lib/payload/insert-token";
import type { PayloadFormat } from "@/lib/payload/payload-format";
import { payloadFormats } from "@/lib/webhooks/schemas";
import { defaultWebhookName } from "@/lib/webhooks/form-values";

// CodeMirror is most of the form's JavaScript: it loads only when "Edit as text" is opened.
const PayloadEditor = dynamic(() => import("@/components/webhooks/payload-editor"), {
  ssr: false,
  loading: () => (
    <div className="text-muted-foreground flex h-60 items-center justify-center rounded-md border text-sm">
      Loading the editor…
    </div>
  ),
});

const formatLabels = {
  JSON: "JSON",
  XML: "XML",
  FORM: "Form (URL-encoded)",
  TEXT: "Plain text",
} as const;

/** The Payload card: format, presets, the field list or the text editor, tokens, live preview. */
export function PayloadSection({ readOnly }: { readOnly: boolean }) {
  const { control, setValue, getValues, formState, watch } = useFormContext<WebhookFormState>();
  const [format, template, builder, verb] = useWatch({
    control,
    name: ["payloadFormat", "payloadTemplate", "payloadBuilder", "verb"],
  });
  const eventType = useEventType();
  const cursor = useRef(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [insertion, setInsertion] = useState<{ template: string; cursor: number; seq: number }>();
  const queryOnly = sendsInQuery(verb);
  const mode = builder && isFieldFormat(format) ? "fields" : "text";

  const knownTokens = useMemo(
    () => new Set(eventType ? templateTokenPaths(eventType.key) : []),
    [eventType],
  );
  const problems = useMemo(
    () => (builder && isFieldFormat(format) ? builderProblems(builder, format) : []),
    [builder, format],
  );
  const templateIssues = useMemo(
    () =>
      eventType && mode === "text"
        ? validateTemplate({ format, template: template ?? "", eventType: eventType.key })
        : [],
    [eventType, format, template, mode],
  );

  // In text mode, why "Edit as fields" would not work, said before it is tried.
  const textOnly = useMemo(() => {
    if (mode !== "text" || !isFieldFormat(format) || templateIssues.length > 0) return undefined;
    const read = fromTemplate(format, template ?? "");
    return read.ok ? undefined : read.reason;
  }, [mode, format, template, templateIssues.length]);

  const opts = { shouldDirty: true, shouldValidate: formState.isSubmitted } as const;
  const setBuilder = useCallback(
    (next: PayloadBuilder | null, nextFormat: PayloadFormat, focus?: string) => {
      setValue("payloadBuilder", next, opts);
      if (next) setValue("payloadTemplate", toTemplate(nextFormat, next), opts);
      // After an operation the moved or added field keeps (or takes) the focus.
      if (focus)
        requestAnimationFrame(() => {
          const el = document.querySelector<HTMLElement>(
            `[data-field-id="${focus}"] input, [data-field-id="${focus}"] button`,
          );
          el?.focus();
          el?.scrollIntoView({ block: "nearest" });
        });
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [setValue, formState.isSubmitted],
  );

  const changeFormat = (next: PayloadFormat) => {
    setNotice(null);
    const [format, template, current] = getValues([
      "payloadFormat",
      "payloadTemplate",
      "payloadBuilder",
    ]);
    if (current && isFieldFormat(format)) {
      // Fields convert as they are; plain text is written from them and edited as text.
      setValue("payloadFormat", next, opts);
      setValue("payloadTemplate", toTemplate(next, current), opts);
      if (!isFieldFormat(next)) setValue("payloadBuilder", null, opts);
      return;
    }
    const converted = convertTemplate(format, next, template, current?.root);
    if (!converted.ok) {
      setNotice(`Can't convert this payload to ${formatLabels[next]}: ${converted.reason}`);
      return;
    }
    setValue("payloadFormat", next, opts);
    setValue("payloadTemplate", converted.template, opts);
    // From plain text, the new format opens as fields; text edited as text stays text.
    if (format === "TEXT" && isFieldFormat(next))
      setValue("payloadBuilder", converted.builder, opts);
  };

  // GET and DELETE send the payload as query parameters: only Form applies.
  const convertToForm = useRef(changeFormat);
  useEffect(() => {
    convertToForm.current = changeFormat;
  });
  useEffect(() => {
    const subscription = watch((v, { name }) => {
      if (name === "verb" && v.verb && sendsInQuery(v.verb) && v.payloadFormat !== "FORM")
        convertToForm.current("FORM");
    });
    return () => subscription.unsubscribe();
  }, [watch]);

  const onToken = (path: string) => {
    if (mode === "fields" && builder) {
      const added = addToken(builder, path);
      setBuilder(added.builder, format);
      setNotice(`Added the field “${added.field.key}”.`);
      return;
    }
    const next = insertToken(format, template ?? "", cursor.current, path);
    cursor.current = next.cursor;
    setValue("payloadTemplate", next.template, opts);
    setInsertion({ ...next, seq: (insertion?.seq ?? 0) + 1 });
  };

  const editAsFields = () => {
    const read = fromTemplate(format, template ?? "");
    if (!read.ok) {
      setNotice(`This payload stays as text: ${read.reason}`);
      return;
    }
    setNotice(null);
    setBuilder(read.builder, format);
  };

  const onCursor = useCallback((offset: number) => {
    cursor.current = offset;
  }, []);

  const error = formState.errors.payloadTemplate?.message;

  return (
    <Card data-field="payloadTemplate">
      <CardHeader>
        <CardTitle as="h2">Payload</CardTitle>
        <CardDescription>
          Click the tokens this event type offers to add them as fields. Values are escaped for the
          format you choose, so the body always parses.
        </CardDescription>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-end gap-3">
          <FormField label="Payload format" htmlFor="payloadFormat" className="w-56">
            <NativeSelect
              id="payloadFormat"
              value={format}
              onChange={(e) => changeFormat(e.target.value as PayloadFormat)}
            >
              {payloadFormats.map((f) => (
                <NativeSelectOption key={f} value={f} disabled={queryOnly && f !== "FORM"}>
                  {formatLabels[f]}
                </NativeSelectOption>
              ))}
            </NativeSelect>
          </FormField>
          <PresetMenu
            format={format}
            disabled={!eventType || readOnly}
            onChoose={(preset) => {
              if (!eventType) return;
              const what =
                preset === "flat"
                  ? "every token of this event type"
                  : `the ${presetInfo[preset].label} template`;
              if (template?.trim() && !window.confirm(`Replace the current payload with ${what}?`))
                return;
              setNotice(null);
              if (isFieldFormat(format))
                setBuilder(presetBuilder(eventType.key, preset, format), format);
              else
                setValue(
                  "payloadTemplate",
                  fullPayloadTemplate(format, eventType.key, preset),
                  opts,
                );
            }}
          />
          {isFieldFormat(format) && (
            <Button
              variant="ghost"
              disabled={readOnly}
              onClick={() =>
                mode === "fields" ? setValue("payloadBuilder", null, opts) : editAsFields()
              }
            >
              {mode === "fields" ? (
                <>
                  <FileText aria-hidden /> Edit as text
                </>
              ) : (
                <>
                  <Braces aria-hidden /> Edit as fields
                </>
              )}
            </Button>
          )}
        </div>
        {queryOnly && (
          <p className="text-muted-foreground flex items-start gap-2 text-sm">
            <Info className="mt-0.5 size-4 shrink-0" aria-hidden /> {verb} sends the payload as
            query parameters, so only the Form format applies.
          </p>
        )}
        <p role="status" aria-live="polite" className="text-muted-foreground min-h-5 text-sm">
          {notice}
        </p>
        <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_17rem]">
          <div className="min-w-0 space-y-2">
            <span id="payload-label" className="text-sm font-medium">
              {mode === "fields" ? "Payload fields" : "Payload template"}
            </span>
            {mode === "fields" && builder && isFieldFormat(format) ? (
              <PayloadFields
                builder={builder}
                format={format}
                problems={problems}
                disabled={readOnly}
                onChange={(next, focus) => setBuilder(next, format, focus)}
              />
            ) : (
              <>
                <PayloadEditor
                  value={template ?? ""}
                  onChange={(text) => setValue("payloadTemplate", text, opts)}
                  onCursor={onCursor}
                  insertion={insertion}
                  format={format}
                  knownTokens={knownTokens}
                  labelledBy="payload-label"
                  describedBy="payload-issues payload-keyboard"
                  invalid={templateIssues.length > 0}
                  readOnly={readOnly}
                />
                {textOnly && (
                  <p className="text-muted-foreground text-xs">
                    Kept as text — fields can&apos;t show it: {textOnly}
                  </p>
                )}
                <p id="payload-keyboard" className="text-muted-foreground text-xs">
                  Tab indents inside the editor. To leave it with the keyboard, press Esc, then Tab.
                </p>
              </>
            )}
            <div id="payload-issues" aria-live="polite">
              {templateIssues.length > 0 ? (
                <ul role="alert" className="text-destructive space-y-1 text-sm">
                  {templateIssues.map((issue, i) => (
                    <li key={i}>{issue.message}</li>
                  ))}
                </ul>
              ) : (
                error &&
                problems.length === 0 && (
                  <p role="alert" className="text-destructive text-sm">
                    {error}
                  </p>
                )
              )}
            </div>
          </div>
          <TokenPalette
            sections={eventType ? [...eventType.sections, metaTokenGroup] : []}
            disabled={readOnly}
            hint={
              mode === "fields"
                ? "Click a token to add it as a field."
                : "Click a token to insert it at the cursor, or as a new field where the cursor is outside a value."
            }
            onInsert={onToken}
          />
        </div>
        <PreviewOfForm />
      </CardContent>
    </Card>
  );
}

/** The live preview, fed by the fields it shows. */
function PreviewOfForm() {
  const { control } = useFormContext<WebhookFormState>();
  const v = useWatch({ control }) as WebhookFormState;
  const eventType = useEventType();
  const defaultName = eventType ? defaultWebhookName(eventType.label, v.url) : "";
  return (
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
  );
}
