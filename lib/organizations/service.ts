import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { lockedUntil } from "@/lib/auth/sign-in-throttle";
import { assertCan, roleLabels } from "@/lib/auth/permissions";
import { randomToken, sha256 } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { NotFoundError, UserError } from "@/lib/errors";
import type { Prisma } from "@/generated/prisma/client";
import type { Role } from "@/generated/prisma/enums";
import { passwordSchema } from "@/lib/organizations/schemas";

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;
// Any constant works: it only has to be the same in every process.
const SETUP_LOCK = 727_001;

/** True until the first owner has been created. */
export async function needsSetup(): Promise<boolean> {
  return (await db.user.count({ take: 1 })) === 0;
}

/** First-run owner setup: allowed once, while no user exists (a lock closes the race). */
export async function setupOwner(input: {
  name: string;
  email: string;
  password: string;
  organizationName: string;
}) {
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${SETUP_LOCK})`;
    if ((await tx.user.count({ take: 1 })) > 0)
      throw new UserError("Setup is already done. Sign in instead.");
    const user = await tx.user.create({
      data: { name: input.name, email: input.email, passwordHash },
    });
    const org = await tx.organization.create({ data: { name: input.organizationName } });
    await tx.membership.create({
      data: { userId: user.id, organizationId: org.id, role: "OWNER" },
    });
    return { userId: user.id, organizationId: org.id };
  });
}

/** Members of the actor's organization, each with when its sign-in lock ends (if locked). */
export async function listMembers(actor: Actor) {
  assertCan(actor, "members.read");
  const members = await db.membership.findMany({
    where: { organizationId: actor.organizationId },
    select: {
      id: true,
      role: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true } },
    },
    orderBy: { createdAt: "asc" },
  });
  const locks = await lockedUntil(members.map((m) => m.user.email));
  return members.map((m) => ({ ...m, lockedUntil: locks.get(m.user.email) ?? null }));
}

/** Invitations not yet accepted or revoked (expired ones included, marked by expiresAt). */
export async function listPendingInvitations(actor: Actor) {
  assertCan(actor, "members.read");
  const rows = await db.invitation.findMany({
    where: { organizationId: actor.organizationId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
    orderBy: { createdAt: "desc" },
  });
  const now = new Date();
  return rows.map((row) => ({ ...row, expired: row.expiresAt < now }));
}

/** Creates an invitation and returns its token (the link is shown once to copy). */
export async function inviteMember(actor: Actor, input: { email: string; role: Role }) {
  assertCan(actor, "members.invite");
  if (input.role === "OWNER") assertCan(actor, "members.manage");
  const existing = await db.membership.findFirst({
    where: { organizationId: actor.organizationId, user: { email: input.email } },
    select: { id: true },
  });
  if (existing)
    throw new UserError(`${input.email} is already a member of ${actor.organizationName}.`);
  const token = randomToken();
  await db.$transaction(async (tx) => {
    const { id } = await tx.invitation.create({
      data: {
        organizationId: actor.organizationId,
        email: input.email,
        role: input.role,
        tokenHash: sha256(token),
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
        invitedById: actor.userId,
      },
      select: { id: true },
    });
    await recordAudit(tx, actor, {
      action: "member.invited",
      target: { type: "member", id, label: input.email },
      changes: [{ field: "Role", from: null, to: roleLabels[input.role] }],
    });
  });
  return { token };
}

/** Withdraws a pending invitation; one to become Owner, only an Owner (as inviteMember). */
export async function revokeInvitation(actor: Actor, id: string) {
  assertCan(actor, "members.invite");
  await db.$transaction(async (tx) => {
    const pending = { id, organizationId: actor.organizationId, acceptedAt: null, revokedAt: null };
    const invitation = await tx.invitation.findFirst({
      where: pending,
      select: { role: true, email: true },
    });
    if (!invitation) throw new NotFoundError("That invitation");
    if (invitation.role === "OWNER") assertCan(actor, "members.manage");
    const { count } = await tx.invitation.updateMany({
      where: pending,
      data: { revokedAt: new Date() },
    });
    if (count === 0) throw new NotFoundError("That invitation");
    await recordAudit(tx, actor, {
      action: "member.invitation_revoked",
      target: { type: "member", id, label: invitation.email },
    });
  });
}

/** What the invitation page shows about a token, or null when it is unknown. */
export async function describeInvitation(token: string) {
  const invitation = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    select: {
      email: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      organization: { select: { name: true } },
    },
  });
  if (!invitation) return null;
  const accountExists = (await db.user.count({ where: { email: invitation.email } })) > 0;
  const state = invitation.acceptedAt
    ? "accepted"
    : invitation.revokedAt
      ? "revoked"
      : invitation.expiresAt < new Date()
        ? "expired"
        : "open";
  return {
    email: invitation.email,
    role: invitation.role,
    organizationName: invitation.organization.name,
    accountExists,
    state,
  } as const;
}

/**
 * Accepts an invitation: a new person sets their name and password; someone who already has
 * an account confirms it with their password. Returns the e-mail to sign in with.
 */
export async function acceptInvitation(input: { token: string; name: string; password: string }) {
  return db.$transaction(async (tx) => {
    const invitation = await tx.invitation.findUnique({
      where: { tokenHash: sha256(input.token) },
    });
    if (!invitation || invitation.revokedAt)
      throw new UserError("This invitation link is not valid. Ask for a new one.");
    if (invitation.acceptedAt)
      throw new UserError("This invitation was already accepted. Sign in instead.");
    if (invitation.expiresAt < new Date())
      throw new UserError(
        "This invitation has expired (links are valid for 7 days). Ask for a new one.",
      );
    let user = await tx.user.findUnique({ where: { email: invitation.email } });
    if (user) {
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        throw new UserError("That password does not match the existing account for this e-mail.");
      }
    } else {
      if (!input.name) throw new UserError("Enter your name.");
      const password = passwordSchema.safeParse(input.password);
      if (!password.success) throw new UserError(`Password: ${password.error.issues[0]?.message}`);
      user = await tx.user.create({
        data: {
          email: invitation.email,
          name: input.name,
          passwordHash: await hashPassword(input.password),
        },
      });
    }
    const claimed = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null },
      data: { acceptedAt: new Date() },
    });
    if (claimed.count === 0)
      throw new UserError("This invitation was already accepted. Sign in instead.");
    await tx.membership.upsert({
      where: {
        userId_organizationId: { userId: user.id, organizationId: invitation.organizationId },
      },
      create: { userId: user.id, organizationId: invitation.organizationId, role: invitation.role },
      update: {},
    });
    return { email: user.email, organizationId: invitation.organizationId };
  });
}

async function ownerCount(tx: Prisma.TransactionClient, organizationId: string) {
  return tx.membership.count({ where: { organizationId, role: "OWNER" } });
}

/**
 * Runs fn in a transaction that holds the organization's row lock, so two Owner changes
 * cannot both count the other Owner and leave none. NO KEY UPDATE: inserts referencing
 * the organization (memberships, webhooks) are not blocked.
 */
function withOwnersLocked<T>(
  organizationId: string,
  fn: (tx: Prisma.TransactionClient) => Promise<T>,
): Promise<T> {
  return db.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT 1 FROM "Organization" WHERE id = ${organizationId} FOR NO KEY UPDATE`;
    return fn(tx);
  });
}

