import { callAction } from "./support/actions";
import { expect, signIn, snap, test } from "./support/fixtures";

// Settings → Data retention: an Owner changes it; everyone else reads it.

test("an Owner changes the retention and sees it saved", async ({ page, owner, db }) => {
  await signIn(page, owner);
  await page.goto("/settings/retention");

  await expect(page.getByRole("heading", { name: "Data retention", level: 1 })).toBeVisible();
  await expect(
    page.getByText("test e-mails are deleted 30 days after they were made"),
  ).toBeVisible();
  const days = page.getByLabel("Keep for");
  await expect(days).toHaveValue("30");
  await expect(page.getByRole("button", { name: "Save" })).toBeDisabled();
  await snap(page, "retention-owner-1280");

  // Out of range: refused in the form, with what is allowed.
  await days.fill("0");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Enter a whole number of days from 1 to 365.")).toBeVisible();
  await expect(days).toHaveAttribute("aria-invalid", "true");
  await snap(page, "retention-owner-invalid-1280");

  await days.fill("14");
  await expect(page.getByText("older than 14 days will be deleted within the hour")).toBeVisible();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Data is now kept for 14 days.")).toBeVisible();
  await expect(
    page.getByText("test e-mails are deleted 14 days after they were made"),
  ).toBeVisible();
  const stored = await db.query(`SELECT "retentionDays" FROM "Organization" WHERE id = $1`, [
    owner.organizationId,
  ]);
  expect(stored.rows).toEqual([{ retentionDays: 14 }]);

  await page.reload();
  await expect(page.getByLabel("Keep for")).toHaveValue("14");

  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "retention-owner-390");
});

test("a Viewer sees the retention read-only, and the server refuses their change", async ({
  page,
  owner,
  addMember,
  db,
}) => {
  await db.query(`UPDATE "Organization" SET "retentionDays" = 45 WHERE id = $1`, [
    owner.organizationId,
  ]);
  const viewer = await addMember("VIEWER");
  await signIn(page, viewer);
  await page.goto("/settings/retention");

  await expect(page.getByTestId("retention-days")).toHaveText("45 days");
  await expect(page.getByText("Only Owners can change how long data is kept.")).toBeVisible();
  await expect(page.getByLabel("Keep for")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Save" })).toHaveCount(0);
  await snap(page, "retention-viewer-1280");
  await page.setViewportSize({ width: 390, height: 844 });
  await snap(page, "retention-viewer-390");

  const { text } = await callAction(page, "setRetentionAction", { days: 1 });
  expect(text).toContain("Only Owners can change data retention");
  const stored = await db.query(`SELECT "retentionDays" FROM "Organization" WHERE id = $1`, [
    owner.organizationId,
  ]);
  expect(stored.rows).toEqual([{ retentionDays: 45 }]);
});
