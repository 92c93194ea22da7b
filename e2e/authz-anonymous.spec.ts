import { postAction, serverActions } from "./support/actions";
import { expect, test } from "./support/fixtures";
import { appPages } from "./support/routes";

// The anonymous column of the authorization matrix, enumerated from the code: every page under
// app/ and every server action in the build. (Each action is called from the page that serves
// it, as a browser would.) A new page is expected to require sign-in unless
// it is listed as public here; a new action must be listed in one of the sets below, or this
// test fails and says so.

const SIGN_IN_AGAIN = "Your session has ended. Sign in again.";

/** Pages anyone may open, and what they answer. Every other page sends anonymous users to /signin. */
const PUBLIC_PAGES: Record<string, RegExp> = {
  "/signin": /Sign in/,
  "/setup": /.*/, // redirects to /signin once an owner exists
  "/invite/x": /invitation/i,
  "/no-organization": /.*/,
};

/** Actions without a session by design, with how they refuse an anonymous caller's junk input. */
const PUBLIC_ACTIONS: Record<string, RegExp> = {
  setupOwnerAction: /already|serverError|validationErrors/,
  acceptInvitationAction: /serverError|validationErrors/,
};

test("anonymous visitors reach only the public pages", async ({ page }) => {
  const all = appPages().map((route) => route.replace(/\[[^\]]+\]/g, "x"));
  expect(all.length).toBeGreaterThanOrEqual(16);
  for (const route of all) {
    const response = await page.request.get(route, { maxRedirects: 0 });
    const status = response.status();
    expect(status, route).toBeLessThan(500);
    if (route in PUBLIC_PAGES) {
      if (status === 200) expect(await response.text(), route).toMatch(PUBLIC_PAGES[route]!);
      continue;
    }
    expect([302, 303, 307, 308], route).toContain(status);
    const target = response.headers()["location"] ?? "";
    // "/" redirects to /webhooks, which in turn requires sign-in.
    expect(target, route).toMatch(route === "/" ? /\/webhooks|\/signin/ : /\/signin/);
  }
});

test("every server action refuses an anonymous caller", async ({ page }) => {
  const actions = serverActions();
  expect(actions.length).toBeGreaterThanOrEqual(25);
  for (const action of actions) {
    const { status, location, text } = await postAction(page, action, {});
    expect(status, action.name).toBeLessThan(500);
    if (action.name in PUBLIC_ACTIONS) {
      expect(text, action.name).toMatch(PUBLIC_ACTIONS[action.name]!);
      expect(text, action.name).not.toContain('"data"');
    } else if (status >= 300 && status < 400) {
      // Served from an admin page: the proxy sends the caller to sign in before it runs.
      expect(location, action.name).toMatch(/\/signin/);
    } else {
      // Served from a public page: the action's own session check refuses it.
      expect(text, `${action.name} (${action.file})`).toContain(SIGN_IN_AGAIN);
    }
  }
});