/** Changes a member's role; an organization always keeps at least one Owner. */
export async function changeMemberRole(actor: Actor, membershipId: string, role: Role) {
  assertCan(actor, "members.manage");
  await withOwnersLocked(actor.organizationId, async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw new NotFoundError("That member");
    if (
      member.role === "OWNER" &&
      role !== "OWNER" &&
      (await ownerCount(tx, actor.organizationId)) <= 1
    ) {
      throw new UserError(
        "An organization needs at least one Owner. Make someone else an Owner first.",
      );
    }
    await tx.membership.update({ where: { id: member.id }, data: { role } });
    if (member.role !== role) {
      await recordAudit(tx, actor, {
        action: "member.role_changed",
        target: { type: "member", id: member.userId, label: member.user.email },
        changes: [{ field: "Role", from: roleLabels[member.role], to: roleLabels[role] }],
      });
    }
  });
}

/** Removes a member (Owners), or lets a member leave; the last Owner cannot go. */
export async function removeMember(actor: Actor, membershipId: string) {
  await withOwnersLocked(actor.organizationId, async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      include: { user: { select: { email: true } } },
    });
    if (!member) throw new NotFoundError("That member");
    if (member.userId !== actor.userId) assertCan(actor, "members.manage");
    if (member.role === "OWNER" && (await ownerCount(tx, actor.organizationId)) <= 1) {
      throw new UserError(
        "An organization needs at least one Owner. Make someone else an Owner first.",
      );
    }
    await tx.membership.delete({ where: { id: member.id } });
    await recordAudit(tx, actor, {
      action: "member.removed",
      target: { type: "member", id: member.userId, label: member.user.email },
      changes: [{ field: "Role", from: roleLabels[member.role], to: null }],
    });
  });
}

/**
 * Lifts a member's sign-in lock (too many failed sign-ins, lib/auth/sign-in-throttle.ts) and
 * forgets their failures: Owners only, audited. A member who is not locked is told so.
 */
export async function unlockMember(actor: Actor, membershipId: string) {
  assertCan(actor, "members.manage");
  await db.$transaction(async (tx) => {
    const member = await tx.membership.findFirst({
      where: { id: membershipId, organizationId: actor.organizationId },
      select: { userId: true, user: { select: { email: true, name: true } } },
    });
    if (!member) throw new NotFoundError("That member");
    const { count } = await tx.signInThrottle.deleteMany({
      where: { email: member.user.email, lockedUntil: { gt: new Date() } },
    });
    if (count === 0) throw new UserError(`${member.user.name} is not locked out.`);
    await recordAudit(tx, actor, {
      action: "member.unlocked",
      target: { type: "member", id: member.userId, label: member.user.email },
    });
  });
}

/** Checks the user may switch to an organization (the caller sets the cookie). */
export async function assertMemberOf(userId: string, organizationId: string) {
  const member = await db.membership.findFirst({
    where: { userId, organizationId },
    select: { id: true },
  });
  if (!member) throw new NotFoundError("That organization");
}
