import type pg from "pg";
import { callAction } from "./support/actions";
import { expect, signIn, snap, test, type Member } from "./support/fixtures";

/** A webhook row written straight to the database (its secret is never read in these tests). */
async function insertWebhook(db: pg.Pool, owner: Member, name: string) {
  const id = `wh_${Math.random().toString(36).slice(2)}`;
  await db.query(
    `INSERT INTO "Webhook" (id, "organizationId", name, "eventType", url, "testEmails", "signingSecretEnc", "signingSecretHint", "updatedAt")
     VALUES ($1, $2, $3, 'chat.opened', 'https://receiver.example.test/x', ARRAY[$4], 'v1.a.b.c', 'abcd', now())`,
    [id, owner.organizationId, name, owner.email],
  );
  return id;
}

test("a Viewer sees webhooks read-only, and the server refuses their changes", async ({
  page,
  owner,
  addMember,
  db,
}) => {
  const id = await insertWebhook(db, owner, "Visible to viewers");
  const viewer = await addMember("VIEWER");
  await signIn(page, viewer);

  const row = page.getByTestId("webhook-row").filter({ hasText: "Visible to viewers" });
  await expect(row).toBeVisible();
  await expect(page.getByRole("link", { name: "Add Event" })).toHaveCount(0);
  await expect(page.getByRole("switch")).toHaveCount(0);
  await expect(page.getByRole("button", { name: /Actions for/ })).toHaveCount(0);
  await snap(page, "webhooks-viewer-1280");

  await row.getByRole("link", { name: "Visible to viewers" }).click();
  await page.getByRole("link", { name: "View settings", exact: true }).click();
  await expect(page.getByText("You have read-only access to this webhook.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "URL", exact: true })).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rotate secret" })).toHaveCount(0);
  // Add Event says who may use it, in the shell, with no form to fill in.
  await page.goto("/webhooks/new");
  await expect(page).toHaveURL(/\/webhooks\/new$/);
  await expect(
    page.getByRole("heading", { name: "Only Owners and Admins can add webhooks." }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Save event" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "URL", exact: true })).toHaveCount(0);

  // Straight to the server actions, no UI: refused, nothing changed.
  for (const [name, input] of [
    ["deleteWebhookAction", { id }],
    ["setWebhookEnabledAction", { id, enabled: false }],
    ["rotateSigningSecretAction", { id }],
    ["duplicateWebhookAction", { id }],
  ] as const) {
    const { text } = await callAction(page, name, input);
    expect(text, name).toContain("Your role does not allow this");
  }
  const after = await db.query(`SELECT enabled, "signingSecretHint" FROM "Webhook" WHERE id = $1`, [
    id,
  ]);
  expect(after.rows).toEqual([{ enabled: true, signingSecretHint: "abcd" }]);
  const count = await db.query(
    `SELECT count(*)::int AS n FROM "Webhook" WHERE "organizationId" = $1`,
    [owner.organizationId],
  );
  expect(count.rows[0].n).toBe(1);
});

test("another organization's webhook is not found, by page or by action", async ({
  page,
  owner,
  otherOwner,
  db,
}) => {
  const id = await insertWebhook(db, owner, "Private to Acme");
  await signIn(page, otherOwner);
  await expect(page.getByText("Private to Acme")).toHaveCount(0);
  const response = await page.goto(`/webhooks/${id}/edit`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();

  const { text } = await callAction(page, "deleteWebhookAction", { id });
  expect(text).toContain("That webhook was not found");
  const still = await db.query(`SELECT count(*)::int AS n FROM "Webhook" WHERE id = $1`, [id]);
  expect(still.rows[0].n).toBe(1);
});

test("repeated wrong passwords slow down and then lock the e-mail, with a clear message", async ({
  page,
  owner,
}) => {
  test.setTimeout(90_000);
  await page.goto("/signin");
  for (let i = 0; i < 4; i++) {
    await page.getByLabel("E-mail").fill(owner.email);
    await page.getByLabel("Password").fill(`wrong password ${i}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "That e-mail and password do not match.",
    );
  }
  await page.getByLabel("Password").fill("wrong again");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(
    "Too many failed sign-ins for this e-mail",
  );

  // Locked: even the right password is refused for now.
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toContainText(
    "Ask an Owner of your organization to unlock your account on the Members page, or wait 15 minutes.",
  );
  await expect(page).toHaveURL(/\/signin/);
});

test("an invitation link lets a new person join as a Viewer; members of two organizations switch between them", async ({
  page,
  browser,
  owner,
  otherOwner,
  addMember,
}) => {
  await signIn(page, owner);
  await page.getByRole("link", { name: "Members" }).first().click();
  await page.getByLabel("E-mail", { exact: true }).fill("new.viewer@example.test");
  await page.getByLabel("Role", { exact: true }).selectOption("VIEWER");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const link = (await page.getByTestId("invitation-link").textContent())!;
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "Pending invitations" })).toContainText(
    "new.viewer@example.test",
  );
  await snap(page, "members-1280");

  const guest = await browser.newContext();
  const invitee = await guest.newPage();
  await invitee.goto(link);
  await expect(invitee.getByRole("heading", { name: /^Join / })).toBeVisible();
  await invitee.getByLabel("Your name").fill("Vera Viewer");
  await invitee.getByLabel("Choose a password").fill("vera's long password");
  await invitee.getByRole("button", { name: "Accept invitation" }).click();
  await expect(invitee).toHaveURL(/\/webhooks$/);
  await expect(invitee.getByRole("link", { name: "Add Event" })).toHaveCount(0);
  await invitee.goto(link);
  await expect(invitee.getByText("This invitation was already accepted")).toBeVisible();
  await guest.close();

  // The owner also joins another organization, and switches to it.
  await addMember("ADMIN", otherOwner.organizationId, owner);
  await page.goto("/webhooks");
  const switcher = page.getByLabel("Organization");
  const otherName = (await page.evaluate(() => null),
  await switcher.locator("option").allTextContents()).find((n) => n.startsWith("Other Co"))!;
  await switcher.selectOption({ label: otherName });
  await expect(page.getByRole("button", { name: /^Account:/ })).toBeVisible();
  await page.getByRole("button", { name: /^Account:/ }).click();
  await expect(page.getByRole("menu")).toContainText(`Admin of ${otherName}`);
});
