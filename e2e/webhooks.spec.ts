import { sampleData } from "@/lib/events/sample-data";
import { expect, signIn, snap, test, payloadText } from "./support/fixtures";

const closed = sampleData("chat.closed");

test("Add Event: Chat Closed built from three tokens, saved in Test mode, edited, toggled, deleted", async ({
  page,
  owner,
  db,
}) => {
  await signIn(page, owner);
  await page.getByRole("link", { name: "Add Event" }).click();
  await expect(page).toHaveURL(/\/webhooks\/new$/);

  await page.getByLabel("Event", { exact: true }).selectOption("chat");
  await page.getByLabel("Event type").selectOption("chat.closed");
  await expect(page.getByLabel("Verb")).toHaveValue("POST");
  await expect(page.getByRole("switch", { name: "Test mode" })).toBeChecked();
  await expect(page.getByLabel("Test e-mail")).toHaveValue(owner.email);

  // Build the payload by clicking tokens at the cursor.
  const editor = await payloadText(page);
  const palette = page.getByRole("region", { name: "Tokens" });
  await editor.fill('{"email": ');
  await palette.getByRole("button", { name: "Customer email" }).click();
  await page.keyboard.insertText(', "transcript": ');
  await palette.getByRole("button", { name: "Customer chat transcript" }).click();
  await page.keyboard.insertText(', "ended": ');
  await palette.getByRole("button", { name: "Chat end time" }).click();
  await page.keyboard.insertText("}");

  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/hooks/chat");

  // The live preview renders the sample data, typed and escaped as JSON.
  const preview = page.getByTestId("payload-preview");
  const body = JSON.parse((await preview.locator("pre").nth(1).textContent()) ?? "");
  expect(body).toEqual({
    email: closed.chat!.customer_email,
    transcript: closed.chat!.transcript,
    ended: closed.chat!.ended_at,
  });
  await expect(preview).toContainText("Content-Type: application/json; charset=utf-8");
  await expect(preview).toContainText("POST https://receiver.example.test/hooks/chat");
  await expect(page.getByText(`this request is e-mailed to ${owner.email}`)).toBeVisible();
  await snap(page, "add-event-1280");

  await page.getByRole("button", { name: "Save event" }).click();
  const secret = await page.getByTestId("signing-secret").textContent();
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await page.getByRole("button", { name: "I have copied it" }).click();

  await expect(page).toHaveURL(/\/webhooks$/);
  const row = page
    .getByTestId("webhook-row")
    .filter({ hasText: "Chat Closed → receiver.example.test" });
  await expect(row).toBeVisible();
  await expect(row.getByText("Test", { exact: true })).toBeVisible();
  await snap(page, "webhooks-list-1280");

  // The secret is stored encrypted, never in clear text.
  const stored = await db.query(
    `SELECT "signingSecretEnc", "signingSecretHint" FROM "Webhook" WHERE "organizationId" = $1`,
    [owner.organizationId],
  );
  expect(stored.rows[0].signingSecretEnc).not.toContain(secret!.slice(6, 20));
  expect(stored.rows[0].signingSecretHint).toBe(secret!.slice(-4));

  // Edit: the secret shows only its last four characters.
  await row.getByRole("link").first().click(); // its name (the Test badge links too)
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByLabel("Signing secret, last four characters")).toHaveText(
    `whsec_••••••••${secret!.slice(-4)}`,
  );
  await expect(page.getByText(secret!)).toHaveCount(0);
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("CRM: closed chats");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  const renamed = page.getByTestId("webhook-row").filter({ hasText: "CRM: closed chats" });
  await expect(renamed).toBeVisible();

  // Toggle off, and it stays off.
  await renamed.getByRole("switch", { name: "Disable CRM: closed chats" }).click();
  await expect(renamed.getByRole("switch", { name: "Enable CRM: closed chats" })).not.toBeChecked();
  await page.reload();
  await expect(page.getByRole("switch", { name: "Enable CRM: closed chats" })).not.toBeChecked();

  // Delete with confirmation.
  await page.getByRole("button", { name: "Actions for CRM: closed chats" }).click();
  await page.getByRole("menuitem", { name: "Delete" }).click();
  await expect(page.getByRole("alertdialog")).toContainText("This cannot be undone");
  await page.getByRole("button", { name: "Delete webhook" }).click();
  await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
});

