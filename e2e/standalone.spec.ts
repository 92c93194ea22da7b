import { spawn } from "node:child_process";
import { createServer as createHttpServer } from "node:http";
import { connect, createServer, type Server, type Socket } from "node:net";
import { randomBytes } from "node:crypto";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hash } from "@node-rs/argon2";
import { expect, test } from "@playwright/test";
import pg from "pg";
import {
  createEmbeddedDatabase,
  createServerDatabase,
  DEFAULT_ADMIN_DATABASE_URL,
} from "../lib/testing/db";
import {
  interpolate,
  readCompose,
  readDockerfile,
  serviceEnvironment,
  STANDALONE_COMMAND,
} from "../lib/testing/deploy-files";
import { inngestSignature } from "../lib/testing/inngest-signature";
import { unusedPort } from "../lib/testing/receiver";
import { runSeed } from "../lib/testing/seed";
import { waitFor } from "../lib/testing/wait-for";

// What the container image would run, without Docker: a temporary folder holding only what the
// Dockerfile's runtime stage copies from its build stage (read from the Dockerfile's
// `COPY --from=` lines), started with the Dockerfile's CMD and the environment the Dockerfile
// and docker-compose.yml give the app, on a fresh PostgreSQL database. It must migrate that
// database at start, report itself healthy, serve the sign-in page with its assets, sign a
// user in (the native argon2 binding made it into the image), and refuse unsigned Inngest calls;
// without its settings it must refuse to start. The build is the one the e2e web server made
// (`npm start` builds the same standalone output as the image's `npm run build`).

const migrationsOnDisk = readdirSync("prisma/migrations").filter((name) =>
  statSync(path.join("prisma/migrations", name)).isDirectory(),
).length;

/** Copies what `COPY --from=<stage> <src>… <dest>` would, from this project into `root`. */
function assembleImage(root: string) {
  const { runtime, stage } = readDockerfile();
  const copied: string[] = [];
  for (const copy of runtime.copiesFromStages) {
    const build = stage(copy.from);
    if (!build) throw new Error(`COPY --from=${copy.from}: no such stage in the Dockerfile`);
    // The build stage's WORKDIR holds this project, built.
    const dest = path.join(root, path.posix.relative(runtime.workdir, copy.dest));
    for (const source of copy.sources) {
      const local = path.posix.relative(build.workdir, path.posix.resolve(build.workdir, source));
      const isDir = statSync(local).isDirectory(); // throws when the build did not make it
      const target =
        isDir || !copy.dest.endsWith("/") ? dest : path.join(dest, path.basename(local));
      mkdirSync(path.dirname(target), { recursive: true });
      cpSync(local, target, { recursive: true, verbatimSymlinks: true });
      copied.push(local);
    }
  }
  return { runtime, copied };
}

/** Starts the image's CMD in `root` with exactly `env` (plus PATH); collects its output. */
function startImage(root: string, env: Record<string, string | undefined>) {
  const [command, ...args] = STANDALONE_COMMAND;
  const server = spawn(command === "node" ? process.execPath : command!, args, {
    cwd: root,
    // Only these: nothing leaks in from this test's own environment.
    env: { PATH: process.env.PATH, ...env } as unknown as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const state = { output: "", exitCode: null as number | null };
  server.stdout.on("data", (chunk: Buffer) => (state.output += chunk.toString()));
  server.stderr.on("data", (chunk: Buffer) => (state.output += chunk.toString()));
  const exited = new Promise<void>((resolve) =>
    server.once("exit", (code, signal) => {
      state.exitCode = code ?? (signal ? 128 : 0);
      resolve();
    }),
  );
  return {
    state,
    exited,
    signal: (name: NodeJS.Signals) => server.kill(name),
    async stop() {
      if (state.exitCode === null) server.kill("SIGTERM");
      await exited;
    },
  };
}

test.describe.configure({ mode: "serial" });

let root: string;
let runtime: ReturnType<typeof readDockerfile>["runtime"];

test.beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), "wh-image-"));
  const assembled = assembleImage(root);
  runtime = assembled.runtime;
  expect(assembled.copied).toContain(".next/standalone");
});

test.afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

