import { XMLParser } from "fast-xml-parser";
import type { Page } from "@playwright/test";
import { expect, signIn, snap, test } from "./support/fixtures";
import { startReceiver, type ReceivedRequest } from "../lib/testing/receiver";

// The payload builder from the admin's side: whatever they click, in any format, the webhook
// saves and the body that reaches their receiver parses with a standard parser and holds
// the values of the event.

const SAMPLE = {
  email: "mary.brown@example.com",
  session: "CS-20240514-7F3K9Q",
  country: "United States",
};
const formats = ["JSON", "XML", "FORM"] as const;
type Format = (typeof formats)[number];

/** The body as the receiver's standard parser reads it, flattened to its leaf values. */
function parsed(format: Format, hit: ReceivedRequest): string[] {
  const leaves = (v: unknown): string[] =>
    v !== null && typeof v === "object" ? Object.values(v).flatMap(leaves) : [String(v)];
  if (format === "JSON") return leaves(JSON.parse(hit.body));
  if (format === "XML") {
    expect(hit.headers["content-type"]).toContain("application/xml");
    return leaves(new XMLParser({ parseTagValue: false }).parse(hit.body));
  }
  expect(hit.headers["content-type"]).toContain("application/x-www-form-urlencoded");
  return [...new URLSearchParams(hit.body).values()];
}

const token = (page: Page, name: string) =>
  page.getByRole("region", { name: "Tokens" }).getByRole("button", { name, exact: true });

async function clickThreeTokens(page: Page) {
  await token(page, "Customer email").click();
  await token(page, "Chat session unique ID").click();
  await token(page, "Country").click();
}

/** Saves the webhook live to the receiver, sends a test event, and returns what arrived. */
async function saveAndSend(
  page: Page,
  receiver: Awaited<ReturnType<typeof startReceiver>>,
  name: string,
) {
  await page.getByRole("textbox", { name: "Name", exact: true }).fill(name);
  await page.getByRole("textbox", { name: "URL", exact: true }).fill(`${receiver.url}/hooks/chat`);
  await page.getByRole("switch", { name: "Test mode" }).click();
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
  const before = receiver.requests.length;
  await page.getByRole("button", { name: `Actions for ${name}` }).click();
  await page.getByRole("menuitem", { name: "Send test event" }).click();
  await expect(page.getByRole("dialog").getByTestId("delivery-outcomes")).toContainText(
    "Delivered",
  );
  const requests = await receiver.waitForRequests(before + 1, 20_000);
  return requests[before]!;
}

