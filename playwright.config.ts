import { defineConfig } from "@playwright/test";
import pg from "pg";
import { launchOptions } from "./e2e/support/browser";

// End-to-end tests in real Chromium against the real app, started the way the README starts
// it (scripts/start.ts). The database is a fresh one on the PostgreSQL at
// TEST_ADMIN_DATABASE_URL, or the embedded one when no server answers there.

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;
const adminUrl =
  process.env.TEST_ADMIN_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const embeddedPort = 54339;

async function reachable(url: string) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

// Decided once in the runner; workers inherit the variables.
if (!process.env.E2E_DATABASE_URL) {
  if (await reachable(adminUrl)) {
    const url = new URL(adminUrl);
    url.pathname = `/wh_e2e_${Date.now()}_${process.pid}`;
    process.env.E2E_DATABASE_URL = url.toString();
  } else {
    process.env.E2E_EMBEDDED = "1";
    process.env.E2E_DATABASE_URL = `postgresql://postgres:postgres@127.0.0.1:${embeddedPort}/postgres?sslmode=disable`;
  }
}

export default defineConfig({
  testDir: "e2e",
  outputDir: "test-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: true,
  workers: 2,
  forbidOnly: true,
  reporter: [
    ["list"],
    ["html", { open: "never", outputFolder: "playwright-report" }],
    ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? "test-reports/e2e.json" }],
  ],
  globalTeardown: "./e2e/support/global-teardown.ts",
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions,
  },
  projects: [
    // The owner setup needs an empty database, so it runs before everything else.
    { name: "first-run", testMatch: /first-run\.spec\.ts/ },
    { name: "app", testIgnore: /first-run\.spec\.ts/, dependencies: ["first-run"] },
  ],
  webServer: {
    command: "node --import tsx e2e/support/server.ts",
    url: `${baseURL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      E2E_DATABASE_URL: process.env.E2E_DATABASE_URL!,
      E2E_EMBEDDED: process.env.E2E_EMBEDDED ?? "",
      EMBEDDED_DB_PORT: String(embeddedPort),
      DATA_DIR: ".data/e2e",
      // The tests' receivers listen on this machine.
      OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
    },
  },
});