test("the image's files alone migrate a fresh database, report healthy and serve the app", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const database = process.env.E2E_EMBEDDED
    ? await createEmbeddedDatabase()
    : await createServerDatabase(process.env.TEST_ADMIN_DATABASE_URL || DEFAULT_ADMIN_DATABASE_URL);
  let stopServer = async () => {};
  try {
    // What the operator gives compose (.env): fresh secrets, Inngest's hex keys.
    const operator = {
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      INNGEST_EVENT_KEY: randomBytes(32).toString("hex"),
      INNGEST_SIGNING_KEY: randomBytes(32).toString("hex"),
    };
    const composeEnv = Object.fromEntries(
      Object.entries(serviceEnvironment(readCompose().services.app!)).map(([name, value]) => [
        name,
        interpolate(value, operator),
      ]),
    );
    const port = await unusedPort();
    const url = `http://127.0.0.1:${port}`;
    const server = startImage(root, {
      ...runtime.env,
      ...composeEnv,
      // Where this machine differs from the compose network: its own database and a free port.
      DATABASE_URL: database.url,
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: url,
    });
    stopServer = server.stop;

    const health = await waitFor(
      async () => {
        if (server.state.exitCode !== null) {
          throw new Error(`The server exited (${server.state.exitCode}):\n${server.state.output}`);
        }
        const res = await fetch(`${url}/api/health`).catch(() => undefined);
        return res?.status === 200 ? ((await res.json()) as unknown) : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: "GET /api/health answering 200" },
    );
    expect(health).toEqual({
      status: "ok",
      configuration: "ok",
      database: "ok",
      migrations: {
        status: "current",
        applied: migrationsOnDisk,
        onDisk: migrationsOnDisk,
        pending: 0,
      },
      engine: composeEnv.DELIVERY_ENGINE,
      queue: { lagSeconds: 0, maxLagSeconds: 900 },
    });
    expect(server.state.output).toMatch(/Applied migrations: /);

    // An owner, written as the e2e fixtures write one, so that sign-in is offered.
    const password = "correct horse battery";
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM _prisma_migrations WHERE finished_at IS NOT NULL",
      );
      expect(rows[0]!.n).toBe(migrationsOnDisk);
      await client.query(
        `INSERT INTO "Organization" (id, name, "updatedAt") VALUES ('org_image', 'Image Co', now())`,
      );
      await client.query(
        `INSERT INTO "User" (id, email, name, "passwordHash", "updatedAt")
         VALUES ('user_image', 'owner@image.test', 'Owner', $1, now())`,
        [await hash(password)],
      );
      await client.query(
        `INSERT INTO "Membership" (id, "userId", "organizationId", role)
         VALUES ('mem_image', 'user_image', 'org_image', 'OWNER')`,
      );
    } finally {
      await client.end();
    }

    const assets: { url: string; status: number }[] = [];
    page.on("response", (res) => {
      if (res.url().includes("/_next/static/"))
        assets.push({ url: res.url(), status: res.status() });
    });
    await page.goto(`${url}/signin`);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.filter((a) => a.status !== 200)).toEqual([]);
    await page.getByLabel("E-mail").fill("owner@image.test");
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    // Inngest is the engine here (as in compose): its endpoint takes signed calls only.
    const unsigned = await fetch(`${url}/api/inngest`);
    expect(unsigned.status).toBe(401);
    const signed = await fetch(`${url}/api/inngest`, {
      headers: { "x-inngest-signature": inngestSignature("", operator.INNGEST_SIGNING_KEY) },
    });
    expect(signed.status).toBe(200);
    expect(await signed.json()).toMatchObject({ authentication_succeeded: true });
    const run = await fetch(`${url}/api/inngest?fnId=webhooks-admin-deliver-webhook&stepId=step`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ event: { name: "webhooks/delivery.requested", data: {} } }),
    });
    expect(run.status).toBe(401);
  } finally {
    await stopServer();
    await database.drop();
  }
});

test("the image refuses to start without its settings, naming each one", async () => {
  // `docker run` with a database and nothing else: no secrets, no delivery engine chosen.
  const server = startImage(root, {
    ...runtime.env,
    DATABASE_URL: "postgresql://postgres@127.0.0.1:1/unused",
    PORT: String(await unusedPort()),
    HOSTNAME: "127.0.0.1",
  });
  try {
    await waitFor(() => server.state.exitCode !== null, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: "the server to exit",
    });
    expect(server.state.exitCode).toBe(1);
    // One fatal JSON log line, its message a list of what to fix.
    const fatal = server.state.output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line) as { level: string; area: string; msg: string })
      .find((entry) => entry.level === "fatal");
    expect(fatal?.area).toBe("startup");
    for (const name of ["NEXTAUTH_SECRET", "ENCRYPTION_KEY", "DELIVERY_ENGINE"]) {
      expect(fatal?.msg).toMatch(new RegExp(`^  ${name}: is not set`, "m"));
    }
  } finally {
    await server.stop();
  }
});