for (const format of formats) {
  test(`${format}: three clicked tokens save and reach the receiver as a body its parser reads`, async ({
    page,
    owner,
  }) => {
    test.slow(); // saves, then waits for a real delivery
    const receiver = await startReceiver();
    try {
      await signIn(page, owner);
      await page.goto("/webhooks/new");
      await page.getByLabel("Event type").selectOption("chat.closed");
      await page.getByLabel("Payload format").selectOption(format);
      await clickThreeTokens(page);
      const fields = page.getByTestId("payload-fields");
      await expect(fields.getByLabel(/^Key of/)).toHaveCount(3);
      await expect(fields.getByLabel("Key of chat_customer_email")).toHaveValue(
        "chat_customer_email",
      );
      await expect(page.locator("#payload-issues")).toBeEmpty();
      if (format === "JSON") {
        await snap(page, "payload-builder-1280");
        await page.setViewportSize({ width: 390, height: 844 });
        await snap(page, "payload-builder-390");
        await page.setViewportSize({ width: 1280, height: 720 });
      }
      const hit = await saveAndSend(page, receiver, `Three tokens ${format}`);
      expect(parsed(format, hit)).toEqual(expect.arrayContaining(Object.values(SAMPLE)));
    } finally {
      await receiver.close();
    }
  });

  test(`${format}: a preset plus a token clicked without touching the editor, in fields and as text, after two format switches`, async ({
    page,
    owner,
  }) => {
    test.slow(); // saves, then waits for a real delivery
    const receiver = await startReceiver();
    try {
      await signIn(page, owner);
      await page.goto("/webhooks/new");
      await page.getByLabel("Event type").selectOption("chat.closed");
      // Two switches before settling on the format: the fields come along.
      const others = formats.filter((f) => f !== format);
      await page.getByLabel("Payload format").selectOption(others[0]!);
      await page.getByRole("button", { name: "Start from full payload" }).click();
      await page.getByRole("menuitem", { name: /^Flat/ }).click();
      await page.getByLabel("Payload format").selectOption(others[1]!);
      await page.getByLabel("Payload format").selectOption(format);
      await token(page, "Chat session unique ID").click();
      await expect(page.getByLabel(/^Key of chat_session_id/).last()).toBeVisible();
      // As text, a token clicked without first clicking in the editor still keeps it valid.
      await page.getByRole("button", { name: "Edit as text" }).click();
      await expect(page.getByRole("textbox", { name: "Payload template" })).toBeVisible();
      await token(page, "Customer email").click();
      await expect(page.locator("#payload-issues")).toBeEmpty();
      await expect(page.getByTestId("payload-preview")).toBeVisible();
      const hit = await saveAndSend(page, receiver, `Preset ${format}`);
      const values = parsed(format, hit);
      expect(values).toEqual(expect.arrayContaining(Object.values(SAMPLE)));
      // The session id arrives three times: in the preset, as the clicked field, and as text.
      expect(values.filter((v) => v === SAMPLE.session).length).toBeGreaterThanOrEqual(2);
    } finally {
      await receiver.close();
    }
  });
}

test("Save goes to the first error: each kind of invalid field is focused, with a summary on top", async ({
  page,
  owner,
}) => {
  test.slow(); // five rounds of Save
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  const save = page.getByRole("button", { name: "Save event" });
  const summary = page.getByRole("alert").filter({ hasText: /problems?:/ });

  // URL missing and a payload field without a name: the URL comes first on the page.
  await token(page, "Customer email").click();
  await page.getByLabel("Key of chat_customer_email").fill("");
  await save.click();
  await expect(summary).toContainText("2 problems: URL, Payload");
  await expect(page.getByRole("textbox", { name: "URL", exact: true })).toBeFocused();
  await snap(page, "save-first-error");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/hooks");
  await save.click();
  await expect(page.getByLabel("Key of unnamed field")).toBeFocused();
  await page.getByLabel("Key of unnamed field").fill("email");

  // A header the platform sets itself.
  await page.getByRole("button", { name: "Add header" }).click();
  await page.getByLabel("Header 1 name").fill("Content-Length");
  await page.getByLabel("Header 1 value").fill("5");
  await save.click();
  await expect(page.getByLabel("Header 1 name")).toBeFocused();
  await page.getByRole("button", { name: "Remove header 1" }).click();

  // An invalid template in text mode: the editor takes the focus.
  await page.getByRole("button", { name: "Edit as text" }).click();
  const editor = page.getByRole("textbox", { name: "Payload template" });
  await editor.fill('{"email": ');
  await save.click();
  await expect(editor).toBeFocused();
  await expect(page.locator("#payload-issues")).toContainText("Invalid JSON template");
  await editor.fill('{"email": "{{chat.customer_email}}"}');

  // Basic authentication without a user name.
  await page.getByLabel("Authentication").selectOption("BASIC");
  await save.click();
  await expect(page.getByLabel("User name")).toBeFocused();
  await expect(summary).toContainText("1 problem: Authentication");
});

test("leaving the form with unsaved changes asks first", async ({ page, owner }) => {
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await token(page, "Customer email").click();
  page.once("dialog", (d) => {
    expect(d.message()).toContain("not saved");
    void d.dismiss();
  });
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/webhooks\/new$/);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("link", { name: "Cancel" }).click();
  await expect(page).toHaveURL(/\/webhooks$/);
});
