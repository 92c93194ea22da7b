import { callAction } from "./support/actions";
import { expect, signIn, snap, test } from "./support/fixtures";
import { startReceiver } from "../lib/testing/receiver";

// The operator's loop: a receiver fails, the log shows why, Redeliver fixes it, and the
// webhook's health goes red and back. A Viewer reads all of it and can act on none of it.

test("failed deliveries are explained, redelivered, and the webhook's health recovers", async ({
  page,
  owner,
  addMember,
  db,
  browser,
}) => {
  test.slow(); // waits for real retries on their schedule
  // Three failures, then the receiver is fixed.
  const receiver = await startReceiver((_, i) => ({
    status: i < 3 ? 500 : 200,
    body: i < 3 ? "down" : "ok",
  }));
  try {
    await signIn(page, owner);
    await page.goto("/webhooks/new");
    await page.getByLabel(/^Event type/).selectOption("chat.closed");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("CRM closed chats");
    await page
      .getByRole("textbox", { name: "URL", exact: true })
      .fill(`${receiver.url}/hooks/chat`);
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByLabel("Retry policy").selectOption("NONE");
    await page.getByRole("button", { name: "Save event" }).click();
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    const { rows } = await db.query(`SELECT id FROM "Webhook" WHERE "organizationId" = $1`, [
      owner.organizationId,
    ]);
    const webhookId = rows[0].id as string;

    for (let i = 0; i < 3; i++) {
      const { text } = await callAction(page, "sendTestEventAction", { webhookId });
      expect(text).toContain("deliveryIds");
      await receiver.waitForRequests(i + 1, 20_000);
    }

    // The webhook detail: failing, red.
    await page.getByTestId("webhook-row").getByRole("link", { name: "CRM closed chats" }).click();
    await expect(page).toHaveURL(new RegExp(`/webhooks/${webhookId}$`));
    await expect(page.getByTestId("health")).toHaveText("Failing", { timeout: 15_000 });
    await expect(page.getByText("3 failed in a row")).toBeVisible();
    await expect(page.getByRole("heading", { name: "How to receive" })).toBeVisible();
    await snap(page, "webhook-detail-failing-1280");

    // The delivery log: three failed rows; filters live in the URL.
    await page.getByRole("link", { name: "Deliveries" }).first().click();
    await page.getByLabel("Filter by status").selectOption("failed");
    await expect(page).toHaveURL(/status=failed/);
    const table = page.getByRole("table", { name: "Deliveries" });
    await expect(table.getByRole("row")).toHaveCount(4); // header + 3
    await snap(page, "deliveries-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, "deliveries-390");
    await page.setViewportSize({ width: 1280, height: 900 });

    // One delivery: the attempt, explained in plain words with the likely fix.
    await table.getByRole("link").first().click();
    await expect(page.getByText("The receiver failed with an error (500)")).toBeVisible();
    await expect(page.getByText(/Likely fix:/)).toBeVisible();
    await expect(page.getByRole("button", { name: "Copy as curl" })).toBeVisible();
    await snap(page, "delivery-failed-1280");

    // Redeliver: the receiver is fixed now; the new attempt appears without a reload.
    await page.getByRole("button", { name: "Redeliver" }).click();
    await expect(page.getByText("Attempt 2")).toBeVisible({ timeout: 15_000 });
    await expect(page.getByText("Delivered · 200")).toBeVisible();
    const hits = await receiver.waitForRequests(4, 20_000);
    // The same webhook-id as the failed attempt it replaces.
    const failedIds = hits.slice(0, 3).map((h) => h.headers["webhook-id"]);
    expect(failedIds).toContain(hits[3]!.headers["webhook-id"]);
    expect(page.url()).toContain(String(hits[3]!.headers["webhook-id"]));
    await snap(page, "delivery-redelivered-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, "delivery-redelivered-390");
    await page.setViewportSize({ width: 1280, height: 900 });

    // Health is green again.
    await page.goto(`/webhooks/${webhookId}`);
    await expect(page.getByTestId("health")).toHaveText("Healthy");
    await snap(page, "webhook-detail-healthy-1280");
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, "webhook-detail-390");

    // A Viewer reads everything and can act on nothing.
    const viewer = await addMember("VIEWER");
    const context = await browser.newContext();
    const viewerPage = await context.newPage();
    await signIn(viewerPage, viewer);
    await viewerPage.goto("/deliveries");
    const viewerTable = viewerPage.getByRole("table", { name: "Deliveries" });
    await expect(viewerTable.getByRole("row")).toHaveCount(4);
    await viewerTable.getByRole("link").first().click();
    await expect(viewerPage.getByText("Attempt 1")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: "Redeliver" })).toHaveCount(0);
    await viewerPage.goto(`/webhooks/${webhookId}`);
    await expect(viewerPage.getByTestId("health")).toBeVisible();
    await expect(viewerPage.getByRole("button", { name: /Recover/ })).toHaveCount(0);
    const deliveryId = String(hits[3]!.headers["webhook-id"]);
    for (const [name, input] of [
      ["redeliverAction", { id: deliveryId }],
      ["recoverFailedAction", { webhookId, since: new Date(0).toISOString(), confirm: true }],
    ] as const) {
      const { text } = await callAction(viewerPage, name, input);
      expect(text, name).toContain("Your role does not allow this");
    }
    await context.close();
  } finally {
    await receiver.close();
  }
});
