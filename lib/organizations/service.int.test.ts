import { createHash } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import {
  acceptInvitationSchema,
  inviteMemberSchema,
  setupSchema,
} from "@/lib/organizations/schemas";
import {
  acceptInvitation,
  changeMemberRole,
  INVITATION_TTL_MS,
  inviteMember,
  removeMember,
  revokeInvitation,
  setupOwner,
} from "@/lib/organizations/service";
import { resetDatabase } from "@/lib/testing/db";

// lib/organizations/service against the real database: first-run setup, invitations and
// membership changes. Inputs go through the same zod schemas as the server actions.

const SETUP_DONE = "Setup is already done. Sign in instead.";
const LAST_OWNER = "An organization needs at least one Owner. Make someone else an Owner first.";

const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

function setupInput(overrides: Partial<Record<keyof typeof setupSchema.shape, string>> = {}) {
  return setupSchema.parse({
    name: "Olivia Owner",
    email: "Olivia@Example.com",
    password: "correct horse battery",
    organizationName: "Acme Support",
    ...overrides,
  });
}

describe("setupOwner", () => {
  beforeEach(async () => {
    await resetDatabase();
  });

  it("creates the first user with a hashed password, their organization and an Owner membership", async () => {
    const { userId, organizationId } = await setupOwner(setupInput());

    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(user).toMatchObject({ email: "olivia@example.com", name: "Olivia Owner" });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(user.passwordHash).not.toContain("correct horse battery");
    expect(await verifyPassword(user.passwordHash, "correct horse battery")).toBe(true);
    expect(
      await db.organization.findUniqueOrThrow({ where: { id: organizationId } }),
    ).toMatchObject({ name: "Acme Support" });
    expect(
      await db.membership.findMany({ select: { userId: true, organizationId: true, role: true } }),
    ).toEqual([{ userId, organizationId, role: "OWNER" }]);
  });

  it("refuses a second setup once a user exists, creating nothing", async () => {
    await setupOwner(setupInput());

    const second = setupOwner(
      setupInput({ email: "mallory@example.com", organizationName: "Evil" }),
    );

    await expect(second).rejects.toBeInstanceOf(UserError);
    await expect(second).rejects.toThrow(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
    expect(await db.organization.count()).toBe(1);
  });

  it("lets exactly one of two concurrent setups through", async () => {
    const results = await Promise.allSettled([
      setupOwner(setupInput({ email: "first@example.com", organizationName: "First" })),
      setupOwner(setupInput({ email: "second@example.com", organizationName: "Second" })),
    ]);

    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r) => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect((rejected[0] as PromiseRejectedResult).reason).toBeInstanceOf(UserError);
    expect((rejected[0] as PromiseRejectedResult).reason.message).toBe(SETUP_DONE);
    expect(await db.user.count()).toBe(1);
    expect(await db.organization.count()).toBe(1);
    expect(await db.membership.count()).toBe(1);
  });
});

