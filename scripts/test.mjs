// `npm test`: unit tests, then integration tests, then Playwright — stopping at the first
// failure with its exit code. Plain Node so it runs before anything is compiled.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", CHECKPOINT_DISABLE: "1" };
const windows = process.platform === "win32";
const bin = (name) => path.join(root, "node_modules/.bin", windows ? `${name}.cmd` : name);

const steps = [
  { name: "unit", command: bin("vitest"), args: ["run", "--project", "unit"] },
  { name: "int", command: bin("vitest"), args: ["run", "--project", "int"] },
  {
    name: "e2e",
    command: bin("playwright"),
    args: ["test"],
    skip: !existsSync(path.join(root, "playwright.config.ts")),
  },
];

/** Runs a command with inherited stdio; resolves with its exit code. */
function run(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: "inherit", env, shell: windows });
    child.on("error", (error) => {
      console.error(`Could not start ${command}: ${error.message}`);
      resolve(127);
    });
    child.on("exit", (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 0)));
  });
}

const started = Date.now();
const results = [];
for (const step of steps) {
  if (step.skip) {
    console.log(`\n▶ ${step.name}: SKIPPED — no playwright.config.ts yet\n`);
    results.push(`${step.name} skipped`);
    continue;
  }
  console.log(`\n▶ ${step.name}: ${path.basename(step.command)} ${step.args.join(" ")}\n`);
  const code = await run(step.command, step.args);
  if (code !== 0) {
    results.push(`${step.name} FAILED (exit ${code})`);
    console.log(`\nTests: ${results.join(", ")} — ${Math.round((Date.now() - started) / 1000)} s`);
    process.exit(code);
  }
  results.push(`${step.name} passed`);
}
console.log(`\nTests: ${results.join(", ")} — ${Math.round((Date.now() - started) / 1000)} s`);
