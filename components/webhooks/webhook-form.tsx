"use client";

import { CircleAlert } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { FormProvider, useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import {
  AuthenticationCard,
  type StoredClientCert,
} from "@/components/webhooks/authentication-card";
import { ConditionsSection } from "@/components/webhooks/form/conditions-section";
import { DeliverySection } from "@/components/webhooks/form/delivery-section";
import { EventSection } from "@/components/webhooks/form/event-section";
import { errorPaths, errorSummary, focusFirstError } from "@/components/webhooks/form/first-error";
import {
  toFormState,
  toSavedValues,
  webhookResolver,
  type WebhookFormState,
} from "@/components/webhooks/form/form-state";
import { PayloadSection } from "@/components/webhooks/form/payload-section";
import { PrivacySection } from "@/components/webhooks/form/privacy-section";
import { RequestSection } from "@/components/webhooks/form/request-section";
import { useLeaveGuard } from "@/components/webhooks/form/use-leave-guard";
import { SecretRevealDialog } from "@/components/webhooks/secret-reveal-dialog";
import { createWebhookAction, updateWebhookAction } from "@/lib/webhooks/actions";
import type { AuthTypeKey, WebhookFormValues } from "@/lib/webhooks/schemas";
import { plural } from "@/lib/format";

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

/**
 * Add Event / Edit: one card per section (each watches only its own fields) under one
 * react-hook-form. Save goes to the first error; leaving with unsaved changes asks first.
 */
export function WebhookForm(props: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [focusRequest, setFocusRequest] = useState(0);
  const [saved, setSaved] = useState(false);
  const form = useForm<WebhookFormState>({
    resolver: webhookResolver(props.mode),
    defaultValues: toFormState(props.defaultValues, props.mode === "edit" ? props.id : undefined),
    mode: "onTouched",
    shouldFocusError: false, // focusFirstError picks the first on the page, not in register order
  });
  const { formState } = form;
  const { errors, isSubmitting, isDirty, submitCount } = formState;
  const readOnly = props.readOnly === true;
  useLeaveGuard(isDirty && !saved && !readOnly);

  const paths = errorPaths(errors).filter((p) => p !== "root");
  const summary = errorSummary(paths);

  // Runs once the submit is over: a fieldset disabled while submitting can't take the focus.
  const handled = useRef(0);
  useEffect(() => {
    if (focusRequest === handled.current || isSubmitting || !formRef.current) return;
    handled.current = focusRequest;
    const failing = errorPaths(form.formState.errors).filter((p) => p !== "root");
    focusFirstError(formRef.current, failing);
  }, [focusRequest, isSubmitting, form]);
  const goToFirstError = () => setFocusRequest((n) => n + 1);

  const onSubmit = form.handleSubmit(async (state) => {
    const values = toSavedValues(state);
    if (props.mode === "create") {
      const result = await createWebhookAction(values);
      if (!applyActionResult(form, result) || !result?.data) return goToFirstError();
      setSaved(true);
      setSecret(result.data.signingSecret);
    } else {
      const result = await updateWebhookAction({ ...values, id: props.id });
      if (!applyActionResult(form, result)) return goToFirstError();
      setSaved(true);
      toast.success(`Saved “${values.name || "webhook"}”.`);
      router.push("/webhooks");
      router.refresh();
    }
  }, goToFirstError);

  return (
    <FormProvider {...form}>
      <form
        ref={formRef}
        onSubmit={onSubmit}
        noValidate
        className="space-y-6"
        aria-label={props.mode === "create" ? "Add Event" : "Edit webhook"}
      >
        {submitCount > 0 && summary.count > 0 && (
          <div
            role="alert"
            className="border-destructive/30 bg-destructive/5 text-destructive flex items-start gap-2 rounded-md border px-4 py-3 text-sm"
          >
            <CircleAlert className="mt-0.5 size-4 shrink-0" aria-hidden />
            <p>
              <span className="font-medium">{plural(summary.count, "problem")}:</span>{" "}
              {summary.sections.join(", ")}.{" "}
              <button
                type="button"
                className="underline underline-offset-2"
                onClick={goToFirstError}
              >
                Go to the first
              </button>
            </p>
          </div>
        )}
        <HydratedFieldset disabled={readOnly || isSubmitting} className="space-y-6">
          <EventSection />
          <RequestSection
            readOnly={readOnly}
            saved={
              props.mode === "edit"
                ? { id: props.id, url: props.defaultValues.url, verification: props.verification }
                : undefined
            }
          />
          <PayloadSection readOnly={readOnly} />
          <ConditionsSection readOnly={readOnly} />
          <PrivacySection />
          <AuthenticationCard
            storedAuthType={props.mode === "edit" ? props.storedAuthType : null}
            storedClientCert={props.mode === "edit" ? props.storedClientCert : null}
          />
          <DeliverySection />
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
