"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { passwordSignIn } from "@/components/auth/password-sign-in";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { signInSchema } from "@/lib/auth/sign-in-schema";

type Values = z.infer<typeof signInSchema>;

/** E-mail + password sign-in; the throttle's messages come back from the server as-is. */
export function SignInForm({ callbackUrl, email }: { callbackUrl: string; email?: string }) {
  const router = useRouter();
  const form = useForm<Values>({
    resolver: zodResolver(signInSchema),
    defaultValues: { email: email ?? "", password: "" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async ({ email, password }) => {
    const error = await passwordSignIn(email, password);
    if (error) {
      form.setError("root", { message: error });
      form.setValue("password", "");
      return;
    }
    router.replace(callbackUrl);
    router.refresh();
  });

  return (
    <form onSubmit={onSubmit} noValidate>
      <HydratedFieldset className="space-y-4">
        <FormField label="E-mail" htmlFor="email" error={errors.email?.message} required>
          <Input
            id="email"
            type="email"
            autoComplete="username"
            autoFocus={!email}
            {...form.register("email")}
          />
        </FormField>
        <FormField label="Password" htmlFor="password" error={errors.password?.message} required>
          <Input
            id="password"
            type="password"
            autoComplete="current-password"
            autoFocus={!!email}
            {...form.register("password")}
          />
        </FormField>
        <FormError message={errors.root?.message} />
        <Button type="submit" className="w-full" loading={isSubmitting}>
          Sign in
        </Button>
      </HydratedFieldset>
    </form>
  );
}
