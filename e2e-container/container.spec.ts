import { execFile, execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { startChatReceiver, CHAT_TEMPLATE, postChatClosed } from "../e2e/support/app-process";
import { freePort, startPrivateCluster } from "../lib/testing/private-cluster";
import { runSeed } from "../lib/testing/seed";

// The product as operators run it: the repository's own Dockerfile built into an image, the
// image run against a PostgreSQL of the test's own, and checked from outside — the user it
// runs as, its migrations, /api/health and the HEALTHCHECK, the owner setup and sign-in in
// Chromium, an event posted to it reaching a receiver on the host, and `docker stop`. The
// container shares the host's network, so it reaches the database and the receiver on
// 127.0.0.1 as a deployment reaches its own.

const run = promisify(execFile);
const IMAGE = "webhooks-admin:test";
const docker = async (...args: string[]) =>
  (await run("docker", args, { maxBuffer: 64 * 1024 * 1024 })).stdout.trim();
const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

test("the Dockerfile's image: non-root, migrated, healthy, usable in a browser, delivering, stopping cleanly", async ({
  page,
}) => {
  const timings: string[] = [];

  // The compose file is valid (with the secrets it requires given).
  const composeEnv = {
    ...process.env,
    NEXTAUTH_SECRET: "x",
    ENCRYPTION_KEY: "x",
    INNGEST_EVENT_KEY: "x",
    INNGEST_SIGNING_KEY: "x",
  };
  const compose = await run("docker", ["compose", "config", "--quiet"], { env: composeEnv }).catch(
    () => run("docker-compose", ["config", "--quiet"], { env: composeEnv }),
  );
  expect(compose.stderr).not.toMatch(/error/i);

  // The real Dockerfile, with the classic builder (BuildKit would fetch its frontend image).
  let started = Date.now();
  await run("docker", ["build", "--network", "host", "-t", IMAGE, "."], {
    env: { ...process.env, DOCKER_BUILDKIT: "0" },
    maxBuffer: 256 * 1024 * 1024,
  });
  timings.push(`build ${seconds(started)} s`);
  const size = Number(await docker("image", "inspect", "-f", "{{.Size}}", IMAGE));
  timings.push(`image ${(size / 1e6).toFixed(0)} MB`);
  expect(size).toBeLessThan(300e6);
  // Build stages of earlier sources pile up (≈2 GB each): keep only the last hour's, which
  // the next build reuses.
  await docker("image", "prune", "--force", "--filter", "until=1h");

  const cluster = await startPrivateCluster();
  const receivedChats: string[] = [];
  const receiver = await startChatReceiver((chat, _req, res) => {
    receivedChats.push(chat);
    res.writeHead(200).end("ok");
  });
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const secrets = {
    NEXTAUTH_SECRET: randomBytes(32).toString("base64"),
    ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  };
  const name = `webhooks-test-${port}`;
  try {
    started = Date.now();
    await docker(
      "run",
      "--detach",
      "--name",
      name,
      "--network",
      "host",
      // The image's own HEALTHCHECK command, checked every 2 s instead of 30 s.
      "--health-interval",
      "2s",
      ...Object.entries({
        ...secrets,
        DATABASE_URL: cluster.url,
        PORT: String(port),
        HOSTNAME: "127.0.0.1",
        NEXTAUTH_URL: base,
        DELIVERY_ENGINE: "embedded",
        OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
      }).flatMap(([k, v]) => ["--env", `${k}=${v}`]),
      IMAGE,
    );
    await expect
      .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, {
        timeout: 120_000,
        intervals: [500],
      })
      .toBe(200);
    timings.push(`ready ${seconds(started)} s after docker run`);
    await expect
      .poll(() => docker("inspect", "-f", "{{.State.Health.Status}}", name), { timeout: 60_000 })
      .toBe("healthy");

    // Not root: the image's user, and the process's.
    expect(await docker("image", "inspect", "-f", "{{.Config.User}}", IMAGE)).toBe("node");
    expect(await docker("exec", name, "id", "-u")).not.toBe("0");

    // Every migration in the repository is applied.
    const db = new pg.Client({ connectionString: cluster.url });
    await db.connect();
    const applied = await db.query(
      "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY 1",
    );
    await db.end();
    const onDisk = readdirSync("prisma/migrations", { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(applied.rows.map((r: { migration_name: string }) => r.migration_name)).toEqual(onDisk);

    // The first visit offers the owner setup; then the owner signs out and in again.
    await page.goto(`${base}/webhooks`);
    await expect(page).toHaveURL(/\/setup$/);
    await page.getByLabel("Your name").fill("Olivia Owner");
    await page.getByLabel("E-mail").fill("olivia@example.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByLabel("Organization name").fill("Acme Support");
    await page.getByRole("button", { name: "Create owner account" }).click();
    await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
    await page.getByRole("button", { name: /Account: Olivia Owner/ }).click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/signin/);
    await page.getByLabel("E-mail").fill("olivia@example.test");
    await page.getByLabel("Password").fill("a long enough password");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page).toHaveURL(/\/webhooks$/);

    // An event posted to the container reaches the receiver on the host, signed.
    const seeded = await runSeed(
      { ...process.env, ...secrets, DATABASE_URL: cluster.url },
      receiver.url,
      {
        template: CHAT_TEMPLATE,
      },
    );
    expect(
      (await postChatClosed(base, seeded.apiKey, "container-1", "from-the-container")).status,
    ).toBe(202);
    await expect.poll(() => receivedChats, { timeout: 30_000 }).toEqual(["from-the-container"]);

    // docker stop: SIGTERM, a clean exit well within Docker's 10 s.
    started = Date.now();
    await docker("stop", name);
    const stopMs = Date.now() - started;
    timings.push(`docker stop ${seconds(started)} s`);
    expect(stopMs).toBeLessThan(10_000);
    expect(await docker("inspect", "-f", "{{.State.ExitCode}}", name)).toBe("0");
    expect(await docker("logs", name)).toContain('"msg":"Stopped cleanly."');
  } finally {
    console.log(`[container] ${timings.join("; ")}`);
    execFileSync("docker", ["rm", "-f", name], { stdio: "ignore" });
    await receiver.close();
    cluster.destroy();
  }
});
