import type { Page } from "@playwright/test";
import { sampleData } from "@/lib/events/sample-data";
import { callAction } from "./support/actions";
import { expect, signIn, snap, test, payloadText } from "./support/fixtures";

// The Test e-mails inbox and reader, and Go live, through the real app. No SMTP_URL is set
// for the e2e server, so each Test-mode delivery is kept in the app ("Stored only").

const URL = "https://crm.example.test/hooks/chat";
const customerEmail = sampleData("chat.closed").chat!.customer_email as string;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Adds a Test-mode Chat Closed webhook through Add Event and sends it a test event. */
async function testModeWebhookWithEmail(page: Page, name: string) {
  await page.goto("/webhooks/new");
  await page.getByLabel(/^Event type/).selectOption("chat.closed");
  await (await payloadText(page)).fill('{"email": {{chat.customer_email}}}');
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(URL);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await expect(page.getByRole("switch", { name: "Test mode" })).toBeChecked();
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);

  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Send test event" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog.getByTestId("delivery-outcomes")).toContainText(
    "Kept in Test e-mails (no mail server configured)",
  );
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
}

/**
 * The reader shows the HTML e-mail at its full height: the frame is exactly as tall as its
 * document, however the width made it wrap — no scroll inside the page's scroll, and no empty
 * space under a short e-mail.
 */
async function expectWholeEmailShown(page: Page) {
  const frame = page.locator('iframe[title="HTML body of the e-mail"]');
  await expect
    .poll(() =>
      frame.evaluate((f: HTMLIFrameElement) => {
        const doc = f.contentDocument!.documentElement;
        return Math.abs(doc.scrollHeight - f.clientHeight);
      }),
    )
    .toBeLessThanOrEqual(1);
}

const rows = (page: Page) => page.getByTestId("test-email-row");
const htmlBody = (page: Page) => page.frameLocator('iframe[title="HTML body of the e-mail"]');

test("an admin reads a Test-mode delivery in the inbox and reader, then goes live", async ({
  page,
  addMember,
  db,
}) => {
  const admin = await addMember("ADMIN");
  await page.setViewportSize(DESKTOP);
  await signIn(page, admin);

  await page.getByRole("link", { name: "Test e-mails" }).first().click();
  await expect(page).toHaveURL(/\/test-emails$/);
  await expect(page.getByRole("heading", { name: "No test e-mails yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Go to Webhooks" })).toHaveAttribute(
    "href",
    "/webhooks",
  );
  await snap(page, "test-emails-empty-1280");

  await testModeWebhookWithEmail(page, "CRM sync");
  await testModeWebhookWithEmail(page, "Helpdesk");

  // The inbox: newest first, both e-mails, each with its webhook, event type and status.
  await page.getByRole("link", { name: "Test e-mails" }).first().click();
  await expect(rows(page)).toHaveCount(2);
  await expect(rows(page).first()).toContainText("Helpdesk");
  const crmRow = rows(page).filter({ hasText: "CRM sync" });
  await expect(crmRow).toContainText("Chat Closed");
  await expect(crmRow).toContainText(admin.email);
  await expect(crmRow).toContainText("Stored only");
  await snap(page, "test-emails-inbox-1280");
  await page.setViewportSize(PHONE);
  // On phones the event type moves under the webhook's name.
  await expect(
    crmRow
      .getByRole("cell")
      .first()
      .getByText(/^Chat Closed ·/),
  ).toBeVisible();
  await snap(page, "test-emails-inbox-390");
  await page.setViewportSize(DESKTOP);

  // The webhook filter lives in the URL: shareable, and Back undoes it.
  await page.getByLabel("Filter by webhook").selectOption({ label: "CRM sync" });
  await expect(page).toHaveURL(/\/test-emails\?webhook=\w+$/);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page)).toContainText("CRM sync");
  const filtered = page.url();
  await page.goBack();
  await expect(page).toHaveURL(/\/test-emails$/);
  await expect(rows(page)).toHaveCount(2);
  await expect(page.getByLabel("Filter by webhook")).toHaveValue("");
  await page.goto(filtered);
  await expect(rows(page)).toHaveCount(1);
  await expect(page.getByLabel("Filter by webhook")).toHaveValue(/\w+/);

  // The reader: the rendered request, in a sandboxed frame, and as plain text.
  await rows(page)
    .getByRole("link", { name: /CRM sync/ })
    .click();
  await expect(page).toHaveURL(/\/test-emails\/[^/?]+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("[Test] Chat Closed → CRM sync");
  await expect(page.locator("dd").filter({ hasText: admin.email })).toBeVisible();
  await expect(page.getByText("Stored only")).toBeVisible();
  await expect(page.getByTestId("smtp-response")).toHaveText(
    "No SMTP_URL configured: kept in the app only",
  );
  const iframe = page.locator('iframe[title="HTML body of the e-mail"]');
  // Sandboxed: nothing in the e-mail may run scripts, submit forms or navigate the app.
  await expect(iframe).toHaveAttribute("sandbox", "allow-same-origin");
  await expect(htmlBody(page).locator("pre").first()).toHaveText(`POST ${URL}`);
  await expect(htmlBody(page).locator("pre").nth(1)).toContainText(`"email": "${customerEmail}"`);
  await expectWholeEmailShown(page);
  await expect(page.getByRole("link", { name: "CRM sync" })).toHaveAttribute(
    "href",
    /^\/webhooks\/[^/]+\/edit$/,
  );
  await snap(page, "test-email-reader-1280");
  await page.setViewportSize(PHONE);
  await expectWholeEmailShown(page);
  await snap(page, "test-email-reader-390");
  await page.setViewportSize(DESKTOP);
  await expectWholeEmailShown(page);

  await page.getByRole("tab", { name: "Plain text" }).click();
  const text = page.getByLabel("Plain-text body of the e-mail");
  await expect(text).toContainText(`POST ${URL}`);
  await expect(text).toContainText("REPRODUCE WITH CURL");
  await expect(iframe).toBeHidden();
  await snap(page, "test-email-reader-text-1280");
  await page.getByRole("tab", { name: "HTML" }).click();
  await expectWholeEmailShown(page);

  // Go live: confirmed in a dialog; the page then shows the webhook as Live.
  await expect(page.getByTestId("webhook-mode")).toContainText("is in Test mode");
  await page.getByRole("button", { name: "Go live" }).click();
  const confirm = page.getByRole("alertdialog");
  await expect(confirm).toContainText("From now on it sends real HTTP requests to its URL");
  await expect(confirm).toContainText(URL);
  await snap(page, "test-email-go-live-1280");
  await confirm.getByRole("button", { name: "Go live" }).click();
  await expect(page.getByText(/is live: its deliveries now go to its URL/)).toBeVisible();
  await expect(page.getByTestId("webhook-mode")).toContainText("“CRM sync” is Live");
  await expect(page.getByRole("button", { name: "Go live" })).toHaveCount(0);

  const stored = await db.query(
    `SELECT name, "testMode" FROM "Webhook" WHERE "organizationId" = $1 ORDER BY name`,
    [admin.organizationId],
  );
  expect(stored.rows).toEqual([
    { name: "CRM sync", testMode: false },
    { name: "Helpdesk", testMode: true },
  ]);
  await page.goto("/webhooks");
  const webhookRow = (name: string) => page.getByTestId("webhook-row").filter({ hasText: name });
  await expect(webhookRow("CRM sync").getByText("Live", { exact: true })).toBeVisible();
  await expect(webhookRow("Helpdesk").getByText("Test", { exact: true })).toBeVisible();
});

