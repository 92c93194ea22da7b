import { rmSync } from "node:fs";
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
  type AppProcess,
} from "./support/app-process";

// Three app processes, each with its embedded worker, on one database of their own. A burst
// sent to all three is delivered exactly once per event; when one is killed mid-delivery, the
// others take over what it held once its lease (60 s) ends; the hourly retention purge, which
// every process schedules, runs in one of them.

const PORTS = [3171, 3172, 3173];
const base = (port: number) => `http://127.0.0.1:${port}`;
const DATA_DIR = ".data/e2e-multi";
const BURST = 150;
const HELD = 30;

test("three processes on one database: each event delivered once, a killed one's deliveries taken over, one purge an hour", async () => {
  test.setTimeout(300_000);
  const cluster = await startPrivateCluster();
  // The receiver counts deliveries by chat; while `slow`, it answers after 3 s.
  const delivered = new Map<string, number>();
  let slow = false;
  let inFlight = 0;
  const receiver = await startChatReceiver((chat, req, res) => {
    const answer = () => {
      delivered.set(chat, (delivered.get(chat) ?? 0) + 1);
      res.writeHead(200).end("ok");
    };
    if (!slow) return answer();
    inFlight++;
    setTimeout(() => {
      inFlight--;
      // A request cut off by the killed process never counts as delivered.
      if (!req.socket.destroyed) answer();
    }, 3_000);
  });

  rmSync(DATA_DIR, { recursive: true, force: true });
  const env = (port: number): NodeJS.ProcessEnv => ({
    ...process.env,
    DATABASE_URL: cluster.url,
    PORT: String(port),
    DATA_DIR,
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  });
  const apps: AppProcess[] = [];
  try {
    // The first one makes the secrets the others share, as replicas of one deployment do.
    apps.push(startApp(env(PORTS[0]!), `app ${PORTS[0]}`));
    await waitForHealth(base(PORTS[0]!));
    const shared = env(PORTS[0]!);
    loadSecrets(shared, DATA_DIR);
    for (const port of PORTS.slice(1))
      apps.push(startApp({ ...shared, PORT: String(port) }, `app ${port}`));
    await Promise.all(PORTS.map((port) => waitForHealth(base(port))));
    const { apiKey } = await runSeed(shared, receiver.url, { template: CHAT_TEMPLATE });

    // The burst, spread over the three, eight senders at once: exactly one delivery each.
    const send = async (from: number, to: number, port: (i: number) => number) => {
      const next = { i: from };
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          for (let i = next.i++; i < to; i = next.i++) {
            const res = await postChatClosed(base(port(i)), apiKey, `e-${i}`, `c${i}`);
            expect(res.status).toBe(202);
          }
        }),
      );
    };
    await send(0, BURST, (i) => PORTS[i % 3]!);
    const burstChats = Array.from({ length: BURST }, (_, i) => `c${i}`);
    await expect
      .poll(() => burstChats.filter((c) => delivered.has(c)).length, { timeout: 60_000 })
      .toBe(BURST);
    expect(burstChats.filter((c) => delivered.get(c) !== 1)).toEqual([]);

    // Slow deliveries sent to the first process; it is killed while it holds some of them.
    slow = true;
    await send(BURST, BURST + HELD, () => PORTS[0]!);
    await expect.poll(() => inFlight, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
    const killedAt = Date.now();
    process.kill(-apps[0]!.child.pid!, "SIGKILL");
    slow = false;

    const heldChats = Array.from({ length: HELD }, (_, i) => `c${BURST + i}`);
    await expect
      .poll(() => heldChats.filter((c) => !delivered.has(c)), {
        timeout: 150_000,
        intervals: [500],
      })
      .toEqual([]);
    const takeoverMs = Date.now() - killedAt;

    // Each process claims the first hourly purge a minute after its start (the killed one may
    // not have lived that long): one of them runs it, the others leave it.
    const ran = (app: AppProcess) => logged(app, "retention", "purge deleted").length > 0;
    const left = (app: AppProcess) =>
      logged(app, "retention", "this period's purge is another").length > 0;
    await expect
      .poll(() => apps.slice(1).every((app) => ran(app) || left(app)), { timeout: 90_000 })
      .toBe(true);
    expect(apps.filter(ran)).toHaveLength(1);

    console.log(
      `[multi-process] ${BURST} events over 3 processes, each delivered once; ${HELD} held by the killed one all delivered ${(takeoverMs / 1000).toFixed(1)} s after the kill (lease 60 s)`,
    );
  } finally {
    for (const app of apps) stopApp(app);
    await receiver.close();
    cluster.destroy();
  }
});
