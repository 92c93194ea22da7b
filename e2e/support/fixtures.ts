import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { hash } from "@node-rs/argon2";
import { test as base, expect, type Page } from "@playwright/test";
import pg from "pg";

// Fixtures: each test gets a fresh organization and people in it, written straight to the
// test database (the app's own sign-in is then used through the browser).

export type Member = {
  id: string;
  email: string;
  name: string;
  password: string;
  role: "OWNER" | "ADMIN" | "VIEWER";
  organizationId: string;
};

const pool = new pg.Pool({ connectionString: process.env.E2E_DATABASE_URL, max: 2 });
const PASSWORD = "correct horse battery";
const passwordHash = hash(PASSWORD);

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

async function createOrganization(name: string) {
  const orgId = id("org");
  await pool.query(`INSERT INTO "Organization" (id, name, "updatedAt") VALUES ($1, $2, now())`, [
    orgId,
    name,
  ]);
  return orgId;
}

async function addMember(
  organizationId: string,
  role: Member["role"],
  existing?: Member,
): Promise<Member> {
  const user = existing ?? {
    id: id("user"),
    email: `${role.toLowerCase()}-${randomBytes(4).toString("hex")}@example.test`,
    name: `${role.charAt(0)}${role.slice(1).toLowerCase()} ${randomBytes(2).toString("hex")}`,
    password: PASSWORD,
  };
  if (!existing) {
    await pool.query(
      `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt") VALUES ($1, $2, $3, $4, now())`,
      [user.id, user.email, user.name, await passwordHash],
    );
  }
  await pool.query(
    `INSERT INTO "Membership" (id, "userId", "organizationId", role) VALUES ($1, $2, $3, $4)`,
    [id("mem"), user.id, organizationId, role],
  );
  return { ...user, role, organizationId };
}

type Fixtures = {
  /** The owner of a fresh organization. */
  owner: Member;
  /** Adds a member with a role to the owner's organization (or another). */
  addMember: (role: Member["role"], organizationId?: string, existing?: Member) => Promise<Member>;
  /** A second, unrelated organization with its own owner. */
  otherOwner: Member;
  db: pg.Pool;
};

export const test = base.extend<Fixtures>({
  db: async ({}, provide) => provide(pool),
  owner: async ({}, provide, info) => {
    const orgId = await createOrganization(
      `Acme ${info.workerIndex}-${randomBytes(2).toString("hex")}`,
    );
    await provide(await addMember(orgId, "OWNER"));
  },
  otherOwner: async ({}, provide) => {
    const orgId = await createOrganization(`Other Co ${randomBytes(2).toString("hex")}`);
    await provide(await addMember(orgId, "OWNER"));
  },
  addMember: async ({ owner }, provide) => {
    await provide((role, organizationId = owner.organizationId, existing) =>
      addMember(organizationId, role, existing),
    );
  },
});

export { expect };

/** Signs in through the sign-in page and waits for the Webhooks page. */
export async function signIn(page: Page, member: Pick<Member, "email" | "password">) {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(member.email);
  await page.getByLabel("Password").fill(member.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
}

/** Keeps a full-page screenshot under e2e-artifacts/ (a CI artifact, git-ignored). */
export async function snap(page: Page, name: string) {
  mkdirSync("e2e-artifacts", { recursive: true });
  await page.screenshot({ path: `e2e-artifacts/${name}.png`, fullPage: true });
}

/** Creates an API key in Settings → API keys, as an admin would, and returns it (shown once). */
export async function createApiKey(page: Page, name = "Chat platform") {
  await page.goto("/settings/api-keys");
  await page.getByLabel("Key name").fill(name);
  await page.getByRole("button", { name: "Create API key" }).click();
  return (await page.getByTestId("api-key").textContent())!;
}

/** Opens "Edit as text" on the webhook form and returns the template editor. */
export async function payloadText(page: Page) {
  await page.getByRole("button", { name: "Edit as text" }).click();
  return page.getByRole("textbox", { name: "Payload template" });
}
