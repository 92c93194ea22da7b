import type { Page, Response } from "@playwright/test";
import { expect, signIn, snap, test } from "./support/fixtures";

// A first minute without surprises: the app's own 404 inside the admin shell, no request
// that answers 404 (favicon included), sign-in straight to the Webhooks list, and an audit
// log that does not link to deleted webhooks.

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

/** Every response of `page` with a status of 400 or more, as "404 /favicon.ico". */
function failedResponses(page: Page) {
  const failed: string[] = [];
  page.on("response", (r: Response) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${new URL(r.url()).pathname}`);
  });
  return failed;
}

/** Adds a webhook through Add Event; returns to the Webhooks list. */
async function addWebhook(page: Page, name: string) {
  await page.goto("/webhooks/new");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/hooks");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
}

test("an unknown address shows the app's 404 inside the admin shell, with a way back", async ({
  page,
  owner,
}) => {
  await page.setViewportSize(DESKTOP);
  // Signed out, it asks for sign-in first (and says nothing about what exists).
  await page.goto("/nope");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fnope$/);

  await signIn(page, owner);
  for (const path of ["/nope", "/webhooks/abc/nothing/here", "/settings/nope"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1, name: "Not found" })).toBeVisible();
    // The shell is around it: the header and the navigation.
    await expect(page.locator("header")).toContainText("Admin Panel");
    await expect(page.getByRole("link", { name: "Deliveries" }).first()).toBeVisible();
  }
  await expect(page).toHaveTitle(/^Not found · Admin Panel$/);
  await snap(page, "not-found-1280");
  await page.setViewportSize(PHONE);
  await expect(page.getByRole("link", { name: "Back to Webhooks" })).toBeVisible();
  await snap(page, "not-found-390");

  await page.getByRole("link", { name: "Back to Webhooks" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
});

test("no page asks for anything that is not there: the favicon and icons are served", async ({
  page,
  owner,
}) => {
  const failed = failedResponses(page);
  await page.goto("/signin");
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
  await signIn(page, owner);
  await addWebhook(page, "CRM sync");
  for (const path of [
    "/webhooks",
    "/webhooks/new",
    "/deliveries",
    "/test-emails",
    "/simulator",
    "/members",
    "/account",
    "/settings/api-keys",
    "/settings/audit-log",
    "/settings/retention",
  ]) {
    await page.goto(path);
    await expect(page.locator("main h1").first(), path).toBeVisible();
  }
  await page.goto("/webhooks");
  await page.getByRole("link", { name: "CRM sync" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "CRM sync" })).toBeVisible();
  expect(failed).toEqual([]);

  // Browsers ask for /favicon.ico on their own, and for the icons the page links to.
  const icons = await page
    .locator('link[rel~="icon"]')
    .evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href));
  expect(icons.map((href) => new URL(href).pathname).sort()).toEqual(["/favicon.ico", "/icon.svg"]);
  for (const href of [...icons, "/favicon.ico"]) {
    const response = await page.request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(/^image\//);
    expect((await response.body()).length, href).toBeGreaterThan(100);
  }
});

test("signing in goes straight to the Webhooks list, with no page in between", async ({
  page,
  owner,
}) => {
  await page.setViewportSize(DESKTOP);
  // The first visit, at the root: sign-in, then the list.
  await page.goto("/");
  await expect(page).toHaveURL(/\/signin$/);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);

  const visited: string[] = [];
  page.on("framenavigated", (frame) => {
    if (frame === page.mainFrame()) visited.push(new URL(frame.url()).pathname);
  });
  const documents: string[] = [];
  page.on("request", (r) => {
    if (r.frame() === page.mainFrame() && ["document", "fetch"].includes(r.resourceType()))
      documents.push(new URL(r.url()).pathname);
  });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("heading", { level: 1, name: "Webhooks" })).toBeVisible();
  // Only the Webhooks list was shown — never the root, which merely redirects.
  expect(visited).toEqual(["/webhooks"]);
  expect(documents).not.toContain("/");

  // A deep link survives sign-in.
  await page.context().clearCookies();
  await page.goto("/deliveries?status=FAILED");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
  await page.getByLabel("E-mail").fill(owner.email);
  await page.getByLabel("Password").fill(owner.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/deliveries\?status=FAILED$/);
});

test("the audit log names a deleted webhook without linking to it", async ({ page, owner }) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, owner);
  await addWebhook(page, "Old CRM");
  await addWebhook(page, "Helpdesk");

  await page.getByRole("button", { name: "Actions for Old CRM" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await page.getByRole("button", { name: "Delete webhook" }).click();
  // The confirmation, not the link's absence: while the dialog is open the list is hidden from
  // the accessibility tree, so "no link" held before the delete reached the server.
  await expect(page.getByText("Deleted “Old CRM”.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Old CRM" })).toHaveCount(0);

  await page.goto("/settings/audit-log");
  const log = page.getByRole("table", { name: "Audit log" });
  const oldRows = log.getByRole("row").filter({ hasText: "Old CRM" });
  await expect(oldRows).toHaveCount(2); // created, deleted
  for (const row of await oldRows.all()) {
    await expect(row).toContainText("Old CRM (deleted)");
    await expect(row.getByRole("link")).toHaveCount(0);
  }
  // A webhook that still exists is one click away.
  const helpdesk = log.getByRole("row").filter({ hasText: "Helpdesk" });
  await expect(helpdesk).not.toContainText("(deleted)");
  await helpdesk.getByRole("link", { name: "Helpdesk" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Helpdesk" })).toBeVisible();

  await page.goBack();
  await snap(page, "audit-log-deleted-1280");
  await page.setViewportSize(PHONE);
  await snap(page, "audit-log-deleted-390");
});

test("a webhook's page reads in words: its authentication, its conditions, empty charts", async ({
  page,
  owner,
}) => {
  await page.setViewportSize(DESKTOP);
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("German customers");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/de");
  await page.getByLabel("Authentication", { exact: true }).selectOption("BASIC");
  await page.getByLabel("User name").fill("crm");
  await page.getByLabel("Password").fill("s3cret-pass");
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Token of condition 1.1").selectOption("customer.country");
  await page.getByLabel("Operator of condition 1.1").selectOption("equals");
  await page.getByLabel("Value of condition 1.1").fill("DE");
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await page.getByRole("link", { name: "German customers" }).click();

  const config = page.locator("dl");
  await expect(config.locator("div", { hasText: /^Authentication/ })).toHaveText(
    "AuthenticationBasic",
  );
  await expect(page.locator("main")).not.toContainText("BASIC");
  const conditions = page.getByRole("region", { name: "Conditions" });
  await expect(conditions).toContainText("Fires only when Customer country equals “DE”.");
  await expect(conditions).toContainText("0 events did not meet the conditions");
  await expect(page.locator("main")).not.toContainText("customer.country");

  // No deliveries yet: each chart says so instead of drawing empty boxes.
  const charts = page.locator("figure");
  await expect(charts).toHaveCount(2);
  for (const chart of await charts.all()) {
    await expect(chart).toContainText("0 attempts");
    await expect(chart).toContainText("No deliveries in this period");
  }
  await snap(page, "webhook-detail-words-1280");
  await page.setViewportSize(PHONE);
  await snap(page, "webhook-detail-words-390");
});

test.describe("in a browser far from UTC", () => {
  test.use({ timezoneId: "America/New_York" });

  test("the time filters are in UTC, like every time the tables show", async ({ page, owner }) => {
    await page.setViewportSize(DESKTOP);
    await signIn(page, owner);
    await page.goto("/settings/audit-log");
    const from = page.getByLabel("From (UTC)");
    // 10:30 typed is 10:30 UTC, not 10:30 in New York (15:30 UTC). Typed again if the page
    // had not hydrated yet (the filter then has no handler to see the first input); cleared
    // first, as React ignores an input event that leaves the value it last saw unchanged.
    await expect(async () => {
      await from.fill("");
      await from.fill("2026-01-15T10:30");
      await expect(page).toHaveURL(/from=2026-01-15T10%3A30%3A00\.000Z/, { timeout: 3000 });
    }).toPass();
    await page.reload();
    await expect(page.getByLabel("From (UTC)")).toHaveValue("2026-01-15T10:30");
    await snap(page, "audit-log-time-filter-1280");
  });
});
