import { expect, signIn, test } from "./support/fixtures";

// Security headers on pages (public and signed in), API routes and static files.
const expected = {
  "x-frame-options": "DENY",
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "strict-transport-security": "max-age=63072000; includeSubDomains",
};

test("every kind of response carries the security headers", async ({ page, owner }) => {
  await signIn(page, owner);
  const html = await (await page.request.get("/signin")).text();
  const asset = /\/_next\/static\/[^"']+\.js/.exec(html)?.[0];
  expect(asset).toBeTruthy();
  for (const path of ["/signin", "/webhooks", "/deliveries", "/api/health", asset!]) {
    const response = await page.request.get(path, { maxRedirects: 0 });
    const headers = response.headers();
    for (const [name, value] of Object.entries(expected)) {
      expect(headers[name], `${name} on ${path}`).toBe(value);
    }
    const csp = headers["content-security-policy"] ?? "";
    expect(csp, path).toContain("frame-ancestors 'none'");
    expect(csp, path).toContain("object-src 'none'");
  }
});
