"use client";

import { Plus, X } from "lucide-react";
import { useState } from "react";
import { useFieldArray, useFormContext, useWatch } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import type { WebhookFormState } from "@/components/webhooks/form/form-state";
import { UrlVerification } from "@/components/webhooks/url-verification";
import { checkUrlAction } from "@/lib/webhooks/actions";
import { verbs } from "@/lib/webhooks/schemas";

type Props = {
  /** On edit: the saved webhook, its URL and that URL's echo check (Verify URL). */
  saved?: { id: string; url: string; verification: { verified: boolean; error: string | null } };
  readOnly: boolean;
};

/** The Request card: verb, URL (checked against the outbound policy on blur) and headers. */
export function RequestSection({ saved, readOnly }: Props) {
  const { register, control, formState } = useFormContext<WebhookFormState>();
  const { errors } = formState;
  const headers = useFieldArray({ control, name: "headers" });
  const url = useWatch({ control, name: "url" });
  const [urlWarning, setUrlWarning] = useState<string | null>(null);
  const urlHasCredentials = /^https?:\/\/[^/@\s]+@/i.test(url ?? "");

  return (
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
            aria-invalid={errors.url ? true : undefined}
            {...register("url", {
              onBlur: async (e: React.FocusEvent<HTMLInputElement>) => {
                const result = await checkUrlAction({ url: e.target.value });
                setUrlWarning(result?.data && !result.data.ok ? result.data.message : null);
              },
            })}
          />
          {saved && (
            <UrlVerification
              webhookId={saved.id}
              {...saved.verification}
              unsaved={url !== saved.url}
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
        <fieldset className="space-y-2 sm:col-span-2" data-field="headers">
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
                  aria-invalid={errors.headers?.[i]?.name ? true : undefined}
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
                  aria-invalid={errors.headers?.[i]?.value ? true : undefined}
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
  );
}
