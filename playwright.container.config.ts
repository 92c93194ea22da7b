import { defineConfig } from "@playwright/test";
import { launchOptions } from "./e2e/support/browser";

// `npm run test:container`: the real Dockerfile built and its image run against a PostgreSQL of
// the test's own, checked from the host and in Chromium (e2e-container/). Needs a Docker engine;
// .ci/run installs and starts one, and makes the base image when no registry answers
// (scripts/container/stand-in-base.sh).
export default defineConfig({
  testDir: "e2e-container",
  outputDir: "test-results/container",
  timeout: 600_000,
  expect: { timeout: 10_000 },
  workers: 1,
  forbidOnly: true,
  reporter: [["list"]],
  use: { trace: "retain-on-failure", screenshot: "only-on-failure", launchOptions },
});
