import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import pg from "pg";
import { runSeed } from "../lib/testing/seed";
import { loadSecrets, postChatClosed, startApp, waitForHealth } from "./support/app-process";

// A burst of events, the app killed with SIGKILL mid-way, started again: every delivery still
// reaches a terminal state — nothing lost — and a delivery sent twice carries one webhook-id.
// A second app instance on the e2e database; only its own organization's deliveries count.

const PORT = 3150;
const APP = `http://127.0.0.1:${PORT}`;
// The e2e server's folder: a second process of the same deployment shares its secrets.
const DATA_DIR = ".data/e2e";
const EVENTS = 120;

test("a SIGKILL mid-burst loses nothing: every delivery ends delivered or failed", async () => {
  test.setTimeout(300_000);
  // The receiver is a little slow, so attempts are in flight when the app dies.
  const hits: string[] = [];
  const receiver = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      hits.push(String(req.headers["webhook-id"]));
      setTimeout(() => res.writeHead(200).end("ok"), 40);
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;

  const db = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    PORT: String(PORT),
    DATA_DIR,
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  };

  let app = startApp(env, "crash-recovery app").child;
  try {
    await waitForHealth(APP);
    await db.connect();
    loadSecrets(env, DATA_DIR);
    const { apiKey, organizationId } = await runSeed(env, receiverUrl);

    // The burst; the app dies part-way through it. Events refused while it is down were never
    // accepted, so they are not counted as created.
    let sent = 0;
    const burst = (async () => {
      for (let i = 0; i < EVENTS; i++) {
        await postChatClosed(APP, apiKey, `crash-${i}`, `c${i}`).catch(() => null);
        sent++;
      }
    })();
    await expect.poll(() => hits.length, { timeout: 60_000 }).toBeGreaterThanOrEqual(EVENTS / 3);
    process.kill(-app.pid!, "SIGKILL");
    await burst;
    expect(sent).toBe(EVENTS);

    app = startApp(env, "crash-recovery app").child;
    await waitForHealth(APP);
    // Only this test's organization: other specs deliver in the same database meanwhile.
    // Deliveries claimed by the dead process are taken again once their lease (60 s) expires.
    await expect
      .poll(
        async () =>
          (
            await db.query(
              `SELECT count(*)::int AS n FROM "Delivery" WHERE status = 'PENDING' AND "organizationId" = $1`,
              [organizationId],
            )
          ).rows[0].n,
        { timeout: 150_000, intervals: [1000] },
      )
      .toBe(0);

    const counts = (
      await db.query(
        `SELECT status, count(*)::int AS n FROM "Delivery" WHERE "organizationId" = $1 GROUP BY status`,
        [organizationId],
      )
    ).rows as { status: string; n: number }[];
    const created = counts.reduce((sum, r) => sum + r.n, 0);
    const delivered = counts.find((r) => r.status === "SUCCEEDED")?.n ?? 0;
    const failed = counts.find((r) => r.status === "FAILED")?.n ?? 0;
    expect(created).toBeGreaterThan(EVENTS / 3);
    expect(delivered + failed).toBe(created);
    expect(delivered).toBe(created);

    // Every created delivery reached the receiver; repeats carry the same webhook-id.
    const ids = (
      await db.query(`SELECT id FROM "Delivery" WHERE "organizationId" = $1`, [organizationId])
    ).rows.map((r: { id: string }) => r.id);
    expect(new Set(hits)).toEqual(new Set(ids));
  } finally {
    if (app.pid) process.kill(-app.pid, "SIGTERM");
    await db.end().catch(() => {});
    receiver.close();
  }
});
