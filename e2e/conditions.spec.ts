import { createApiKey, expect, signIn, snap, test } from "./support/fixtures";

// Conditions in the browser: built in the form with a live backtest over the organization's
// recent events, then applied at fan-out to events sent through the ingest API.

test("conditions show their backtest while edited, and only matching events are delivered", async ({
  page,
  owner,
  db,
}) => {
  await signIn(page, owner);
  const apiKey = await createApiKey(page);
  const send = async (department: string) => {
    const response = await page.request.post("/api/v1/events", {
      headers: { Authorization: `Bearer ${apiKey}` },
      data: { type: "chat.closed", data: { customer: { department_id: department } } },
    });
    expect(response.status()).toBe(202);
    return (await response.json()) as { deliveries: number };
  };
  for (const department of ["4", "5", "4"]) await send(department);

  await page.goto("/webhooks/new");
  await page.getByRole("textbox", { name: "Name", exact: true }).fill("Sales only");
  await page
    .getByRole("textbox", { name: "URL", exact: true })
    .fill("https://receiver.example.test/sales");
  await expect(page.getByText("Fires for every Chat Closed event.")).toBeVisible();
  await page.getByRole("button", { name: "Add condition" }).click();
  await page.getByLabel("Token of condition 1.1").selectOption("customer.department_id");
  await page.getByLabel("Operator of condition 1.1").selectOption("equals");
  await page.getByLabel("Value of condition 1.1").fill("4");
  const backtest = page.getByTestId("backtest");
  await expect(backtest).toContainText("Would have fired for 2 of the last 3 Chat Closed events");
  await backtest.getByText("show which").click();
  await expect(backtest.getByRole("listitem")).toHaveCount(2);

  // An OR group widens it.
  await page.getByRole("button", { name: "Start of OR" }).click();
  await page.getByLabel("Token of condition 2.1").selectOption("customer.department_id");
  await page.getByLabel("Operator of condition 2.1").selectOption("one_of");
  await page.getByLabel("Value of condition 2.1").fill("5, 6");
  await expect(backtest).toContainText("Would have fired for 3 of the last 3");
  await page.getByRole("group", { name: "Condition group 2" }).scrollIntoViewIfNeeded();
  await snap(page, "webhook-conditions-1280");
  await page.getByRole("button", { name: "Remove condition 2.1" }).click();
  await expect(backtest).toContainText("Would have fired for 2 of the last 3");

  await page.getByRole("button", { name: "Save event" }).click();
  await page.getByRole("button", { name: "I have copied it" }).click();

  expect(await send("5")).toEqual(expect.objectContaining({ deliveries: 0 }));
  expect(await send("4")).toEqual(expect.objectContaining({ deliveries: 1 }));
  await page.getByRole("link", { name: "Sales only" }).click();
  await expect(page.getByText("Fires only when Customer department ID equals “4”.")).toBeVisible();
  await expect(page.getByText("1 event did not meet the conditions")).toBeVisible();
  const stored = await db.query(
    `SELECT conditions FROM "Webhook" WHERE "organizationId" = $1 AND name = 'Sales only'`,
    [owner.organizationId],
  );
  expect(stored.rows[0].conditions).toEqual([
    { rules: [{ token: "customer.department_id", operator: "equals", value: "4" }] },
  ]);
});
