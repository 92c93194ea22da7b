"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { changePasswordAction } from "@/lib/auth/actions";
import { signInWithCredentials } from "@/lib/auth/browser-session";
import { changePasswordSchema, type ChangePasswordValues } from "@/lib/auth/schemas";

const empty: ChangePasswordValues = { currentPassword: "", newPassword: "", confirmPassword: "" };

/**
 * Change password. The server ends every session, this one included; this browser then signs
 * in again with the new password, so only the other sessions are signed out.
 */
export function ChangePasswordForm() {
  const router = useRouter();
  const form = useForm<ChangePasswordValues>({
    resolver: zodResolver(changePasswordSchema),
    defaultValues: empty,
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await changePasswordAction(values);
    if (!applyActionResult(form, result) || !result?.data) return;
    const again = await signInWithCredentials(result.data.email, values.newPassword);
    if (!again.ok) {
      router.push("/signin");
      return;
    }
    form.reset(empty);
    toast.success("Password changed. Every other session is signed out.");
  });

  const field = (name: keyof ChangePasswordValues, label: string, description?: string) => (
    <FormField label={label} htmlFor={name} error={errors[name]?.message} description={description}>
      {(control) => (
        <Input
          {...control}
          type="password"
          autoComplete={name === "currentPassword" ? "current-password" : "new-password"}
          className="max-w-sm"
          {...form.register(name)}
        />
      )}
    </FormField>
  );

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      <HydratedFieldset className="space-y-4">
        {field("currentPassword", "Current password")}
        {field("newPassword", "New password", "At least 10 characters.")}
        {field("confirmPassword", "Repeat the new password")}
      </HydratedFieldset>
      <FormError message={errors.root?.message} />
      <Button type="submit" loading={isSubmitting}>
        Change password
      </Button>
    </form>
  );
}
