"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { passwordSignIn } from "@/components/auth/password-sign-in";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { setupOwnerAction } from "@/lib/organizations/actions";
import { setupSchema } from "@/lib/organizations/schemas";

type Values = z.infer<typeof setupSchema>;

/** First-run owner setup: creates the owner and the organization, then signs in. */
export function SetupForm() {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(setupSchema),
    defaultValues: { name: "", email: "", password: "", organizationName: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    if (!applyActionResult(form, await setupOwnerAction(values))) return;
    const error = await passwordSignIn(values.email, values.password);
    if (error) return form.setError("root", { message: error });
    router.replace("/webhooks");
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <HydratedFieldset className="space-y-4">
        <FormField label="Your name" htmlFor="name" error={errors.name?.message} required>
          <Input id="name" autoComplete="name" autoFocus {...form.register("name")} />
        </FormField>
        <FormField label="E-mail" htmlFor="email" error={errors.email?.message} required>
          <Input id="email" type="email" autoComplete="email" {...form.register("email")} />
        </FormField>
        <FormField
          label="Password"
          htmlFor="password"
          description="At least 10 characters."
          error={errors.password?.message}
          required
        >
          <Input
            id="password"
            type="password"
            autoComplete="new-password"
            {...form.register("password")}
          />
        </FormField>
        <FormField
          label="Organization name"
          htmlFor="organizationName"
          error={errors.organizationName?.message}
          required
        >
          <Input
            id="organizationName"
            autoComplete="organization"
            {...form.register("organizationName")}
          />
        </FormField>
        <FormError message={errors.root?.message} />
        <Button type="submit" className="w-full" loading={isSubmitting}>
          Create owner account
        </Button>
      </HydratedFieldset>
    </form>
  );
}
