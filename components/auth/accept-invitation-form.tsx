"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { z } from "zod";
import { passwordSignIn } from "@/components/auth/password-sign-in";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { acceptInvitationAction } from "@/lib/organizations/actions";
import { acceptInvitationSchema, passwordSchema } from "@/lib/organizations/schemas";

// A new person sets name and password; an existing account confirms with its password.
const newAccountSchema = acceptInvitationSchema.extend({
  name: z.string().trim().min(1, "Enter your name.").max(100),
  password: passwordSchema,
});

type Values = z.infer<typeof acceptInvitationSchema>;

/** Accepts an invitation and signs the person in. */
export function AcceptInvitationForm({
  token,
  email,
  accountExists,
}: {
  token: string;
  email: string;
  accountExists: boolean;
}) {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(accountExists ? acceptInvitationSchema : newAccountSchema),
    defaultValues: { token, name: "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (!applyActionResult(form, await acceptInvitationAction(values))) return;
    const error = await passwordSignIn(email, values.password);
    if (error) return form.setError("root", { message: error });
    router.replace("/webhooks");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <HydratedFieldset className="space-y-4">
        <FormField label="E-mail" htmlFor="email">
          <Input id="email" value={email} readOnly disabled />
        </FormField>
        {!accountExists && (
          <FormField label="Your name" htmlFor="name" error={errors.name?.message} required>
            <Input id="name" autoComplete="name" autoFocus {...form.register("name")} />
          </FormField>
        )}
        <FormField
          label={accountExists ? "Your password" : "Choose a password"}
          htmlFor="password"
          description={
            accountExists
              ? "You already have an account: confirm it's you."
              : "At least 10 characters."
          }
          error={errors.password?.message}
          required
        >
          <Input
            id="password"
            type="password"
            autoComplete={accountExists ? "current-password" : "new-password"}
            autoFocus={accountExists}
            {...form.register("password")}
          />
        </FormField>
        <FormError message={errors.root?.message} />
        <Button type="submit" className="w-full" loading={isSubmitting}>
          Accept invitation
        </Button>
      </HydratedFieldset>
    </form>
  );
}
