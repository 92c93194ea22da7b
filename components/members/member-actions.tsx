"use client";

import { useActionRunner } from "@/components/forms/use-action-runner";
import { Button } from "@/components/ui/button";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import {
  changeMemberRoleAction,
  removeMemberAction,
  revokeInvitationAction,
  unlockMemberAction,
} from "@/lib/organizations/actions";

/** Lift a member's sign-in lock (Owners), so they can sign in again right away. */
export function UnlockMemberButton({ membershipId, name }: { membershipId: string; name: string }) {
  const { pending, run } = useActionRunner();
  return (
    <Button
      variant="outline"
      size="sm"
      loading={pending}
      aria-label={`Unlock ${name}`}
      onClick={() =>
        run(() => unlockMemberAction({ membershipId }), `Unlocked ${name}: they can sign in again.`)
      }
    >
      Unlock
    </Button>
  );
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
  const { pending, run } = useActionRunner();
  return (
    <NativeSelect
      aria-label={`Role of ${name}`}
      value={role}
      disabled={pending}
      className="h-8 text-sm"
      wrapperClassName="w-32"
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
  const { pending, run } = useActionRunner();
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
  const { pending, run } = useActionRunner();
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
