import { makeTestPki } from "../lib/testing/certificates";
import { expect, signIn, snap, test } from "./support/fixtures";

// The Authentication card: OAuth2 client credentials fields, and an mTLS client certificate
// that is never sent back (subject and expiry, "leave blank to keep"), as a person sees them.

test("OAuth2 and a client certificate are set up, and the certificate is not shown again", async ({
  page,
  owner,
}) => {
  const pki = await makeTestPki();
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("mTLS + OAuth2");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/in");
  await page.getByLabel("Authentication", { exact: true }).selectOption("OAUTH2");
  await page.getByLabel(/^Token URL/).fill("https://auth.example.test/oauth/token");
  await page.getByLabel(/^Client id/).fill("hooks");
  await page.getByLabel(/^Client secret/).fill("cs-e2e-secret");
  await page.getByLabel(/^Scope/).fill("events:write");
  await page.getByLabel(/^Certificate/).fill(pki.client.cert);
  await page.getByLabel(/^Private key/).fill(pki.client.key);
  await page.getByLabel(/^Custom CA/).fill(pki.ca.cert);
  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();

  await page.getByRole("link", { name: "mTLS + OAuth2" }).first().click();
  await page.getByRole("link", { name: /Edit/ }).click();
  await expect(page.getByTestId("client-cert-subject")).toHaveText("CN=webhooks-client");
  await expect(page.getByTestId("client-cert-expiry")).toContainText("Expires");
  await expect(page.getByLabel(/^Private key/)).toHaveValue("");
  const html = await page.content();
  expect(html).not.toContain("PRIVATE KEY-----\n");
  expect(html).not.toContain("cs-e2e-secret");
  const card = page.locator("div[data-slot=card]", { hasText: "Client certificate (mTLS)" });
  await card.scrollIntoViewIfNeeded();
  await snap(page, "authentication-card");
  await card.screenshot({ path: "e2e-artifacts/authentication-card-only.png" });
});
