import { z } from "zod";

// Schemas shared by the setup, invitation and member forms and their server actions (the
// sign-in form's is lib/auth/sign-in-schema.ts).

const email = z.email("Enter a valid e-mail address.").trim().toLowerCase().max(254);
const password = z
  .string()
  .min(10, "Use at least 10 characters.")
  .max(200, "Use at most 200 characters.");
const personName = z
  .string()
  .trim()
  .min(1, "Enter your name.")
  .max(100, "Keep it under 100 characters.");
const orgName = z
  .string()
  .trim()
  .min(1, "Enter the organization's name.")
  .max(100, "Keep it under 100 characters.");
export const roles = ["OWNER", "ADMIN", "VIEWER"] as const;

/** First-run owner setup. */
export const setupSchema = z.object({
  name: personName,
  email,
  password,
  organizationName: orgName,
});

export const inviteMemberSchema = z.object({
  email,
  role: z.enum(roles, { error: "Choose a role." }),
});

/** Accepting an invitation: a new account sets name and password; an existing one confirms its password. */
export const acceptInvitationSchema = z.object({
  token: z.string().min(1).max(200),
  name: z.string().trim().max(100),
  password: z.string().min(1, "Enter a password.").max(200),
});

export const changeRoleSchema = z.object({ membershipId: z.string().min(1), role: z.enum(roles) });
export const membershipIdSchema = z.object({ membershipId: z.string().min(1) });
export const invitationIdSchema = z.object({ id: z.string().min(1) });
export const switchOrganizationSchema = z.object({ organizationId: z.string().min(1) });

export { password as passwordSchema };
