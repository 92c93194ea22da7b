import { expect, snap, test } from "./support/fixtures";

// Runs first, on an empty database: the one-time owner setup.
test("first run offers owner setup once, then sign-in guards every page", async ({ page }) => {
  await page.goto("/webhooks");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: /create the owner account/i })).toBeVisible();
  await snap(page, "setup-1280");

  // Client-side validation in place.
  await page.getByRole("button", { name: "Create owner account" }).click();
  await expect(page.getByText("Enter your name.")).toBeVisible();

  await page.getByLabel("Your name").fill("Olivia Owner");
  await page.getByLabel("E-mail").fill("olivia@example.test");
  await page.getByLabel("Password").fill("a long enough password");
  await page.getByLabel("Organization name").fill("Acme Support");
  await page.getByRole("button", { name: "Create owner account" }).click();

  await expect(page).toHaveURL(/\/webhooks$/);
  await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Add Event" })).toBeVisible();
  await snap(page, "webhooks-empty-1280");

  // Setup is gone for good.
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin|\/webhooks/);

  // Sign out, and admin pages need a session again.
  await page.getByRole("button", { name: /Account: Olivia Owner/ }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/webhooks");
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/signin/);
});
