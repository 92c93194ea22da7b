"use server";

import { cookies } from "next/headers";
import { revalidatePath } from "next/cache";
import { ORG_COOKIE } from "@/lib/auth/actor";
import { actionClient, orgAction, userAction } from "@/lib/safe-action";
import {
  acceptInvitationSchema,
  changeRoleSchema,
  invitationIdSchema,
  inviteMemberSchema,
  membershipIdSchema,
  setupSchema,
  switchOrganizationSchema,
} from "@/lib/organizations/schemas";
import * as orgs from "@/lib/organizations/service";

// Server actions for setup, members, invitations and organization switching.

export const setupOwnerAction = actionClient
  .inputSchema(setupSchema)
  .action(async ({ parsedInput }) => {
    await orgs.setupOwner(parsedInput);
    return { email: parsedInput.email };
  });

export const acceptInvitationAction = actionClient
  .inputSchema(acceptInvitationSchema)
  .action(async ({ parsedInput }) => {
    const { email, organizationId } = await orgs.acceptInvitation(parsedInput);
    (await cookies()).set(ORG_COOKIE, organizationId, orgCookieOptions);
    return { email };
  });

export const inviteMemberAction = orgAction
  .inputSchema(inviteMemberSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { token } = await orgs.inviteMember(ctx.actor, parsedInput);
    revalidatePath("/members");
    return { path: `/invite/${token}` };
  });

export const revokeInvitationAction = orgAction
  .inputSchema(invitationIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await orgs.revokeInvitation(ctx.actor, parsedInput.id);
    revalidatePath("/members");
  });

export const changeMemberRoleAction = orgAction
  .inputSchema(changeRoleSchema)
  .action(async ({ ctx, parsedInput }) => {
    await orgs.changeMemberRole(ctx.actor, parsedInput.membershipId, parsedInput.role);
    revalidatePath("/members");
  });

export const removeMemberAction = orgAction
  .inputSchema(membershipIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await orgs.removeMember(ctx.actor, parsedInput.membershipId);
    revalidatePath("/members");
  });

export const unlockMemberAction = orgAction
  .inputSchema(membershipIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await orgs.unlockMember(ctx.actor, parsedInput.membershipId);
    revalidatePath("/members");
  });

const orgCookieOptions = {
  httpOnly: true,
  sameSite: "lax" as const,
  path: "/",
  maxAge: 365 * 24 * 3600,
};

export const switchOrganizationAction = userAction
  .inputSchema(switchOrganizationSchema)
  .action(async ({ ctx, parsedInput }) => {
    await orgs.assertMemberOf(ctx.viewer.user.id, parsedInput.organizationId);
    (await cookies()).set(ORG_COOKIE, parsedInput.organizationId, orgCookieOptions);
    revalidatePath("/", "layout");
  });
