import { createApiKey, expect, signIn, snap, test, payloadText } from "./support/fixtures";
import { startReceiver } from "../lib/testing/receiver";

// Data controls in the browser: masking tokens per webhook, the audit log, and erasing
// everything stored about one customer.

const MARY = "mary.private@example.com";

async function sendEvent(page: import("@playwright/test").Page, apiKey: string, email: string) {
  const response = await page.request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: { type: "chat.closed", data: { chat: { customer_email: email, session_id: "S-1" } } },
  });
  expect(response.status()).toBe(202);
}

test("a masked token is delivered live but shown as [redacted] in the delivery log", async ({
  page,
  owner,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, owner);
    const apiKey = await createApiKey(page);

    await page.goto("/webhooks/new");
    await page.getByLabel(/^Event type/).selectOption("chat.closed");
    await (await payloadText(page)).fill('{"email": {{chat.customer_email}}}');
    await page
      .getByRole("textbox", { name: "URL", exact: true })
      .fill(`${receiver.url}/hooks/chat`);
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByRole("button", { name: "Choose values to mask" }).click();
    const privacy = page.getByRole("group", { name: "Mask Chat Data" });
    await privacy.getByRole("checkbox", { name: "Customer email" }).check();
    await expect(page.getByText("1 value is stored as “[redacted]”.")).toBeVisible();
    await privacy.scrollIntoViewIfNeeded();
    await snap(page, "webhook-privacy-open-1280");
    await page.getByRole("button", { name: "Done" }).click();
    await expect(page.locator("[data-slot=badge]", { hasText: "Customer email" })).toBeVisible();
    await page.getByRole("button", { name: "Save event" }).click();
    await page.getByRole("button", { name: "I have copied it" }).click();

    await sendEvent(page, apiKey, MARY);
    const [hit] = await receiver.waitForRequests(1, 20_000);
    expect(JSON.parse(hit!.body)).toEqual({ email: MARY });

    await page.goto("/deliveries");
    await page.getByRole("table", { name: "Deliveries" }).getByRole("link").first().click();
    const request = page.getByRole("region", { name: "Request of attempt 1" });
    await expect(request).toContainText('"email": "[redacted]"');
    await expect(page.locator("main")).not.toContainText(MARY);
    await snap(page, "delivery-redacted-1280");
  } finally {
    await receiver.close();
  }
});

test("the audit log shows who changed what, field by field, with filters", async ({
  page,
  owner,
  addMember,
}) => {
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/old");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("CRM sync");
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await page.getByRole("link", { name: "CRM sync" }).click();
  await page.getByRole("link", { name: /Edit/ }).click();
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/new");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);

  await page.getByRole("link", { name: "Audit log" }).click();
  const log = page.getByRole("table", { name: "Audit log" });
  const changed = log.getByRole("row").filter({ hasText: "Changed webhook" });
  await expect(changed).toContainText(owner.email);
  await expect(changed).toContainText("CRM sync");
  await expect(changed).toContainText(
    "URL: https://receiver.example.test/old → https://receiver.example.test/new",
  );
  await expect(log.getByRole("row").filter({ hasText: "Created webhook" })).toBeVisible();
  await snap(page, "audit-log-1280");

  await page.getByLabel("Filter by action").selectOption("webhook.created");
  await expect(page).toHaveURL(/action=webhook\.created/);
  await expect(log.getByRole("row").filter({ hasText: "Changed webhook" })).toHaveCount(0);
  await expect(log.getByRole("row").filter({ hasText: "Created webhook" })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "audit-log-390");

  // Viewers have no audit log.
  const viewer = await addMember("VIEWER");
  await page.context().clearCookies();
  await signIn(page, viewer);
  await expect(page.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await page.goto("/settings/audit-log");
  await expect(
    page.getByRole("heading", { name: "Only Owners and Admins can read the audit log." }),
  ).toBeVisible();
  await expect(page.getByRole("table", { name: "Audit log" })).toHaveCount(0);
  await expect(page.getByRole("main")).not.toContainText("CRM sync");
});

test("an Owner erases a customer's data after seeing the count; the audit log records it", async ({
  page,
  owner,
  db,
}) => {
  await signIn(page, owner);
  const apiKey = await createApiKey(page);
  await page.goto("/webhooks/new");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/hooks");
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await sendEvent(page, apiKey, MARY);
  await sendEvent(page, apiKey, MARY);
  await sendEvent(page, apiKey, "bob@example.com");

  await page.getByRole("link", { name: "Data erasure" }).click();
  await page.getByLabel("Customer e-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Find data" }).click();
  await expect(page.getByText("Enter the customer's e-mail address")).toBeVisible();

  await page.getByLabel("Customer e-mail").fill(MARY.toUpperCase());
  await page.getByRole("button", { name: "Find data" }).click();
  const found = page.getByRole("status").filter({ hasText: "Stored about" });
  await expect(found).toContainText("2 events · 2 deliveries");
  await snap(page, "erasure-count-1280");

  await page.getByRole("button", { name: "Erase all of it" }).click();
  await expect(page.getByRole("alertdialog")).toContainText(`Erase everything about ${MARY}?`);
  await page.getByRole("button", { name: "Erase", exact: true }).click();
  await expect(page.getByText(`Erased ${MARY}: 2 events, 2 deliveries`)).toBeVisible();

  const left = await db.query(
    `SELECT count(*)::int AS n FROM "Event" WHERE "organizationId" = $1 AND data::text ILIKE $2`,
    [owner.organizationId, `%${MARY}%`],
  );
  expect(left.rows).toEqual([{ n: 0 }]);
  const kept = await db.query(
    `SELECT count(*)::int AS n FROM "Event" WHERE "organizationId" = $1`,
    [owner.organizationId],
  );
  expect(kept.rows).toEqual([{ n: 1 }]);

  await page.goto("/settings/audit-log?action=customer.erased");
  const row = page.getByRole("table", { name: "Audit log" }).getByRole("row").nth(1);
  await expect(row).toContainText("Erased customer data");
  await expect(row).toContainText("m•••@example.com");
  await expect(page.locator("main")).not.toContainText(MARY);
});
