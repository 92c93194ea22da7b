import { makeTestPki } from "../lib/testing/certificates";
import { callAction } from "./support/actions";
import { expect, signIn, test } from "./support/fixtures";
import { appPages } from "./support/routes";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";

// Secrets never reach the browser after creation: every page under app/, rendered as the
// Owner — both the HTML and the React Server Components payload a client navigation fetches —
// contains neither the signing secret, nor the auth credential, nor their encrypted forms.

test("no page, HTML or RSC payload, carries a stored secret or credential", async ({
  page,
  owner,
  db,
}) => {
  const password = "pw-Leak-Canary-7Qx";
  await signIn(page, owner);
  await page.goto("/webhooks/new");
  await page.getByLabel(/^Event type/).selectOption("chat.closed");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Leak canary");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill(`https://hook:${password}@receiver.example.test/in`);
  await page.getByRole("button", { name: "Save event" }).click();
  const secret = (await page.getByTestId("signing-secret").textContent())!;
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "I have copied it" }).click();

  const { rows } = await db.query(
    `SELECT id, "signingSecretEnc", "authCredentialsEnc" FROM "Webhook" WHERE "organizationId" = $1`,
    [owner.organizationId],
  );
  const webhook = rows[0] as { id: string; signingSecretEnc: string; authCredentialsEnc: string };
  // A Test-mode delivery and its e-mail, so the delivery and test e-mail pages have something.
  const sent = await callAction(page, "sendTestEventAction", { webhookId: webhook.id });
  expect(sent.text).toContain("deliveryIds");
  await expect
    .poll(
      async () =>
        (
          await db.query(`SELECT count(*)::int AS n FROM "TestEmail" WHERE "webhookId" = $1`, [
            webhook.id,
          ])
        ).rows[0].n,
    )
    .toBe(1);
  const delivery = (
    await db.query(`SELECT id FROM "Delivery" WHERE "webhookId" = $1`, [webhook.id])
  ).rows[0].id as string;
  const email = (await db.query(`SELECT id FROM "TestEmail" WHERE "webhookId" = $1`, [webhook.id]))
    .rows[0].id as string;
  // A second webhook with the other kinds of secret: an OAuth2 client secret and an mTLS key.
  const clientSecret = "cs-Leak-Canary-3Vb";
  const pki = await makeTestPki();
  const created = await callAction(page, "createWebhookAction", {
    ...newWebhookDefaults(owner.email),
    name: "Leak canary mTLS",
    url: "https://receiver.example.test/mtls",
    authType: "OAUTH2",
    oauthTokenUrl: "https://auth.example.test/token",
    oauthClientId: "hooks",
    oauthClientSecret: clientSecret,
    tlsClientCert: pki.client.cert,
    tlsClientKey: pki.client.key,
  });
  expect(created.text).toContain("signingSecret");
  const mtls = (
    await db.query(
      `SELECT id, "signingSecretEnc", "authCredentialsEnc", "tlsClientKeyEnc" FROM "Webhook"
       WHERE "organizationId" = $1 AND name = 'Leak canary mTLS'`,
      [owner.organizationId],
    )
  ).rows[0] as {
    id: string;
    signingSecretEnc: string;
    authCredentialsEnc: string;
    tlsClientKeyEnc: string;
  };
  expect(mtls.tlsClientKeyEnc).toBeTruthy();

  // Real ids where a page needs one (each webhook's pages in turn); any other dynamic segment
  // (an invitation token) gets "x".
  const idSets: Record<string, string>[] = [webhook.id, mtls.id].map((id) => ({
    "/webhooks/[id]": id,
    "/deliveries/[id]": delivery,
    "/test-emails/[id]": email,
  }));

  const canaries = [
    secret,
    secret.slice("whsec_".length),
    password,
    webhook.signingSecretEnc,
    webhook.authCredentialsEnc,
    clientSecret,
    pki.client.key.split("\n")[1]!, // a line of the private key's body
    mtls.signingSecretEnc,
    mtls.authCredentialsEnc,
    mtls.tlsClientKeyEnc,
  ];
  const routes = [
    ...new Set(
      idSets.flatMap((ids) =>
        appPages().map((route) =>
          route.replace(/^\/[^/]+\/\[[^\]]+\]/, (prefix) =>
            prefix.replace(/\[[^\]]+\]$/, ids[prefix] ?? "x"),
          ),
        ),
      ),
    ),
  ];
  expect(routes.length).toBeGreaterThanOrEqual(16);
  for (const route of routes) {
    for (const rsc of [false, true]) {
      const response = await page.request.get(route, {
        headers: rsc ? { RSC: "1" } : {},
      });
      const body = await response.text();
      expect(response.status(), route).toBe(200);
      for (const canary of canaries) {
        expect(body.includes(canary), `${route}${rsc ? " (RSC)" : ""} contains a secret`).toBe(
          false,
        );
      }
    }
  }
});