describe("members and invitations", () => {
  type Org = { id: string; name: string };
  const PASSWORD = "correct horse battery";
  let passwordHash: string;
  let orgA: Org;
  let orgB: Org;
  let ownerA: Actor;
  let adminA: Actor;
  let viewerA: Actor;
  let ownerB: Actor;
  const membershipOf = (actor: Actor) =>
    db.membership.findUniqueOrThrow({
      where: {
        userId_organizationId: { userId: actor.userId, organizationId: actor.organizationId },
      },
    });

  async function createActor(org: Org, role: Role, email: string): Promise<Actor> {
    const name = `${role} of ${org.name}`;
    const user = await db.user.create({ data: { email, name, passwordHash } });
    await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
    return {
      userId: user.id,
      email,
      name,
      organizationId: org.id,
      organizationName: org.name,
      role,
    };
  }

  const invite = (actor: Actor, email: string, role: Role) =>
    inviteMember(actor, inviteMemberSchema.parse({ email, role }));

  const accept = (token: string, name: string, password: string) =>
    acceptInvitation(acceptInvitationSchema.parse({ token, name, password }));

  beforeEach(async () => {
    await resetDatabase();
    passwordHash ??= await hashPassword(PASSWORD);
    orgA = await db.organization.create({ data: { name: "Org A" } });
    orgB = await db.organization.create({ data: { name: "Org B" } });
    ownerA = await createActor(orgA, "OWNER", "owner@a.test");
    adminA = await createActor(orgA, "ADMIN", "admin@a.test");
    viewerA = await createActor(orgA, "VIEWER", "viewer@a.test");
    ownerB = await createActor(orgB, "OWNER", "owner@b.test");
  });

  describe("inviteMember", () => {
    it("returns a token and stores only its sha256, for the lower-cased address, valid 7 days", async () => {
      const before = Date.now();
      const { token } = await invite(ownerA, "New.Person@Example.com", "ADMIN");

      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const rows = await db.invitation.findMany();
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      expect(row).toMatchObject({
        organizationId: orgA.id,
        email: "new.person@example.com",
        role: "ADMIN",
        tokenHash: sha256(token),
        invitedById: ownerA.userId,
        acceptedAt: null,
        revokedAt: null,
      });
      expect(JSON.stringify(row)).not.toContain(token);
      expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(before + INVITATION_TTL_MS - 1_000);
      expect(row.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + INVITATION_TTL_MS + 1_000);
    });

    it("lets an Admin invite Admins and Viewers", async () => {
      await invite(adminA, "a@example.com", "ADMIN");
      await invite(adminA, "v@example.com", "VIEWER");
      expect(await db.invitation.count({ where: { organizationId: orgA.id } })).toBe(2);
    });

    it("refuses an Admin inviting an Owner with ForbiddenError", async () => {
      await expect(invite(adminA, "boss@example.com", "OWNER")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(await db.invitation.count()).toBe(0);
    });

    it("lets an Admin withdraw an Admin's or Viewer's invitation, but not an Owner's", async () => {
      const invitationId = async (email: string, role: Role) => {
        const { token } = await invite(ownerA, email, role);
        return (await db.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).id;
      };
      const viewerInvitation = await invitationId("viewer@example.com", "VIEWER");
      const ownerInvitation = await invitationId("owner@example.com", "OWNER");

      await revokeInvitation(adminA, viewerInvitation);
      await expect(revokeInvitation(adminA, ownerInvitation)).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(
        (await db.invitation.findUniqueOrThrow({ where: { id: ownerInvitation } })).revokedAt,
      ).toBeNull();
      await revokeInvitation(ownerA, ownerInvitation);
    });

    it("refuses a Viewer inviting anyone with ForbiddenError", async () => {
      await expect(invite(viewerA, "friend@example.com", "VIEWER")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect(await db.invitation.count()).toBe(0);
    });

    it("refuses to invite someone who is already a member, whatever the letter case", async () => {
      const attempt = invite(ownerA, "Admin@A.test", "VIEWER");

      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow("admin@a.test is already a member of Org A.");
      expect(await db.invitation.count()).toBe(0);
    });

    it("invites a member of another organization (membership is per organization)", async () => {
      await invite(ownerA, "owner@b.test", "VIEWER");
      expect(await db.invitation.count()).toBe(1);
    });
  });

  describe("acceptInvitation", () => {
    it("creates the invited user with a hashed password and a membership with the invited role", async () => {
      const { token } = await invite(ownerA, "New.Person@Example.com", "ADMIN");

      const result = await accept(token, "New Person", "a long new password");

      expect(result).toEqual({ email: "new.person@example.com", organizationId: orgA.id });
      const user = await db.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
      expect(user.name).toBe("New Person");
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(user.passwordHash).not.toContain("a long new password");
      expect(await verifyPassword(user.passwordHash, "a long new password")).toBe(true);
      const memberships = await db.membership.findMany({ where: { userId: user.id } });
      expect(memberships).toMatchObject([{ organizationId: orgA.id, role: "ADMIN" }]);
      expect(
        (await db.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) } })).acceptedAt,
      ).toBeInstanceOf(Date);
    });

    it("refuses a second accept of the same invitation", async () => {
      const { token } = await invite(ownerA, "new@example.com", "VIEWER");
      await accept(token, "New", "a long new password");

      const again = accept(token, "New", "a long new password");

      await expect(again).rejects.toBeInstanceOf(UserError);
      await expect(again).rejects.toThrow("This invitation was already accepted. Sign in instead.");
      expect(await db.user.count({ where: { email: "new@example.com" } })).toBe(1);
    });

    it("refuses an expired invitation and creates no user", async () => {
      const { token } = await invite(ownerA, "late@example.com", "VIEWER");
      await db.invitation.update({
        where: { tokenHash: sha256(token) },
        data: { expiresAt: new Date(Date.now() - 60_000) },
      });

      const attempt = accept(token, "Late", "a long new password");

      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(
        "This invitation has expired (links are valid for 7 days). Ask for a new one.",
      );
      expect(await db.user.count({ where: { email: "late@example.com" } })).toBe(0);
    });

    it("refuses a revoked invitation and creates no user", async () => {
      const { token } = await invite(ownerA, "gone@example.com", "VIEWER");
      const { id } = await db.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });
      await revokeInvitation(adminA, id);

      const attempt = accept(token, "Gone", "a long new password");

      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(
        "This invitation link is not valid. Ask for a new one.",
      );
      expect(await db.user.count({ where: { email: "gone@example.com" } })).toBe(0);
    });

    it("refuses an unknown token", async () => {
      await expect(accept("not-a-real-token", "X", "a long new password")).rejects.toThrow(
        "This invitation link is not valid. Ask for a new one.",
      );
    });

    it("refuses a new account with a short password", async () => {
      const { token } = await invite(ownerA, "short@example.com", "VIEWER");

      await expect(accept(token, "Short", "short")).rejects.toThrow(
        "Password: Use at least 10 characters.",
      );
      expect(await db.user.count({ where: { email: "short@example.com" } })).toBe(0);
    });

    it("asks an existing account for its correct password and then adds the membership", async () => {
      const { token } = await invite(ownerA, "owner@b.test", "VIEWER");

      const wrong = accept(token, "", "not the password");
      await expect(wrong).rejects.toBeInstanceOf(UserError);
      await expect(wrong).rejects.toThrow(
        "That password does not match the existing account for this e-mail.",
      );
      expect(await db.membership.count({ where: { userId: ownerB.userId } })).toBe(1);

      expect(await accept(token, "", PASSWORD)).toEqual({
        email: "owner@b.test",
        organizationId: orgA.id,
      });
      const user = await db.user.findUniqueOrThrow({ where: { id: ownerB.userId } });
      expect(user).toMatchObject({ name: ownerB.name, passwordHash });
      const roles = await db.membership.findMany({
        where: { userId: ownerB.userId },
        select: { organizationId: true, role: true },
      });
      expect(roles).toEqual(
        expect.arrayContaining([
          { organizationId: orgB.id, role: "OWNER" },
          { organizationId: orgA.id, role: "VIEWER" },
        ]),
      );
      expect(roles).toHaveLength(2);
    });
  });

  describe("changeMemberRole and removeMember", () => {
    it("refuses to demote the only Owner", async () => {
      const { id } = await membershipOf(ownerA);

      const attempt = changeMemberRole(ownerA, id, "ADMIN");

      await expect(attempt).rejects.toBeInstanceOf(UserError);
      await expect(attempt).rejects.toThrow(LAST_OWNER);
      expect((await membershipOf(ownerA)).role).toBe("OWNER");
    });

    it("refuses to remove the only Owner, even when they leave themselves", async () => {
      const { id } = await membershipOf(ownerA);

      await expect(removeMember(ownerA, id)).rejects.toThrow(LAST_OWNER);
      expect(await db.membership.count({ where: { id } })).toBe(1);
    });

    it("demotes or removes an Owner once another Owner exists", async () => {
      await changeMemberRole(ownerA, (await membershipOf(adminA)).id, "OWNER");
      expect((await membershipOf(adminA)).role).toBe("OWNER");

      await changeMemberRole(ownerA, (await membershipOf(ownerA)).id, "VIEWER");
      expect((await membershipOf(ownerA)).role).toBe("VIEWER");

      const newOwner = { ...adminA, role: "OWNER" as const };
      await expect(removeMember(newOwner, (await membershipOf(newOwner)).id)).rejects.toThrow(
        LAST_OWNER,
      );
      await changeMemberRole(newOwner, (await membershipOf(ownerA)).id, "OWNER");
      await removeMember(newOwner, (await membershipOf(ownerA)).id);
      expect(await db.membership.count({ where: { organizationId: orgA.id, role: "OWNER" } })).toBe(
        1,
      );
    });

    // A race shows only now and then, so each of these runs it several times.
    const ROUNDS = 10;
    const ownerCountA = () =>
      db.membership.count({ where: { organizationId: orgA.id, role: "OWNER" } });

    it("keeps one Owner when two Owners demote each other at the same time", async () => {
      const secondOwner = { ...adminA, role: "OWNER" as const };
      const [first, second] = [await membershipOf(ownerA), await membershipOf(adminA)];

      for (let round = 0; round < ROUNDS; round++) {
        await db.membership.updateMany({
          where: { id: { in: [first.id, second.id] } },
          data: { role: "OWNER" },
        });
        const results = await Promise.allSettled([
          changeMemberRole(ownerA, second.id, "ADMIN"),
          changeMemberRole(secondOwner, first.id, "ADMIN"),
        ]);

        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect(results.find((r) => r.status === "rejected")).toMatchObject({
          reason: expect.objectContaining({ message: LAST_OWNER }),
        });
        expect(await ownerCountA()).toBe(1);
      }
    });

    it("keeps one Owner when two Owners leave at the same time", async () => {
      const secondOwner = { ...adminA, role: "OWNER" as const };
      const owners = [ownerA, secondOwner];

      for (let round = 0; round < ROUNDS; round++) {
        await db.membership.deleteMany({
          where: { organizationId: orgA.id, userId: { in: owners.map((o) => o.userId) } },
        });
        const memberships = await Promise.all(
          owners.map((o) =>
            db.membership.create({
              data: { userId: o.userId, organizationId: orgA.id, role: "OWNER" },
            }),
          ),
        );
        const results = await Promise.allSettled(
          owners.map((o, i) => removeMember(o, memberships[i]!.id)),
        );

        expect(results.map((r) => r.status).sort()).toEqual(["fulfilled", "rejected"]);
        expect(await ownerCountA()).toBe(1);
      }
    });

    it("lets an Owner change a role and remove a member", async () => {
      const viewer = await membershipOf(viewerA);

      await changeMemberRole(ownerA, viewer.id, "ADMIN");
      expect((await membershipOf(viewerA)).role).toBe("ADMIN");
      await removeMember(ownerA, viewer.id);
      expect(await db.membership.count({ where: { id: viewer.id } })).toBe(0);
    });

    it("refuses an Admin or a Viewer changing roles (ForbiddenError)", async () => {
      const viewer = await membershipOf(viewerA);
      const admin = await membershipOf(adminA);

      await expect(changeMemberRole(adminA, viewer.id, "ADMIN")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(changeMemberRole(adminA, admin.id, "OWNER")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(changeMemberRole(viewerA, viewer.id, "OWNER")).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      expect((await membershipOf(viewerA)).role).toBe("VIEWER");
      expect((await membershipOf(adminA)).role).toBe("ADMIN");
    });

    it("refuses an Admin removing someone else, but lets any member leave", async () => {
      const viewer = await membershipOf(viewerA);

      await expect(removeMember(adminA, viewer.id)).rejects.toBeInstanceOf(ForbiddenError);
      expect(await db.membership.count({ where: { id: viewer.id } })).toBe(1);

      await removeMember(viewerA, viewer.id);
      expect(await db.membership.count({ where: { id: viewer.id } })).toBe(0);
    });

    it("treats a member of another organization as not found", async () => {
      const theirs = await membershipOf(ownerB);

      await expect(changeMemberRole(ownerA, theirs.id, "VIEWER")).rejects.toBeInstanceOf(
        NotFoundError,
      );
      await expect(removeMember(ownerA, theirs.id)).rejects.toBeInstanceOf(NotFoundError);
      expect(await membershipOf(ownerB)).toEqual(theirs);
    });

    it("treats another organization's invitation as not found when revoking", async () => {
      const { token } = await invite(ownerB, "someone@example.com", "VIEWER");
      const { id } = await db.invitation.findUniqueOrThrow({ where: { tokenHash: sha256(token) } });

      await expect(revokeInvitation(ownerA, id)).rejects.toBeInstanceOf(NotFoundError);
      expect((await db.invitation.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    });
  });
});

afterAll(async () => {
  await db.$disconnect();
});