test("the form blocks unknown tokens and bad headers with their names, and moves URL credentials to Basic auth", async ({
  page,
  owner,
}) => {
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByLabel("Event type").selectOption("chat.opened");
  const editor = await payloadText(page);
  await editor.fill('{"t": "{{chat.trasncript}}"}');
  await expect(page.getByText("{{chat.trasncript}}").last()).toBeVisible();
  await expect(page.locator("#payload-issues")).toContainText("chat.trasncript");

  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill("Content-Length");
  await page.getByLabel("Header 1 value").fill("5");
  // A private address is refused by the outbound guard: the form says so as you leave the field.
  await page.getByRole("textbox", { name: "URL", exact: true }).fill("http://10.1.2.3/hooks");
  await page.getByRole("textbox", { name: "URL", exact: true }).blur();
  await expect(
    page.getByText(/Deliveries to this URL will be refused: .*10\.1\.2\.3/),
  ).toBeVisible();
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://hook:s3cret@receiver.example.test/in");
  await expect(page.getByText("will be moved to Basic authentication")).toBeVisible();
  await page.getByRole("button", { name: "Save event" }).click();
  await expect(page.getByText("Content-Length is computed from the payload.")).toBeVisible();
  await expect(page).toHaveURL(/\/webhooks\/new$/);

  // Fix both; the event saves, with the credentials out of the URL.
  await page.getByRole("button", { name: "Remove header 1" }).click();
  await editor.fill('{"email": "{{chat.customer_email}}"}');
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  const row = page.getByTestId("webhook-row").first();
  await row.getByRole("link").first().click(); // its name (the Test badge links too)
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("textbox", { name: "URL", exact: true })).toHaveValue(
    "https://receiver.example.test/in",
  );
  await expect(page.getByLabel("Authentication")).toHaveValue("BASIC");
  await expect(page.getByLabel("User name")).toHaveValue("hook");
  await expect(page.getByLabel("Password")).toHaveValue("");
});

test("the webhooks page reads well on a phone", async ({ page, owner }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByRole("button", { name: "Start from full payload" }).click();
  await page.getByRole("menuitem", { name: /^Flat/ }).click();
  await expect(page.getByTestId("payload-preview")).toContainText('"transcript"');
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/hooks");
  await snap(page, "add-event-390");
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page.getByTestId("webhook-row")).toHaveCount(1);
  await snap(page, "webhooks-list-390");
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
});

test("envelope presets and meta tokens: LiveSupporti style previewed with the delivery's attempt", async ({
  page,
  owner,
}) => {
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("CRM sync");
  const menu = page.getByRole("button", { name: "Start from full payload" });

  // Plain text carries only the flat template; the envelopes (fields) say why.
  await page.getByLabel("Payload format").selectOption("TEXT");
  await menu.click();
  await expect(page.getByRole("menuitem", { name: /^LiveChat style/ })).toBeDisabled();
  await expect(page.getByRole("menu")).toContainText("choose JSON, XML or Form");
  await snap(page, "add-event-preset-menu-text");
  await page.keyboard.press("Escape");

  await page.getByLabel("Payload format").selectOption("JSON");
  await menu.click();
  await page.getByRole("menuitem", { name: /^LiveSupporti style/ }).click();
  const preview = page.getByTestId("payload-preview");
  const body = JSON.parse((await preview.locator("pre").nth(1).textContent()) ?? "");
  expect(body).toMatchObject({ Attempt: 1, Notifications: [{ Data: { chat: {} } }] });
  const meta = page.getByRole("group", { name: "Delivery" });
  await expect(meta).toContainText("Attempt number");
  await meta.scrollIntoViewIfNeeded();
  await snap(page, "add-event-presets");

  // A non-empty payload is replaced only after a confirm.
  page.once("dialog", (d) => void d.dismiss());
  await menu.click();
  await page.getByRole("menuitem", { name: /^LivePerson style/ }).click();
  await expect(preview).toContainText('"Attempt": 1');
});