test("a Viewer reads the inbox and the reader but cannot go live; another organization sees nothing", async ({
  page,
  owner,
  otherOwner,
  addMember,
  db,
}) => {
  const viewer = await addMember("VIEWER");
  await signIn(page, owner);
  await testModeWebhookWithEmail(page, "CRM sync");
  const { rows: stored } = await db.query(
    `SELECT w.id AS "webhookId", e.id AS "emailId" FROM "Webhook" w JOIN "TestEmail" e ON e."webhookId" = w.id
     WHERE w."organizationId" = $1`,
    [owner.organizationId],
  );
  expect(stored).toHaveLength(1);
  const { webhookId, emailId } = stored[0] as { webhookId: string; emailId: string };
  // The owner sees the button, so its absence below is the role's doing, not the mode's.
  await page.goto(`/test-emails/${emailId}`);
  await expect(page.getByRole("button", { name: "Go live" })).toBeVisible();
  await page.context().clearCookies();

  await signIn(page, viewer);
  await page.getByRole("link", { name: "Test e-mails" }).first().click();
  await expect(rows(page)).toHaveCount(1);
  await rows(page)
    .getByRole("link", { name: /CRM sync/ })
    .click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("[Test] Chat Closed → CRM sync");
  await expect(htmlBody(page).locator("pre").first()).toHaveText(`POST ${URL}`);
  await expect(page.getByTestId("webhook-mode")).toContainText(
    "An Owner or Admin can switch it to Live.",
  );
  await expect(page.getByRole("button", { name: "Go live" })).toHaveCount(0);
  await page.setViewportSize(PHONE);
  await snap(page, "test-email-reader-viewer-390");
  // Hiding the button proves nothing: the action itself refuses a Viewer.
  const asViewer = await callAction(page, "goLiveAction", { webhookId });
  expect(asViewer.text).toContain("Your role does not allow this");
  await page.context().clearCookies();

  // Another organization's owner: not in their inbox, not found by id, cannot switch it.
  await signIn(page, otherOwner);
  await page.goto("/test-emails");
  await expect(page.getByRole("heading", { name: "No test e-mails yet" })).toBeVisible();
  await page.goto(`/test-emails/${emailId}`);
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
  await expect(page.getByText("CRM sync")).toHaveCount(0);
  const asStranger = await callAction(page, "goLiveAction", { webhookId });
  expect(asStranger.text).toContain("That webhook was not found");

  const after = await db.query(`SELECT "testMode" FROM "Webhook" WHERE id = $1`, [webhookId]);
  expect(after.rows).toEqual([{ testMode: true }]);
});
