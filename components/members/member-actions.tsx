"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import {
  changeMemberRoleAction,
  removeMemberAction,
  revokeInvitationAction,
} from "@/lib/organizations/actions";

function useRun() {
  const router = useRouter();
  const [pending, start] = useTransition();
  const run = (work: () => Promise<{ serverError?: string } | undefined>, success: string) =>
    start(async () => {
      const result = await work();
      if (!result || result.serverError)
        toast.error(result?.serverError ?? "The server did not answer. Try again.");
      else toast.success(success);
      router.refresh();
    });
  return { pending, run };
}

/** Role select for Owners. */
export function MemberRoleSelect({
  membershipId,
  role,
  name,
}: {
  membershipId: string;
  role: string;
  name: string;
}) {
  const { pending, run } = useRun();
  return (
    <NativeSelect
      aria-label={`Role of ${name}`}
      value={role}
      disabled={pending}
      className="h-8 w-32 text-sm"
      onChange={(e) => {
        const next = e.target.value as "OWNER" | "ADMIN" | "VIEWER";
        run(
          () => changeMemberRoleAction({ membershipId, role: next }),
          `${name} is now ${next.toLowerCase()}.`,
        );
      }}
    >
      <NativeSelectOption value="OWNER">Owner</NativeSelectOption>
      <NativeSelectOption value="ADMIN">Admin</NativeSelectOption>
      <NativeSelectOption value="VIEWER">Viewer</NativeSelectOption>
    </NativeSelect>
  );
}

/** Remove a member (Owners) or leave (yourself). */
export function RemoveMemberButton({
  membershipId,
  name,
  self,
}: {
  membershipId: string;
  name: string;
  self: boolean;
}) {
  const { pending, run } = useRun();
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={() => {
        if (
          !window.confirm(
            self ? "Leave this organization?" : `Remove ${name} from this organization?`,
          )
        )
          return;
        run(
          () => removeMemberAction({ membershipId }),
          self ? "You left the organization." : `Removed ${name}.`,
        );
      }}
    >
      {self ? "Leave" : "Remove"}
    </Button>
  );
}

/** Withdraw a pending invitation. */
export function RevokeInvitationButton({ id, email }: { id: string; email: string }) {
  const { pending, run } = useRun();
  return (
    <Button
      variant="ghost"
      size="sm"
      loading={pending}
      onClick={() =>
        run(() => revokeInvitationAction({ id }), `Invitation for ${email} withdrawn.`)
      }
    >
      Revoke
    </Button>
  );
}
