"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useFormContext, useWatch, type FieldErrors, type Resolver } from "react-hook-form";
import { getEventType, isEventTypeKey } from "@/lib/events/catalog";
import {
  builderProblems,
  fromTemplate,
  isFieldFormat,
  type PayloadBuilder,
} from "@/lib/payload/builder";
import {
  createWebhookSchema,
  updateWebhookSchema,
  type WebhookFormValues,
} from "@/lib/webhooks/schemas";

/**
 * The form's state: the webhook's values plus the payload builder's fields (null while the
 * payload is edited as text). Only the template is saved; the fields are how it is edited.
 */
export type WebhookFormState = WebhookFormValues & {
  id?: string;
  payloadBuilder: PayloadBuilder | null;
};

/** Form state for stored (or default) values: JSON, XML and Form open as fields when they can. */
export function toFormState(values: WebhookFormValues, id?: string): WebhookFormState {
  const read = isFieldFormat(values.payloadFormat)
    ? fromTemplate(values.payloadFormat, values.payloadTemplate)
    : undefined;
  return { ...values, ...(id && { id }), payloadBuilder: read?.ok ? read.builder : null };
}

/** The values to save: the builder's fields stay in the browser. */
export function toSavedValues(state: WebhookFormState): WebhookFormValues {
  const values: Partial<WebhookFormState> = { ...state };
  delete values.payloadBuilder;
  return values as WebhookFormValues;
}

/** The webhook schema's checks, plus the builder's: every field named, no name twice in JSON. */
export function webhookResolver(mode: "create" | "edit"): Resolver<WebhookFormState> {
  const schema = zodResolver(mode === "create" ? createWebhookSchema : updateWebhookSchema);
  return async (values, context, options) => {
    const result = await (schema as unknown as Resolver<WebhookFormState>)(
      values,
      context,
      options,
    );
    const b = values.payloadBuilder;
    const problems =
      b && isFieldFormat(values.payloadFormat) ? builderProblems(b, values.payloadFormat) : [];
    if (problems.length === 0) return result;
    const errors: FieldErrors<WebhookFormState> = {
      ...result.errors,
      payloadTemplate: {
        type: "fields",
        message: `${problems.length} payload field${problems.length === 1 ? " needs" : "s need"} fixing.`,
      },
    };
    return { values: {}, errors };
  };
}

/** The event type the form has chosen, if it is a known one. */
export function useEventType() {
  const { control } = useFormContext<WebhookFormState>();
  const key = useWatch({ control, name: "eventType" });
  return isEventTypeKey(key) ? getEventType(key) : undefined;
}
