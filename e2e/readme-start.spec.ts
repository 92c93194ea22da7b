import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// The README's first command on embedded defaults: no DATABASE_URL, no secrets given. It must
// start PGlite, generate its secrets, migrate, and print the URL to open.
test("npm start runs on embedded defaults and prints where to open it", async ({ page }) => {
  test.setTimeout(240_000);
  const dataDir = mkdtempSync(path.join(tmpdir(), "wh-start-"));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: "3190",
    EMBEDDED_DB_PORT: "54349",
  };
  delete env.DATABASE_URL;
  delete env.NEXTAUTH_SECRET;
  delete env.ENCRYPTION_KEY;
  const child = spawn("npm", ["start"], { env, detached: true });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  try {
    await expect
      .poll(() => output, { timeout: 200_000, intervals: [500] })
      .toMatch(/ready in [\d.]+s — open http:\/\/127\.0\.0\.1:3190/);
    expect(output).toContain("embedded PostgreSQL (PGlite)");
    await page.goto("http://127.0.0.1:3190/");
    await expect(page).toHaveURL(/\/setup$/);
    await expect(page.getByRole("heading", { name: /create the owner account/i })).toBeVisible();
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((resolve) => child.on("exit", resolve));
    rmSync(dataDir, { recursive: true, force: true });
  }
});
