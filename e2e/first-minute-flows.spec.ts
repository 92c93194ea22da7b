import type { Page } from "@playwright/test";
import { actionResult, callAction } from "./support/actions";
import { webhookValues } from "./support/authz-world";
import { expect, signIn, snap, test, type Member } from "./support/fixtures";

// Issue 11, "a first minute without surprises", from the admin's side in Chromium. The e2e
// server runs without SMTP_URL, so Test mode keeps its e-mails in the app.

const MAIL_KEPT = "Kept in Test e-mails (no mail server configured)";

// Each test walks several pages (and widths) as one person would: more than the default minute
// on a busy two-core machine.
test.describe.configure({ timeout: 120_000 });

/** Creates a webhook through the app's own action (as the form would), returning its id. */
async function createWebhook(page: Page, fields: Record<string, unknown>) {
  const result = actionResult(
    (await callAction(page, "createWebhookAction", webhookValues(fields))).text,
  );
  expect(result?.serverError ?? result?.validationErrors).toBeUndefined();
  return String((result!.data as { id: string }).id);
}

const testWebhook = (owner: Member, fields: Record<string, unknown>) => ({
  eventType: "chat.closed",
  testMode: true,
  testEmails: owner.email,
  ...fields,
});

/** The ⋯ button is on screen: inside the viewport and not covered. */
async function expectOnScreen(page: Page, name: string) {
  const button = page.getByRole("button", { name: `Actions for ${name}` });
  await expect(button).toBeVisible();
  await expect(button).toBeInViewport({ ratio: 1 });
  const box = (await button.boundingBox())!;
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
}

const noSideScroll = (page: Page) =>
  expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(page.viewportSize()!.width);

