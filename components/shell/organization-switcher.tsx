"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { switchOrganizationAction } from "@/lib/organizations/actions";

type Props = {
  current: string;
  organizations: { organizationId: string; organizationName: string }[];
};

/** Switches the current organization (only shown to members of several). */
export function OrganizationSwitcher({ current, organizations }: Props) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <NativeSelect
      aria-label="Organization"
      value={current}
      disabled={pending}
      className="h-8 text-sm"
      wrapperClassName="max-w-48"
      onChange={(e) => {
        const organizationId = e.target.value;
        startTransition(async () => {
          const result = await switchOrganizationAction({ organizationId });
          if (result?.serverError) toast.error(result.serverError);
          router.push("/webhooks");
          router.refresh();
        });
      }}
    >
      {organizations.map((o) => (
        <NativeSelectOption key={o.organizationId} value={o.organizationId}>
          {o.organizationName}
        </NativeSelectOption>
      ))}
    </NativeSelect>
  );
}
