import { expect, signIn, snap, test } from "./support/fixtures";

// Account → Change password: this browser stays signed in, every other session ends.

test("changing the password signs out every other session, not this one", async ({
  page,
  browser,
  owner,
}) => {
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  try {
    await signIn(other, owner);
    await signIn(page, owner);

    await page.getByRole("button", { name: /^Account:/ }).click();
    await page.getByRole("menuitem", { name: "Account" }).click();
    await expect(page.getByRole("heading", { name: "Account", level: 1 })).toBeVisible();

    // Refusals first: a mismatch in the form, a wrong current password on the server.
    await page.getByLabel("Current password", { exact: true }).fill("wrong password");
    await page.getByLabel("New password", { exact: true }).fill("a brand new passphrase");
    await page.getByLabel("Repeat the new password").fill("a brand new passphrase!");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two new passwords are not the same.")).toBeVisible();
    await page.getByLabel("Repeat the new password").fill("a brand new passphrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("Your current password is not right.")).toBeVisible();
    await snap(page, "account-1280");

    await page.getByLabel("Current password", { exact: true }).fill(owner.password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(
      page.getByText("Password changed. Every other session is signed out."),
    ).toBeVisible();

    // This browser carries on; the other one is sent to sign in.
    await page.goto("/webhooks");
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await other.goto("/webhooks");
    await expect(other).toHaveURL(/\/signin/);

    // The new password works there; the old one does not.
    await signIn(other, { email: owner.email, password: "a brand new passphrase" });
    await other.context().clearCookies();
    await other.goto("/signin");
    await other.getByLabel("E-mail").fill(owner.email);
    await other.getByLabel("Password").fill(owner.password);
    await other.getByRole("button", { name: "Sign in" }).click();
    await expect(other.getByText("That e-mail and password do not match.")).toBeVisible();
  } finally {
    await elsewhere.close();
  }
});
