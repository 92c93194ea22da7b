import { Webhook } from "standardwebhooks";
import { callAction } from "./support/actions";
import { expect, signIn, snap, test, payloadText } from "./support/fixtures";
import { startReceiver } from "../lib/testing/receiver";

test("an event sent to the ingest API is delivered, signed, to a live webhook; the list shows the result", async ({
  page,
  owner,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, owner);

    // Settings → API keys: create one, shown once.
    await page.getByRole("link", { name: "API keys" }).first().click();
    await page.getByLabel("Key name").fill("Chat platform");
    await page.getByRole("button", { name: "Create API key" }).click();
    const apiKey = (await page.getByTestId("api-key").textContent())!;
    expect(apiKey).toMatch(/^whk_/);
    await snap(page, "api-keys-1280");

    // A live Chat Closed webhook to the local receiver.
    await page.goto("/webhooks/new");
    await page.getByLabel(/^Event type/).selectOption("chat.closed");
    await (
      await payloadText(page)
    ).fill('{"email": {{chat.customer_email}}, "ended": {{chat.ended_at}}}');
    await page
      .getByRole("textbox", { name: "URL", exact: true })
      .fill(`${receiver.url}/hooks/chat`);
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByRole("button", { name: "Save event" }).click();
    const secret = (await page.getByTestId("signing-secret").textContent())!;
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    const response = await page.request.post("/api/v1/events", {
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      data: {
        id: "evt-1",
        type: "chat.closed",
        data: { chat: { customer_email: "mary@example.com", ended_at: "2026-11-22T10:00:00Z" } },
      },
    });
    expect(response.status()).toBe(202);
    expect(await response.json()).toMatchObject({ deliveries: 1 });

    const [hit] = await receiver.waitForRequests(1, 20_000);
    expect(JSON.parse(hit!.body)).toEqual({
      email: "mary@example.com",
      ended: "2026-11-22T10:00:00Z",
    });
    expect(hit!.headers["x-webhook-event"]).toBe("chat.closed");
    // The receiving developer's check, with the official library.
    expect(() =>
      new Webhook(secret).verify(hit!.body, hit!.headers as Record<string, string>),
    ).not.toThrow();

    // The same id again is a duplicate: nothing more is delivered.
    const again = await page.request.post("/api/v1/events", {
      headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
      data: { id: "evt-1", type: "chat.closed", data: {} },
    });
    expect(again.status()).toBe(200);
    expect(await again.json()).toMatchObject({ duplicate: true });

    await page.goto("/webhooks");
    await expect(page.getByTestId("webhook-row").getByText("200 OK")).toBeVisible();
    await snap(page, "webhooks-last-delivery-1280");
  } finally {
    await receiver.close();
  }
});

test("the Event simulator and Send test event show each delivery's outcome without a reload", async ({
  page,
  owner,
  db,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page, owner);
    await page.goto("/webhooks/new");
    await page.getByLabel(/^Event type/).selectOption("chat.opened");
    await page.getByRole("button", { name: "Start from full payload" }).click();
    await page.getByRole("menuitem", { name: /^Flat/ }).click();
    await page
      .getByRole("textbox", { name: "URL", exact: true })
      .fill(`${receiver.url}/hooks/chat`);
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Live opened");
    await page.getByRole("button", { name: "Save event" }).click();
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    await page.goto("/webhooks/new");
    await page.getByLabel(/^Event type/).selectOption("chat.opened");
    await page
      .getByRole("textbox", { name: "URL", exact: true })
      .fill("https://crm.example.test/in");
    await page.getByRole("textbox", { name: "Name", exact: true }).fill("Test opened");
    await page.getByRole("button", { name: "Save event" }).click();
    await page.getByRole("button", { name: "I have copied it" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    const stored = await db.query(
      `SELECT name, "eventType", enabled, "testMode" FROM "Webhook" WHERE "organizationId" = $1 ORDER BY name`,
      [owner.organizationId],
    );
    expect(stored.rows).toEqual([
      { name: "Live opened", eventType: "chat.opened", enabled: true, testMode: false },
      { name: "Test opened", eventType: "chat.opened", enabled: true, testMode: true },
    ]);
    await page.getByRole("link", { name: "Event simulator" }).first().click();
    await page.getByLabel(/^Event type/).selectOption("chat.opened");
    await page.getByRole("button", { name: "Send event" }).click();
    const outcomes = page.getByTestId("delivery-outcomes");
    await expect(outcomes.locator("li")).toHaveCount(2);
    await expect(outcomes.locator("li").filter({ hasText: "Live opened" })).toContainText(
      "Delivered: 200",
    );
    await expect(outcomes.locator("li").filter({ hasText: "Test opened" })).toContainText(
      "Kept in Test e-mails (no mail server configured)",
    );
    await snap(page, "simulator-1280");
    await receiver.waitForRequests(1, 20_000);

    await page.goto("/webhooks");
    await page.getByRole("button", { name: "Actions for Test opened" }).click();
    await page.getByRole("menuitem", { name: "Send test event" }).click();
    await expect(page.getByRole("dialog").getByTestId("delivery-outcomes")).toContainText(
      "Kept in Test e-mails (no mail server configured)",
    );
  } finally {
    await receiver.close();
  }
});

test("a Viewer can neither send events nor manage API keys", async ({ page, addMember }) => {
  const viewer = await addMember("VIEWER");
  await signIn(page, viewer);
  await expect(page.getByRole("link", { name: "Event simulator" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "API keys" })).toHaveCount(0);
  // The page says why instead of silently sending them elsewhere, and shows no key.
  await page.goto("/settings/api-keys");
  await expect(page).toHaveURL(/\/settings\/api-keys$/);
  await expect(page.getByRole("main")).toContainText("Only Owners and Admins can manage API keys");
  await expect(page.getByRole("button", { name: "Create API key" })).toHaveCount(0);
  for (const [name, input] of [
    ["createApiKeyAction", { name: "sneaky" }],
    ["simulateEventAction", { type: "chat.opened", data: "{}" }],
  ] as const) {
    const { text } = await callAction(page, name, input);
    expect(text, name).toContain("Your role does not allow this");
  }
});
