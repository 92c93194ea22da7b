import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { ForbiddenError, UserError } from "@/lib/errors";
import { setRetentionSchema } from "@/lib/retention/schemas";
import { getRetention, setRetention } from "@/lib/retention/service";
import { resetDatabase } from "@/lib/testing/db";
import { createTestActor, createTestOrg, type TestOrg } from "@/lib/testing/fixtures";

// Who may read and change an organization's retention, and which values are accepted.

const RANGE_MESSAGE = "Enter a whole number of days from 1 to 365.";

let org: TestOrg;
let owner: Actor;

const storedDays = async (id = org.id) =>
  (await db.organization.findUniqueOrThrow({ where: { id } })).retentionDays;

beforeEach(async () => {
  org = await createTestOrg();
  owner = await createTestActor(org, "OWNER");
});

afterAll(async () => {
  await resetDatabase();
});

describe("getRetention", () => {
  it("gives every member the organization's retention, 30 days by default", async () => {
    for (const role of ["OWNER", "ADMIN", "VIEWER"] as const) {
      const actor = role === "OWNER" ? owner : await createTestActor(org, role);
      expect(await getRetention(actor)).toEqual({ days: 30 });
    }
    await db.organization.update({ where: { id: org.id }, data: { retentionDays: 90 } });
    expect(await getRetention(owner)).toEqual({ days: 90 });
  });
});

describe("setRetention", () => {
  it("lets an Owner change it, for their own organization only", async () => {
    const other = await createTestOrg();

    expect(await setRetention(owner, 7)).toEqual({ days: 7 });

    expect(await storedDays()).toBe(7);
    expect(await storedDays(other.id)).toBe(30);
    expect(await setRetention(owner, 365)).toEqual({ days: 365 });
    expect(await setRetention(owner, 1)).toEqual({ days: 1 });
    expect(await storedDays()).toBe(1);
  });

  it.each(["ADMIN", "VIEWER"] as const)("refuses the %s role and changes nothing", async (role) => {
    const actor = await createTestActor(org, role);

    const refused = setRetention(actor, 7);

    await expect(refused).rejects.toBeInstanceOf(ForbiddenError);
    await expect(refused).rejects.toThrow("Only Owners can change data retention. Ask an Owner.");
    expect(await storedDays()).toBe(30);
  });

  it.each([0, -5, 366, 1000, 7.5, Number.NaN])(
    "refuses %s days with a message that says what is allowed",
    async (days) => {
      const refused = setRetention(owner, days);

      await expect(refused).rejects.toBeInstanceOf(UserError);
      await expect(refused).rejects.toThrow(RANGE_MESSAGE);
      expect(await storedDays()).toBe(30);
    },
  );

  it("is refused by the action's schema with the same message", () => {
    for (const days of [0, 366, 2.5, Number.NaN, "30"]) {
      const parsed = setRetentionSchema.safeParse({ days });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe(RANGE_MESSAGE);
    }
    expect(setRetentionSchema.parse({ days: 45 })).toEqual({ days: 45 });
  });
});
