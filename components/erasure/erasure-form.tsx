"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { Search, Trash2 } from "lucide-react";
import { useState } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
} from "@/components/ui/alert-dialog";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { countCustomerDataAction, eraseCustomerDataAction } from "@/lib/erasure/actions";
import { customerEmailSchema, type CustomerEmailValues } from "@/lib/erasure/schemas";
import type { CustomerDataCounts } from "@/lib/erasure/service";
import { plural } from "@/lib/format";

function describe(c: CustomerDataCounts) {
  return [
    plural(c.events, "event"),
    plural(c.deliveries, "delivery", "deliveries"),
    plural(c.attempts, "delivery attempt"),
    plural(c.testEmails, "test e-mail"),
  ];
}

/** Owners find everything stored about one customer e-mail, see how much, and erase it. */
export function ErasureForm() {
  const [found, setFound] = useState<{ email: string; counts: CustomerDataCounts } | null>(null);
  const [erasing, setErasing] = useState(false);
  const form = useForm<CustomerEmailValues>({
    resolver: zodResolver(customerEmailSchema),
    defaultValues: { email: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onFind = form.handleSubmit(async (values) => {
    setFound(null);
    const result = await countCustomerDataAction(values);
    if (!applyActionResult(form, result) || !result?.data) return;
    setFound({ email: values.email, counts: result.data });
  });

  const erase = async () => {
    if (!found) return;
    setErasing(true);
    const result = await eraseCustomerDataAction({ email: found.email });
    setErasing(false);
    if (!applyActionResult(form, result) || !result?.data) return;
    toast.success(`Erased ${found.email}: ${describe(result.data).join(", ")}.`);
    setFound(null);
    form.reset({ email: "" });
  };

  const total = found ? found.counts.events : 0;
  return (
    <div className="space-y-4">
      <form onSubmit={onFind} noValidate className="space-y-3">
        <HydratedFieldset>
          <FormField
            label="Customer e-mail"
            htmlFor="erasure-email"
            error={errors.email?.message}
            description="Every event that names this address, in any field, and everything sent or kept for it."
          >
            {(control) => (
              <div className="flex flex-wrap gap-2">
                <Input
                  {...control}
                  type="email"
                  autoComplete="off"
                  placeholder="mary@example.com"
                  className="max-w-sm"
                  {...form.register("email", { onChange: () => setFound(null) })}
                />
                <Button type="submit" variant="outline" loading={isSubmitting}>
                  <Search aria-hidden /> Find data
                </Button>
              </div>
            )}
          </FormField>
        </HydratedFieldset>
        <FormError message={errors.root?.message} />
      </form>

      {found && (
        <div
          role="status"
          className="bg-muted/40 flex flex-col gap-3 rounded-md border p-4 sm:flex-row sm:items-center sm:justify-between"
        >
          {total === 0 ? (
            <p className="text-sm">Nothing is stored about {found.email}.</p>
          ) : (
            <div className="text-sm">
              <p className="font-medium">Stored about {found.email}:</p>
              <p className="text-muted-foreground">{describe(found.counts).join(" · ")}</p>
            </div>
          )}
          {total > 0 && (
            <AlertDialog>
              <AlertDialogTrigger asChild>
                <Button variant="destructive" loading={erasing}>
                  <Trash2 aria-hidden /> Erase all of it
                </Button>
              </AlertDialogTrigger>
              <AlertDialogContent>
                <AlertDialogHeader>
                  <AlertDialogTitle>Erase everything about {found.email}?</AlertDialogTitle>
                  <AlertDialogDescription>
                    {describe(found.counts).join(", ")} will be deleted for good, including any
                    deliveries still waiting to be sent. The audit log records that an erasure
                    happened, without the address.
                  </AlertDialogDescription>
                </AlertDialogHeader>
                <AlertDialogFooter>
                  <AlertDialogCancel>Keep it</AlertDialogCancel>
                  <AlertDialogAction onClick={erase}>Erase</AlertDialogAction>
                </AlertDialogFooter>
              </AlertDialogContent>
            </AlertDialog>
          )}
        </div>
      )}
    </div>
  );
}