/** A fresh database: the e2e run's PostgreSQL server, or an embedded one. */
const freshDatabase = () =>
  process.env.E2E_EMBEDDED
    ? createEmbeddedDatabase()
    : createServerDatabase(process.env.TEST_ADMIN_DATABASE_URL || DEFAULT_ADMIN_DATABASE_URL);

/** The image's settings for a run with the embedded worker, on `databaseUrl`. */
async function embeddedSettings(databaseUrl: string) {
  const port = await unusedPort();
  return {
    url: `http://127.0.0.1:${port}`,
    env: {
      ...runtime.env,
      DATABASE_URL: databaseUrl,
      NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
      ENCRYPTION_KEY: randomBytes(32).toString("base64"),
      DELIVERY_ENGINE: "embedded",
      PORT: String(port),
      HOSTNAME: "127.0.0.1",
    },
  };
}

/**
 * Makes `port` forward to `target`'s host and port: the database "comes up" there. Until then
 * nothing listens on the port and connections are refused, as when PostgreSQL is not started.
 */
function forward(port: number, target: string): Promise<Server> {
  const { hostname, port: targetPort } = new URL(target);
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    const outbound = connect(Number(targetPort || 5432), hostname);
    for (const socket of [inbound, outbound]) {
      sockets.add(socket);
      socket.on("error", () => {
        inbound.destroy();
        outbound.destroy();
      });
      socket.on("close", () => sockets.delete(socket));
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  server.on("close", () => sockets.forEach((socket) => socket.destroy()));
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

test("a server started before its database answers 503 while it waits, then migrates and serves", async () => {
  test.setTimeout(120_000);
  const database = await freshDatabase();
  const dbPort = await unusedPort();
  const behindProxy = new URL(database.url);
  behindProxy.hostname = "127.0.0.1";
  behindProxy.port = String(dbPort);
  const { url, env } = await embeddedSettings(behindProxy.toString());
  const server = startImage(root, env);
  let proxy: Server | undefined;
  try {
    // Nothing listens on the database's port yet: the server is up, says why it is not ready.
    const waiting = await waitFor(
      async () => {
        if (server.state.exitCode !== null)
          throw new Error(`The server exited (${server.state.exitCode}):\n${server.state.output}`);
        const res = await fetch(`${url}/api/health`).catch(() => undefined);
        return res
          ? { status: res.status, body: (await res.json()) as Record<string, unknown> }
          : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: "GET /api/health answering" },
    );
    expect(waiting!.status).toBe(503);
    expect(waiting!.body).toMatchObject({
      status: "error",
      database: "unreachable",
      phase: "waiting-for-database",
    });
    expect(server.state.output).toContain(`Waiting for the database at 127.0.0.1:${dbPort}`);

    // The database comes up: the server migrates it and serves, without a restart.
    proxy = await forward(dbPort, database.url);
    const ready = await waitFor(
      async () => {
        const res = await fetch(`${url}/api/health`).catch(() => undefined);
        return res?.status === 200 ? ((await res.json()) as Record<string, unknown>) : undefined;
      },
      { timeoutMs: 30_000, intervalMs: 200, message: "GET /api/health answering 200" },
    );
    expect(ready).toMatchObject({ status: "ok", database: "ok", engine: "embedded" });
    expect(ready).not.toHaveProperty("phase");
    expect(server.state.output).toMatch(/Applied migrations: /);
    expect(server.state.output).toMatch(/Delivery engine: embedded worker/);
    const signin = await fetch(`${url}/signin`);
    expect(signin.status).toBe(200);
    expect(server.state.exitCode).toBeNull();
  } finally {
    await server.stop();
    await new Promise((resolve) => (proxy ? proxy.close(resolve) : resolve(undefined)));
    await database.drop();
  }
});

test("a server whose database never answers exits non-zero after DATABASE_WAIT_SECONDS, naming the host", async () => {
  const dbPort = await unusedPort();
  const { url, env } = await embeddedSettings(
    `postgresql://app:hunter2secret@127.0.0.1:${dbPort}/webhooks`,
  );
  const startedAt = Date.now();
  const server = startImage(root, { ...env, DATABASE_WAIT_SECONDS: "5" });
  try {
    // Until it gives up it answers, and says what it waits for.
    const waiting = await waitFor(
      async () => {
        if (server.state.exitCode !== null)
          throw new Error(`The server exited before answering:\n${server.state.output}`);
        return fetch(`${url}/api/health`).catch(() => undefined);
      },
      { timeoutMs: 30_000, intervalMs: 100, message: "GET /api/health answering" },
    );
    expect(waiting!.status).toBe(503);
    expect(await waiting!.json()).toMatchObject({ phase: "waiting-for-database" });
    await waitFor(() => server.state.exitCode !== null, {
      timeoutMs: 30_000,
      intervalMs: 100,
      message: "the server to exit",
    });
    expect(server.state.exitCode).toBe(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(5_000);
    expect(server.state.output).toContain(
      `Could not reach the database at 127.0.0.1:${dbPort} within 5 s`,
    );
    expect(server.state.output).toContain("DATABASE_WAIT_SECONDS");
    // The password in DATABASE_URL is never printed.
    expect(server.state.output).not.toContain("hunter2secret");
  } finally {
    await server.stop();
  }
});

test("SIGTERM lets the attempt under way finish and log, exits 0, and the next server does not send it again", async () => {
  test.setTimeout(180_000);
  const database = await freshDatabase();
  // A receiver that answers after 2 s, so the attempt is under way when the signal comes.
  const hits: string[] = [];
  const receiver = createHttpServer((req, res) => {
    req.resume();
    hits.push(String(req.headers["webhook-id"]));
    setTimeout(() => res.writeHead(200).end("ok"), 2_000);
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  const sql = new pg.Client({ connectionString: database.url });
  const healthy = (url: string, server: ReturnType<typeof startImage>) =>
    waitFor(
      async () => {
        if (server.state.exitCode !== null)
          throw new Error(`The server exited (${server.state.exitCode}):\n${server.state.output}`);
        return (await fetch(`${url}/api/health`).catch(() => undefined))?.status === 200;
      },
      { timeoutMs: 60_000, intervalMs: 200, message: "GET /api/health answering 200" },
    );
  const { url, env } = await embeddedSettings(database.url);
  const settings = { ...env, OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8" };
  let server = startImage(root, settings);
  try {
    await healthy(url, server);
    await sql.connect();
    const { apiKey } = await runSeed({ ...process.env, ...settings }, receiverUrl);
    const accepted = await fetch(`${url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "chat.closed", data: { chat: { session_id: "sigterm-1" } } }),
    });
    expect(accepted.status).toBe(202);
    const { eventId } = (await accepted.json()) as { eventId: string };
    await waitFor(() => hits.length === 1, { timeoutMs: 15_000, message: "the attempt to start" });

    void server.stop(); // SIGTERM, mid-attempt
    // While it finishes, it says it is stopping.
    const stopping = await waitFor(
      async () => {
        const res = await fetch(`${url}/api/health`);
        return res.status === 503 ? ((await res.json()) as Record<string, unknown>) : undefined;
      },
      { timeoutMs: 1_500, intervalMs: 50, message: "GET /api/health answering 503" },
    );
    expect(stopping).toMatchObject({ phase: "stopping" });
    // A second signal (Ctrl+C reaches a process group twice) changes nothing.
    server.signal("SIGTERM");
    await server.exited;
    expect(server.state.exitCode).toBe(0);
    expect(server.state.output).toMatch(/SIGTERM: stopping/);
    expect(server.state.output).toMatch(/Stopped cleanly/);
    const delivery = async () =>
      (
        await sql.query<{ status: string; attempts: number; leased: boolean }>(
          `SELECT d.status, (SELECT count(*)::int FROM "DeliveryAttempt" a WHERE a."deliveryId" = d.id) AS attempts,
                  d."leaseUntil" IS NOT NULL AS leased
           FROM "Delivery" d WHERE d."eventId" = $1`,
          [eventId],
        )
      ).rows;
    expect(await delivery()).toEqual([{ status: "SUCCEEDED", attempts: 1, leased: false }]);

    // The next server finds nothing left to send.
    server = startImage(root, settings);
    await healthy(url, server);
    expect(await delivery()).toEqual([{ status: "SUCCEEDED", attempts: 1, leased: false }]);
    expect(hits).toHaveLength(1);
  } finally {
    await server.stop();
    await sql.end().catch(() => {});
    await new Promise((resolve) => receiver.close(resolve));
    await database.drop();
  }
});
