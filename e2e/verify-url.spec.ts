import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import type pg from "pg";
import { expect, signIn, snap, test, type Member } from "./support/fixtures";

// Endpoint verification (Verify URL) and the "Require verification before a webhook goes
// live" policy, through the real app against an echo receiver on 127.0.0.1.

/** A receiver that answers GET ?echo=<value> with the value as text/plain, as LiveSupporti asks. */
async function startEchoReceiver() {
  const server = createServer((req, res) => {
    const value = new URL(req.url ?? "/", "http://x").searchParams.get("echo") ?? "";
    res.writeHead(200, { "Content-Type": "text/plain" }).end(value);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/chat`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A Test-mode Chat Closed webhook of the owner's organization, written to the database. */
async function testModeWebhook(db: pg.Pool, owner: Member, name: string, url: string) {
  const id = `wh_${randomBytes(8).toString("hex")}`;
  await db.query(
    `INSERT INTO "Webhook" (id, "organizationId", name, "eventType", url, "testEmails", "signingSecretEnc", "signingSecretHint", "updatedAt")
     VALUES ($1, $2, $3, 'chat.closed', $4, ARRAY['qa@example.test'], 'v1.a.b.c', 'abcd', now())`,
    [id, owner.organizationId, name, url],
  );
  return id;
}

test("an Owner verifies a URL, requires verification, and an unverified go-live is refused", async ({
  page,
  owner,
  db,
}) => {
  const receiver = await startEchoReceiver();
  try {
    await page.setViewportSize({ width: 1280, height: 900 });
    await signIn(page, owner);
    const echoing = await testModeWebhook(db, owner, "Echoing endpoint", receiver.url);
    const unverified = await testModeWebhook(db, owner, "Unverified endpoint", `${receiver.url}/b`);

    // Verify URL on the webhook's page: the endpoint echoes, so it is verified.
    await page.goto(`/webhooks/${echoing}`);
    await expect(page.getByTestId("verification")).toHaveText("Not verified");
    await page.getByRole("button", { name: "Verify URL" }).click();
    await expect(page.getByText("URL verified: the endpoint echoed the value back.")).toBeVisible();
    await expect(page.getByTestId("verification")).toHaveText("Verified");
    await expect(page.getByText(/^Verified \d/)).toBeVisible();
    await snap(page, "verify-url-detail");
    await page.setViewportSize({ width: 390, height: 844 });
    await snap(page, "verify-url-detail-390");
    await page.setViewportSize({ width: 1280, height: 900 });

    // The list shows which webhooks are verified.
    await page.goto("/webhooks");
    const row = (name: string) => page.getByRole("row").filter({ hasText: name });
    await expect(row("Echoing endpoint").getByTestId("verification")).toHaveText("Verified");
    await expect(row("Unverified endpoint").getByTestId("verification")).toHaveText("Not verified");
    await snap(page, "verify-url-list");

    // Settings → Webhook policy: the Owner turns the requirement on.
    await page.getByRole("link", { name: "Webhook policy" }).first().click();
    const policy = page.getByRole("switch", {
      name: "Require verification before a webhook goes live",
    });
    await expect(policy).not.toBeChecked();
    await policy.click();
    await expect(page.getByText("Webhooks now need a verified URL to go live.")).toBeVisible();
    await expect(policy).toBeChecked();
    await snap(page, "verify-url-policy");

    // Going live in the form is refused for the unverified webhook, with the reason.
    await page.goto(`/webhooks/${unverified}/edit`);
    await expect(page.getByTestId("verification")).toHaveText("Not verified");
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(
      page.getByText(/requires a verified URL before a webhook goes live/).first(),
    ).toBeVisible();
    await snap(page, "verify-url-go-live-refused");
    await page.goto(`/webhooks/${unverified}`);
    await expect(
      page.getByText("Test — kept in Test e-mails (no mail server configured)"),
    ).toBeVisible();

    // The verified one goes live.
    await page.goto(`/webhooks/${echoing}/edit`);
    await page.getByRole("switch", { name: "Test mode" }).click();
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);
    await expect(row("Echoing endpoint").getByText("Live")).toBeVisible();
  } finally {
    await receiver.close();
  }
});