test("without a mail server, Send test event, the simulator and the list say e-mails are kept in Test e-mails", async ({
  page,
  owner,
}) => {
  await signIn(page, owner);
  await createWebhook(page, testWebhook(owner, { name: "Kept in the app" }));

  await page.goto("/webhooks");
  const row = page.getByTestId("webhook-row").filter({ hasText: "Kept in the app" });
  // The Test badge says where the e-mails are, and leads there.
  const badge = row.getByRole("link", { name: `Test: ${MAIL_KEPT}` });
  await expect(badge).toHaveAttribute("href", /^\/test-emails\?webhook=/);
  await badge.hover();
  await expect(page.getByRole("tooltip")).toHaveText(MAIL_KEPT);

  await row.getByRole("button", { name: "Actions for Kept in the app" }).click();
  await page.getByRole("menuitem", { name: "Send test event" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("delivery-outcome")).toHaveText(`${MAIL_KEPT}. Read it`);
  await expect(dialog).not.toContainText("check your inbox");
  await dialog.getByRole("link", { name: "Test e-mails" }).click();
  await expect(page).toHaveURL(/\/test-emails\?webhook=/);
  await expect(page.getByTestId("test-email-row")).toHaveCount(1);

  await page.goto("/simulator");
  await page.getByRole("button", { name: "Send event" }).click();
  const result = page.getByTestId("simulator-result");
  await expect(result.getByTestId("delivery-outcome")).toContainText(MAIL_KEPT);
  await expect(result).not.toContainText("check your inbox");
});

test("the Event simulator reports each webhook's outcome — delivered, skipped by its conditions, timer started — where the admin is looking", async ({
  page,
  owner,
}) => {
  await signIn(page, owner);
  await createWebhook(page, testWebhook(owner, { name: "Every closed chat" }));
  await createWebhook(
    page,
    testWebhook(owner, {
      name: "Sales department only",
      conditions: [
        { rules: [{ token: "customer.department_id", operator: "equals", value: "sales-99" }] },
      ],
    }),
  );
  await createWebhook(
    page,
    testWebhook(owner, {
      name: "Unassigned chats",
      eventType: "chat.not_assigned",
      threshold: 600,
    }),
  );

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto("/simulator");
  const heading = page.getByRole("heading", { name: "Result" });
  // The Send button is below the tall data field: the admin scrolls down to it.
  await page.getByRole("button", { name: "Send event" }).click();
  const result = page.getByTestId("simulator-result");
  await expect(result.getByTestId("simulator-summary")).toHaveText(
    /^Sent \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC: 1 delivery, 1 webhook skipped by its conditions\.$/,
  );
  await expect(result.getByTestId("delivery-outcomes")).toContainText("Every closed chat");
  await expect(result.getByTestId("skipped-webhook")).toHaveText(
    /Sales department only.*Skipped by its conditions/,
  );
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await expect(result.getByTestId("delivery-outcome")).toContainText(MAIL_KEPT);
  // What the admin sees right after sending (a full-page shot would hide the scroll position).
  await page.screenshot({ path: "e2e-artifacts/simulator-result-1280.png" });

  // On a phone the result is above the form, and sending brings it into view.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByLabel(/^Event type/).selectOption("chat.opened");
  await expect(page.getByText("Send an event to see")).toBeVisible();
  await page.getByRole("button", { name: "Send event" }).click();
  await expect(result.getByTestId("simulator-summary")).toContainText("1 timer started");
  await expect(result.getByTestId("started-timer")).toHaveText(
    /Unassigned chats.*fires at \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC unless the answering event arrives first/,
  );
  await expect(heading).toBeFocused();
  await expect(heading).toBeInViewport();
  await noSideScroll(page);
  // What the admin sees right after sending (a full-page shot would hide the scroll position).
  await page.screenshot({ path: "e2e-artifacts/simulator-result-390.png" });
});

const LONG_NAME = "Chat transcripts to the customer-success data warehouse (EU)"; // 60 characters

test("a 60-character webhook name: every column and the ⋯ menu fit at 1280 px, rows stack at 390 px", async ({
  page,
  owner,
  addMember,
}) => {
  expect(LONG_NAME).toHaveLength(60);
  await signIn(page, owner);
  await createWebhook(page, testWebhook(owner, { name: LONG_NAME }));
  await createWebhook(page, { name: "Live short", eventType: "chat.opened" });
  await addMember("VIEWER");

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/webhooks");
  const table = page.getByRole("table", { name: "Webhooks" });
  for (const column of ["Name", "Event type", "Verb", "URL host", "Mode", "Enabled"]) {
    await expect(table.getByRole("columnheader", { name: column })).toBeInViewport({ ratio: 1 });
  }
  await expect(table.getByRole("columnheader", { name: "Last delivery" })).toBeInViewport({
    ratio: 1,
  });
  await expect(table.getByRole("columnheader", { name: "Last updated" })).toBeInViewport({
    ratio: 1,
  });
  // The name is cut short on screen, and whole in its tooltip.
  const name = table.getByRole("link", { name: LONG_NAME });
  await expect(name).toHaveAttribute("title", LONG_NAME);
  expect(await name.evaluate((a) => a.scrollWidth > a.clientWidth)).toBe(true);
  await expectOnScreen(page, LONG_NAME);
  await noSideScroll(page);
  await snap(page, "webhooks-long-name-1280");

  await page.setViewportSize({ width: 390, height: 844 });
  await expectOnScreen(page, LONG_NAME);
  await expectOnScreen(page, "Live short");
  await noSideScroll(page);
  // Stacked: each row is a card, its cells labelled instead of under column headers.
  await expect(table.locator("thead")).toBeHidden();
  const row = page.getByTestId("webhook-row").filter({ hasText: LONG_NAME });
  expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("flex");
  await expect(row.getByRole("switch", { name: `Disable ${LONG_NAME}` })).toBeInViewport();
  await snap(page, "webhooks-long-name-390");

  await page.goto("/members");
  await noSideScroll(page);
  await expect(page.getByRole("table", { name: "Members" }).locator("thead")).toBeHidden();
  await expect(page.getByRole("combobox", { name: /^Role of / }).first()).toBeInViewport();
  await snap(page, "members-390");

  await page.goto("/settings/audit-log");
  await expect(page.getByRole("table", { name: "Audit log" })).toContainText("Created webhook");
  await noSideScroll(page);
  await expect(page.getByRole("table", { name: "Audit log" }).locator("thead")).toBeHidden();
  await snap(page, "audit-log-stacked-390");
});

test("Go live and Back to Test mode from the webhook's page and the list's menu, under the verified-URL policy", async ({
  page,
  owner,
  db,
}) => {
  await signIn(page, owner);
  const id = await createWebhook(page, testWebhook(owner, { name: "CRM sync" }));
  await page.goto(`/webhooks/${id}`);
  await expect(
    page.getByText("Test — kept in Test e-mails (no mail server configured)"),
  ).toBeVisible();

  // The policy refuses an unverified URL, and the dialog says why, staying open.
  await db.query(`UPDATE "Organization" SET "requireVerifiedUrl" = true WHERE id = $1`, [
    owner.organizationId,
  ]);
  await page.getByRole("button", { name: "Go live" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("From now on it sends real HTTP requests to its URL");
  await confirm.getByRole("button", { name: "Go live" }).click();
  await expect(confirm.getByRole("alert")).toHaveText(
    /requires a verified URL before a webhook goes live/,
  );
  await snap(page, "webhook-go-live-refused-1280");
  await confirm.getByRole("button", { name: "Stay in Test mode" }).click();
  await expect(confirm).toBeHidden();

  await db.query(`UPDATE "Organization" SET "requireVerifiedUrl" = false WHERE id = $1`, [
    owner.organizationId,
  ]);
  await page.getByRole("button", { name: "Go live" }).click();
  await confirm.getByRole("button", { name: "Go live" }).click();
  await expect(
    page.getByText("“CRM sync” is live: its deliveries now go to its URL."),
  ).toBeVisible();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole("button", { name: "Back to Test mode" })).toBeVisible();
  await snap(page, "webhook-page-live-1280");
  expect((await db.query(`SELECT "testMode" FROM "Webhook" WHERE id = $1`, [id])).rows).toEqual([
    { testMode: false },
  ]);

  // From the list: back to Test mode, with the same dialog.
  await page.goto("/webhooks");
  await page.getByRole("button", { name: "Actions for CRM sync" }).click();
  await page.getByRole("menuitem", { name: "Back to Test mode" }).click();
  await expect(confirm).toContainText(MAIL_KEPT.replace("Kept", "kept"));
  await confirm.getByRole("button", { name: "Back to Test mode" }).click();
  await expect(page.getByText("“CRM sync” is back in Test mode")).toBeVisible();
  const row = page.getByTestId("webhook-row").filter({ hasText: "CRM sync" });
  await expect(row.getByText("Test", { exact: true })).toBeVisible();
  await row.getByRole("button", { name: "Actions for CRM sync" }).click();
  await expect(page.getByRole("menuitem", { name: "Go live" })).toBeVisible();
  await page.keyboard.press("Escape");

  const audit = await db.query(
    `SELECT changes FROM "AuditEntry" WHERE "organizationId" = $1 AND "targetId" = $2 AND action = 'webhook.updated' ORDER BY "createdAt"`,
    [owner.organizationId, id],
  );
  expect(audit.rows.map((r) => r.changes)).toEqual([
    [{ field: "Test mode", from: "On", to: "Off" }],
    [{ field: "Test mode", from: "Off", to: "On" }],
  ]);
});

test("a Viewer is told, in the shell, which pages only Owners and Admins can use", async ({
  page,
  addMember,
}) => {
  const viewer = await addMember("VIEWER");
  await signIn(page, viewer);
  for (const [path, message] of [
    ["/webhooks/new", "Only Owners and Admins can add webhooks."],
    ["/settings/api-keys", "Only Owners and Admins can manage API keys."],
    ["/simulator", "Only Owners and Admins can send events from the Event simulator."],
    ["/settings/audit-log", "Only Owners and Admins can read the audit log."],
  ] as const) {
    await page.goto(path);
    await expect(page, path).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("main").getByRole("heading", { level: 2 })).toHaveText(message);
    await expect(page.getByRole("navigation", { name: "Admin Panel" }).first()).toBeVisible();
    await expect(page.getByRole("main").locator("form, table")).toHaveCount(0);
  }
  await snap(page, "viewer-no-access-1280");
  await page.goto("/members");
  await expect(page.getByTestId("invite-refused")).toHaveText(
    "Only Owners and Admins can invite people. Ask one of them to send an invitation.",
  );
  await expect(page.getByRole("button", { name: "Create invitation" })).toHaveCount(0);
});

test("a locked-out member is told how to get back in, and an Owner unlocks them on the Members page", async ({
  page,
  browser,
  owner,
  addMember,
  db,
}) => {
  const admin = await addMember("ADMIN");
  const context = await browser.newContext();
  const them = await context.newPage();
  await them.goto("/signin");
  for (let i = 0; i < 5; i++) {
    await them.getByLabel("E-mail").fill(admin.email);
    await them.getByLabel("Password").fill(`wrong password ${i}`);
    await them.getByRole("button", { name: "Sign in" }).click();
    await expect(them.locator("form").getByRole("alert")).toBeVisible();
  }
  await them.getByLabel("Password").fill(admin.password);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them.locator("form").getByRole("alert")).toHaveText(
    "Too many failed sign-ins for this e-mail. Ask an Owner of your organization to unlock your account on the Members page, or wait 15 minutes.",
  );

  await signIn(page, owner);
  await page.getByRole("link", { name: "Members" }).first().click();
  const row = page.getByTestId("member-row").filter({ hasText: admin.email });
  await expect(row).toContainText("Locked out");
  await expect(row).toContainText(/until \d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d UTC/);
  await page.setViewportSize({ width: 390, height: 844 });
  await noSideScroll(page);
  await snap(page, "members-locked-390");
  await row.getByRole("button", { name: `Unlock ${admin.name}` }).click();
  await expect(page.getByText(`Unlocked ${admin.name}: they can sign in again.`)).toBeVisible();
  await expect(row).not.toContainText("Locked out");
  await expect(row.getByRole("button", { name: /^Unlock/ })).toHaveCount(0);

  await them.getByLabel("E-mail").fill(admin.email);
  await them.getByLabel("Password").fill(admin.password);
  await them.getByRole("button", { name: "Sign in" }).click();
  await expect(them).toHaveURL(/\/webhooks$/);
  await context.close();

  const audit = await db.query(
    `SELECT action, "targetLabel" FROM "AuditEntry" WHERE "organizationId" = $1 AND action = 'member.unlocked'`,
    [owner.organizationId],
  );
  expect(audit.rows).toEqual([{ action: "member.unlocked", targetLabel: admin.email }]);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/settings/audit-log");
  await expect(
    page.getByRole("row").filter({ hasText: "Unlocked sign-in" }).filter({ hasText: admin.email }),
  ).toBeVisible();
});
