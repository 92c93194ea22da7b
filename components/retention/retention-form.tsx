"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { setRetentionAction } from "@/lib/retention/actions";
import {
  MAX_RETENTION_DAYS,
  MIN_RETENTION_DAYS,
  setRetentionSchema,
  type SetRetentionValues,
} from "@/lib/retention/schemas";
import { plural } from "@/lib/format";

/** Owners set how many days attempts and test e-mails are kept. */
export function RetentionForm({ days }: { days: number }) {
  const router = useRouter();
  const form = useForm<SetRetentionValues>({
    resolver: zodResolver(setRetentionSchema),
    defaultValues: { days },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const wanted = useWatch({ control: form.control, name: "days" });
  const shorter = Number.isInteger(wanted) && wanted >= MIN_RETENTION_DAYS && wanted < days;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await setRetentionAction(values);
    if (!applyActionResult(form, result) || !result?.data) return;
    form.reset({ days: result.data.days });
    toast.success(`Data is now kept for ${plural(result.data.days, "day")}.`);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-3">
      <HydratedFieldset>
        <FormField
          label="Keep for"
          htmlFor="retention-days"
          error={errors.days?.message}
          description={
            shorter
              ? `Attempts and test e-mails older than ${plural(wanted, "day")} will be deleted within the hour after you save.`
              : `From ${MIN_RETENTION_DAYS} to ${MAX_RETENTION_DAYS} days.`
          }
        >
          {(control) => (
            <div className="flex flex-wrap items-center gap-x-2 gap-y-3">
              <Input
                {...control}
                type="number"
                inputMode="numeric"
                min={MIN_RETENTION_DAYS}
                max={MAX_RETENTION_DAYS}
                step={1}
                className="w-28 tabular-nums"
                {...form.register("days", { valueAsNumber: true })}
              />
              <span className="text-muted-foreground text-sm">days</span>
              <Button type="submit" loading={isSubmitting} disabled={!isDirty} className="ml-2">
                Save
              </Button>
            </div>
          )}
        </FormField>
      </HydratedFieldset>
      <FormError message={errors.root?.message} />
    </form>
  );
}
