"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useForm } from "react-hook-form";
import type { z } from "zod";
import { applyActionResult } from "@/components/forms/action-result";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { inviteMemberAction } from "@/lib/organizations/actions";
import { inviteMemberSchema } from "@/lib/organizations/schemas";

type Values = z.infer<typeof inviteMemberSchema>;

/** Invites someone by e-mail; the link (valid 7 days) is shown to copy and send. */
export function InviteForm({ canInviteOwner }: { canInviteOwner: boolean }) {
  const router = useRouter();
  const [link, setLink] = useState<string | null>(null);
  const form = useForm<Values>({
    resolver: zodResolver(inviteMemberSchema),
    defaultValues: { email: "", role: "ADMIN" },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (values) => {
    const result = await inviteMemberAction(values);
    if (!applyActionResult(form, result) || !result?.data) return;
    setLink(`${window.location.origin}${result.data.path}`);
    form.reset({ email: "", role: values.role });
    router.refresh();
  });

  return (
    <div className="space-y-4">
      <form onSubmit={onSubmit} noValidate>
        <HydratedFieldset className="grid gap-3 sm:grid-cols-[1fr_10rem_auto] sm:items-start">
          <FormField label="E-mail" htmlFor="invite-email" error={errors.email?.message}>
            <Input
              id="invite-email"
              type="email"
              placeholder="colleague@example.com"
              {...form.register("email")}
            />
          </FormField>
          <FormField label="Role" htmlFor="invite-role" error={errors.role?.message}>
            <NativeSelect id="invite-role" {...form.register("role")}>
              <NativeSelectOption value="ADMIN">Admin</NativeSelectOption>
              <NativeSelectOption value="VIEWER">Viewer</NativeSelectOption>
              {canInviteOwner && <NativeSelectOption value="OWNER">Owner</NativeSelectOption>}
            </NativeSelect>
          </FormField>
          <Button type="submit" loading={isSubmitting} className="sm:mt-6">
            Create invitation
          </Button>
          <div className="sm:col-span-3">
            <FormError message={errors.root?.message} />
          </div>
        </HydratedFieldset>
      </form>
      {link && (
        <div
          role="status"
          className="border-success/30 bg-success-soft space-y-2 rounded-md border p-3 text-sm"
        >
          <p className="text-success font-medium">
            Invitation created. Send this link — it works once and expires in 7 days.
          </p>
          <div className="flex items-center gap-2">
            <code
              data-testid="invitation-link"
              className="bg-background min-w-0 flex-1 rounded px-2 py-1 font-mono text-xs break-all"
            >
              {link}
            </code>
            <CopyButton value={link} label="Copy invitation link" />
          </div>
        </div>
      )}
    </div>
  );
}
