import { rmSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import { startPrivateCluster } from "../lib/testing/private-cluster";
import { runSeed } from "../lib/testing/seed";
import {
  CHAT_TEMPLATE,
  loadSecrets,
  logged,
  postChatClosed,
  startApp,
  startChatReceiver,
  stopApp,
  waitForHealth,
} from "./support/app-process";

// The database goes away while the app works: its own PostgreSQL cluster, stopped during a
// burst of events and started again 15 s later. Meanwhile ingest refuses quickly and clearly
// (503 JSON with Retry-After, never a 500 or a hang); afterwards deliveries resume, and every
// event that was accepted (202) reaches the receiver.

const PORT = 3160;
const APP = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/e2e-outage";
const OUTAGE_MS = 15_000;

type Answer = { i: number; at: number; ms: number; status: number; retryAfter: string | null };

test("a database outage mid-burst: ingest answers 503 with Retry-After, then every accepted event is delivered", async () => {
  test.setTimeout(240_000);
  const cluster = await startPrivateCluster();
  // The receiver notes each delivery's chat (the seeded template sends only that) and when.
  const received = new Map<string, number>();
  const receiver = await startChatReceiver((chat, _req, res) => {
    if (!received.has(chat)) received.set(chat, Date.now());
    res.writeHead(200).end("ok");
  });

  rmSync(DATA_DIR, { recursive: true, force: true });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: cluster.url,
    PORT: String(PORT),
    DATA_DIR,
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  };
  const app = startApp(env, "outage app");
  let sending = true;
  try {
    await waitForHealth(APP);
    loadSecrets(env, DATA_DIR);
    const { apiKey } = await runSeed(env, receiver.url, { template: CHAT_TEMPLATE });

    // Ten events a second, each answer timed, until told to stop.
    const answers: Answer[] = [];
    const sender = (async () => {
      for (let i = 0; sending; i++) {
        const started = Date.now();
        const res = await postChatClosed(APP, apiKey, `outage-${i}`, `s${i}`);
        const text = await res.text();
        answers.push({
          i,
          at: started,
          ms: Date.now() - started,
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
        });
        if (res.status === 503) expect(JSON.parse(text)).toHaveProperty("error");
        await sleep(100);
      }
    })();

    await expect.poll(() => received.size, { timeout: 60_000 }).toBeGreaterThanOrEqual(20);
    const stoppedAt = Date.now();
    cluster.stop();
    await sleep(OUTAGE_MS);
    cluster.start();
    const restartedAt = Date.now();

    // Deliveries resume: a chat reaches the receiver soon after the database is back.
    await expect
      .poll(() => [...received.values()].some((at) => at > restartedAt), { timeout: 10_000 })
      .toBe(true);
    const resumedMs =
      Math.min(...[...received.values()].filter((at) => at > restartedAt)) - restartedAt;
    await expect
      .poll(() => answers.filter((a) => a.at > restartedAt && a.status === 202).length)
      .toBeGreaterThanOrEqual(20);
    sending = false;
    await sender;

    // During the outage: refused with 503, Retry-After, within 5 s; never anything else.
    const during = answers.filter((a) => a.at > stoppedAt && a.at < restartedAt);
    expect(during.length).toBeGreaterThanOrEqual(10);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([202, 503]));
    for (const a of answers.filter((a) => a.status === 503)) expect(a.retryAfter).toMatch(/^\d+$/);
    expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(5_000);

    // The worker backed off (1 s, doubling, at most 5 s: about 5 tries in 15 s, not 15), one
    // line a try, and said when the database answered again.
    const tries = logged(app, "worker", "the database is unavailable");
    expect(tries.length).toBeGreaterThanOrEqual(2);
    expect(tries.length).toBeLessThanOrEqual(8);
    expect(logged(app, "worker", "the database answers again")).toHaveLength(1);

    // Every accepted event is delivered.
    const accepted = answers.filter((a) => a.status === 202).map((a) => `s${a.i}`);
    await expect
      .poll(() => accepted.filter((chat) => !received.has(chat)), { timeout: 90_000 })
      .toEqual([]);

    const refused = answers.filter((a) => a.status === 503);
    console.log(
      `[outage] ${accepted.length} accepted, ${refused.length} refused with 503 during the ${OUTAGE_MS / 1000} s outage` +
        ` (slowest answer ${Math.max(...during.map((a) => a.ms))} ms); first delivery ${resumedMs} ms after the restart`,
    );
  } finally {
    sending = false;
    stopApp(app);
    await receiver.close();
    cluster.destroy();
  }
});
