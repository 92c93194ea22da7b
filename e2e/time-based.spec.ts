import { createApiKey, expect, signIn, snap, test, payloadText } from "./support/fixtures";

// A time-based webhook through the real app: "Chat not assigned within 10 seconds" in Test
// mode, set up in Add Event; a chat.opened sent to the ingest API and never assigned reaches
// the Test e-mails inbox once its deadline passed (the embedded worker's timer).

test("a chat not assigned within 10 seconds arrives as a test e-mail after the deadline", async ({
  page,
  owner,
  db,
}) => {
  await signIn(page, owner);
  const apiKey = await createApiKey(page);

  await page.goto("/webhooks/new");
  await expect(page.getByLabel(/^Within/)).toBeHidden();
  await page.getByLabel(/^Event type/).selectOption("chat.not_assigned");
  const within = page.getByLabel("Within (seconds)");
  await expect(within).toBeVisible();
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Unassigned chats");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://crm.example.test/hooks/unassigned");
  await (await payloadText(page)).fill('{"type": "{{event.type}}", "chat": "{{chat.session_id}}"}');
  await expect(page.getByRole("switch", { name: "Test mode" })).toBeChecked();
  await within.fill("9");
  await page.getByRole("button", { name: "Save event" }).click();
  await expect(page.getByText("Enter 10 to 86400 seconds.")).toBeVisible();
  await within.fill("10");
  // From the top: a full-page shot of a scrolled page draws the sticky header over the field.
  await page.evaluate(() => window.scrollTo(0, 0));
  await snap(page, "time-based-threshold-1280");
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);

  const response = await page.request.post("/api/v1/events", {
    headers: { Authorization: `Bearer ${apiKey}` },
    data: { type: "chat.opened", data: { chat: { session_id: "E2E-CHAT-1" } } },
  });
  expect(response.status()).toBe(202);
  // Nothing is delivered for the opening event itself: the webhook waits for its deadline.
  expect(await response.json()).toEqual(expect.objectContaining({ deliveries: 0 }));
  const sentAt = Date.now();

  const rows = page.getByTestId("test-email-row");
  await expect
    .poll(
      async () => {
        await page.goto("/test-emails");
        return rows.count();
      },
      { timeout: 60_000, intervals: [2_000] },
    )
    .toBe(1);
  expect(Date.now() - sentAt).toBeGreaterThanOrEqual(9_000);
  await expect(rows.first()).toContainText("Unassigned chats");
  await expect(rows.first()).toContainText("Chat Not Assigned in Time");

  const stored = await db.query(
    `SELECT t."textBody" FROM "TestEmail" t JOIN "Webhook" w ON w.id = t."webhookId"
     WHERE w."organizationId" = $1`,
    [owner.organizationId],
  );
  expect(stored.rows[0].textBody).toContain('"type": "chat.not_assigned"');
  expect(stored.rows[0].textBody).toContain('"chat": "E2E-CHAT-1"');
});
