// `npm start`: runs the product. With DATABASE_URL unset it starts the embedded PostgreSQL
// (PGlite, data under .data/) and generates the secrets it needs (.data/secrets.env); it
// builds the app when the sources changed since the last build, starts the server — the
// standalone one (.next/standalone/server.js), the same the container image runs — and prints
// where to open it. `--dev` runs `next dev` instead of a production build.
import { spawn, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { completeStandalone } from "./complete-standalone.mjs";

const root = process.cwd();
const dev = process.argv.includes("--dev");
const dataDir = path.resolve(process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const host = process.env.HOST ?? "127.0.0.1";
const nextBin = path.join(root, "node_modules/next/dist/bin/next");
const standaloneDir = path.join(root, ".next/standalone");

function log(message: string) {
  console.log(`[start] ${message}`);
}

/** NEXTAUTH_SECRET and ENCRYPTION_KEY: from the environment, or generated once and kept. */
function loadSecrets() {
  const file = path.join(dataDir, "secrets.env");
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    const lines = [
      "# Generated on first run. Keep this file: it decrypts the stored secrets.",
      `NEXTAUTH_SECRET=${randomBytes(32).toString("base64url")}`,
      `ENCRYPTION_KEY=${randomBytes(32).toString("base64")}`,
    ];
    writeFileSync(file, lines.join("\n") + "\n", { mode: 0o600 });
    log(`generated secrets in ${path.relative(root, file)}`);
  }
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match && !process.env[match[1]!]) process.env[match[1]!] = match[2];
  }
}

/** A fingerprint of what the build depends on (not tests), to rebuild only when it changed. */
function sourceFingerprint() {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== "testing") walk(full);
      } else if (!/\.test\.tsx?$/.test(entry.name)) {
        hash.update(`${full}:${statSync(full).size}:${statSync(full).mtimeMs}\n`);
      }
    }
  };
  for (const dir of ["app", "components", "lib", "public", "generated", "prisma"]) {
    if (existsSync(path.join(root, dir))) walk(path.join(root, dir));
  }
  for (const file of [
    "package-lock.json",
    "next.config.mjs",
    "proxy.ts",
    "instrumentation.ts",
    "tailwind.config.ts",
  ]) {
    if (existsSync(file)) hash.update(`${file}:${statSync(file).mtimeMs}\n`);
  }
  return hash.digest("hex");
}

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, args, { stdio: "inherit", env });
}

/**
 * The project's .env files, read as `next start` reads them (the standalone server runs in its
 * own folder, where there are none): the first file to set a variable wins, and none overrides
 * what the environment or this script already set.
 */
function withEnvFiles(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const merged = { ...env };
  for (const file of [".env.production.local", ".env.local", ".env.production", ".env"]) {
    if (!existsSync(file)) continue;
    for (const [name, value] of Object.entries(parseEnv(readFileSync(file, "utf8")))) {
      merged[name] ??= value;
    }
  }
  return merged;
}

function exited(child: ChildProcess): Promise<number> {
  return new Promise((resolve) =>
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
}

async function waitForHealth(url: string, child: ChildProcess) {
  let done = false;
  child.once("exit", () => (done = true));
  while (!done) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

async function main() {
  const started = Date.now();
  loadSecrets();
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined;
  if (!process.env.DATABASE_URL) {
    embedded = await startEmbeddedPostgres({
      dataDir: path.join(dataDir, "pglite"),
      port: Number(process.env.EMBEDDED_DB_PORT ?? 54329),
    });
    process.env.DATABASE_URL = embedded.url;
    log(
      `embedded PostgreSQL (PGlite) on ${embedded.url}, data in ${path.relative(root, dataDir)}/pglite`,
    );
  } else {
    log("using the PostgreSQL at DATABASE_URL");
  }
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;
  const given = dev ? process.env : withEnvFiles(process.env);
  const env: NodeJS.ProcessEnv = {
    ...given,
    NEXTAUTH_URL: given.NEXTAUTH_URL ?? url,
    NEXT_TELEMETRY_DISABLED: "1",
    // JSON log lines (lib/log.ts) for a machine to read; `npm run dev` prints them for people.
    LOG_FORMAT: given.LOG_FORMAT ?? (dev ? "pretty" : "json"),
  };
  // One long-running server: unless Inngest is configured, deliveries run on its embedded
  // worker — chosen explicitly, as lib/env.ts requires in production.
  const inngestConfigured = [
    "INNGEST_EVENT_KEY",
    "INNGEST_SIGNING_KEY",
    "INNGEST_DEV",
    "INNGEST_BASE_URL",
  ].some((name) => env[name]);
  if (!env.DELIVERY_ENGINE && !inngestConfigured) env.DELIVERY_ENGINE = "embedded";

  const stamp = path.join(root, ".next/source-fingerprint");
  const fingerprint = sourceFingerprint();
  const built =
    existsSync(stamp) &&
    readFileSync(stamp, "utf8") === fingerprint &&
    existsSync(path.join(standaloneDir, "server.js"));
  if (!dev && !built) {
    log("building (first run or sources changed)…");
    const code = await exited(run([nextBin, "build"], { ...env, NODE_ENV: "production" }));
    if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
    completeStandalone();
    writeFileSync(stamp, fingerprint);
  }

  const server = dev
    ? run([nextBin, "dev", "-p", String(port), "-H", host], env)
    : run([path.join(standaloneDir, "server.js")], { ...env, PORT: String(port), HOSTNAME: host });
  const stop = async () => {
    server.kill("SIGTERM");
    await exited(server);
    await embedded?.stop();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);

  if (await waitForHealth(url, server)) {
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    log(`ready in ${seconds}s — open ${url}`);
  }
  const code = await exited(server);
  await embedded?.stop();
  process.exit(code);
}

main().catch((error: unknown) => {
  console.error(`[start] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
