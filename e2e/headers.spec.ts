import { expect, signIn, test, payloadText } from "./support/fixtures";

// Security headers on pages (public and signed in), API routes and static files, and a
// Content-Security-Policy on pages that runs only scripts carrying the response's nonce.
const expected = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};

const PAGES = ["/signin", "/webhooks", "/deliveries", "/settings/audit-log"];

/** The directives of a CSP header, by name. */
const directives = (csp: string) =>
  new Map(
    csp.split(";").map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name!, values];
    }),
  );

test("every kind of response carries the security headers", async ({ page, owner }) => {
  await signIn(page, owner);
  const html = await (await page.request.get("/signin")).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const path of [...PAGES, "/api/health", asset!]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    for (const [name, value] of Object.entries(expected)) {
      expect(headers[name], `${name} on ${path}`).toBe(value);
    }
    const csp = directives(headers["content-security-policy"] ?? "");
    expect(csp.get("frame-ancestors"), path).toEqual(["'none'"]);
    expect(csp.get("object-src"), path).toEqual(["'none'"]);
  }
  const api = directives(
    (await page.request.get("/api/health")).headers()["content-security-policy"]!,
  );
  expect(api.get("default-src")).toEqual(["'none'"]);
});

test("pages run only scripts with their own nonce, and work under that policy", async ({
  page,
  owner,
  browser,
}) => {
  await signIn(page, owner);
  const anonymous = await browser.newContext();
  const nonces = new Set<string>();
  for (const path of PAGES) {
    // The sign-in page as a visitor sees it (signed in, it sends you on).
    const request = path === "/signin" ? anonymous.request : page.request;
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    const script = directives(response.headers()["content-security-policy"]!).get("script-src")!;
    const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(
      script.find((s) => s.startsWith("'nonce-"))!,
    )![1]!;
    expect(script, path).toEqual(["'self'", `'nonce-${nonce}'`, "'strict-dynamic'"]);
    nonces.add(nonce);
    // Every script Next rendered carries it; none runs without.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, path).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag, path).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size, "a fresh nonce per response").toBe(PAGES.length);
  await anonymous.close();

  // In the browser: no violation while pages hydrate and respond to input.
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.goto("/webhooks/new");
  await (await payloadText(page)).fill('{"email": ');
  await page
    .getByRole("region", { name: "Tokens" })
    .getByRole("button", { name: "Customer email" })
    .click();
  await page.keyboard.insertText("}");
  await expect(page.getByTestId("payload-preview")).toContainText("mary.brown@example.com");
  await page.goto("/deliveries");
  await page.getByLabel("Filter by status").selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  expect(violations).toEqual([]);

  // Markup injected into the page (what an XSS would do) cannot run script: its inline event
  // handler is refused, and the browser reports it. (page.evaluate itself is exempt from the
  // policy, so the injection is markup, not a script element.)
  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img src="/missing.png" alt="" onerror="window.__injected = true">',
    );
  });
  await expect.poll(() => violations.length).toBe(1);
  expect(violations[0]).toMatch(/inline event handler/i);
  expect(await page.evaluate(() => "__injected" in window)).toBe(false);
});
