// `npm test`: unit tests, then integration tests (real PostgreSQL), then Playwright (real
// Chromium) — stopping at the first failure — and one closing line with the totals.
// Plain Node so it runs before anything is compiled.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, "test-reports");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const bin = (name) => path.join(root, "node_modules/.bin", name);

/** Runs a command with inherited stdio; resolves with its exit code. */
function run(command, args, extraEnv = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: "inherit",
      env: { ...env, ...extraEnv },
    });
    child.on("error", (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

/** Playwright needs a browser: $CHROMIUM_PATH, Debian's Chromium, or Playwright's own. */
async function ensureBrowser() {
  if (process.env.CHROMIUM_PATH || existsSync("/usr/bin/chromium")) return;
  const playwrightHome = path.join(process.env.HOME ?? "", ".cache/ms-playwright");
  if (existsSync(playwrightHome)) return;
  if (process.getuid?.() === 0 && existsSync("/usr/bin/apt-get")) {
    console.log("▶ No Chromium found: installing Debian's chromium package");
    await run("apt-get", ["update", "-qq"]);
    if (
      (await run("apt-get", ["install", "-y", "-qq", "chromium"], {
        DEBIAN_FRONTEND: "noninteractive",
      })) === 0
    )
      return;
  }
  console.error(
    "No Chromium found. Install one (apt-get install chromium, or npx playwright install chromium) and run again.",
  );
  process.exit(1);
}

const counts = (file, read) =>
  existsSync(file) ? read(JSON.parse(readFileSync(file, "utf8"))) : [0, 0];
const vitestCounts = (r) => [r.numPassedTests ?? 0, r.numFailedTests ?? 0];
const playwrightCounts = (r) => [
  (r.stats?.expected ?? 0) + (r.stats?.flaky ?? 0),
  r.stats?.unexpected ?? 0,
];

const steps = [
  {
    name: "unit",
    command: bin("vitest"),
    args: [
      "run",
      "--project",
      "unit",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/unit.json`,
    ],
    report: [`${reports}/unit.json`, vitestCounts],
  },
  {
    name: "int",
    command: bin("vitest"),
    args: [
      "run",
      "--project",
      "int",
      "--reporter=default",
      "--reporter=json",
      `--outputFile.json=${reports}/int.json`,
    ],
    report: [`${reports}/int.json`, vitestCounts],
  },
  {
    name: "e2e",
    command: bin("playwright"),
    args: ["test"],
    before: ensureBrowser,
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${reports}/e2e.json` },
    report: [`${reports}/e2e.json`, playwrightCounts],
  },
];

rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });
const started = Date.now();
let passed = 0;
let failed = 0;
let exitCode = 0;
for (const step of steps) {
  await step.before?.();
  console.log(`\n▶ ${step.name}\n`);
  const code = await run(step.command, step.args, step.env);
  const [p, f] = counts(...step.report);
  passed += p;
  failed += f;
  if (code !== 0) {
    exitCode = code;
    if (f === 0) failed += 1; // a runner that failed without counting a test still fails the run
    console.log(`\n${step.name} failed (exit ${code}); later steps not run.`);
    break;
  }
}
console.log(`\nTests finished in ${Math.round((Date.now() - started) / 1000)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(exitCode);
