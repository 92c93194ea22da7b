// `npm run bench`: the delivery engine under load, beside this machine's raw ceiling measured
// in the same run. Starts the app (scripts/start.ts, embedded worker) on a fresh PostgreSQL
// database (see database() below), a local receiver in its own process
// (scripts/bench-receiver.ts), seeds organizations through the app's services — every delivery
// a ~1.5 KB JSON body — then measures:
//   ceiling   plain undici POSTs of such a body to the same receiver, 64 connections
//   latency   events at a fixed 200/s to 5 webhooks, after 5 s of warm-up: POST sent → each
//             delivery received, p50/p95/p99
//   burst     events as fast as 16 senders go, 5 webhooks each: ingest events/s, deliveries/s
//   batch     POST /api/v1/events/batch, 100 events a request from 16 senders: events/s accepted
//   log       the Deliveries page over 1,000,000 attempts, each filter (scripts/bench-log.ts)
// BENCH_PG_PROFILE=1 (private cluster only) also prints where PostgreSQL spent its time in the
// burst: the top statements from pg_stat_statements and how many Delivery updates were HOT.
import { fork, spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { Pool } from "undici";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { postgresBinaries, startPrivateCluster } from "@/lib/testing/private-cluster";
import { runSeed } from "@/lib/testing/seed";
import { benchDeliveryLog, LOG_ATTEMPTS } from "./bench-log";

const PORT = 3400;
const APP = `http://127.0.0.1:${PORT}`;
const DATA_DIR = ".data/bench";
const LATENCY_RATE = 200;
const LATENCY_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = 5;
const BURST_EVENTS = Number(process.env.BENCH_BURST_EVENTS ?? 6000);
const BURST_FANOUT = 5;
const SENDERS = 16;
/** Connections of the ceiling's plain client, as peers' benches use. */
const CEILING_CONNECTIONS = 64;
/** Every delivery renders this template to a ~1.5 KB JSON body, as a peer's job does. */
const TEMPLATE =
  '{"chat": {{chat.session_id}}, "email": {{chat.customer_email}}, "transcript": {{chat.transcript}}}';
const TRANSCRIPT = Array.from(
  { length: 16 },
  (_, i) =>
    `[14:${String(i).padStart(2, "0")}:05] ${i % 2 ? "Mary Brown" : "Anna Lee"}: line ${i} of a chat transcript, long enough to weigh.`,
).join("\n");
const eventData = (chat: string) => ({
  chat: { session_id: chat, customer_email: "bench@example.com", transcript: TRANSCRIPT },
});
const BATCH_SIZE = 100;
const BATCH_EVENTS = Number(process.env.BENCH_BATCH_EVENTS ?? 20_000);
const PG_PROFILE = process.env.BENCH_PG_PROFILE === "1";

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** The receiver (scripts/bench-receiver.ts), in a process of its own. */
async function startReceiver() {
  const child = fork(path.join(import.meta.dirname, "bench-receiver.ts"), [], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const { port } = (await once(child, "message"))[0] as { port: number };
  const waiting = new Map<number, (answer: Record<string, unknown>) => void>();
  let asked = 0;
  child.on("message", (answer: { id: number }) => {
    waiting.get(answer.id)?.(answer);
    waiting.delete(answer.id);
  });
  const ask = (question: object) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = asked++;
      waiting.set(id, resolve);
      child.send({ ...question, id });
    });
  return {
    url: `http://127.0.0.1:${port}`,
    /** Requests received so far. */
    count: async () => (await ask({ ask: "count" })).count as number,
    /** For each chat, when each of its deliveries arrived (epoch ms). */
    hits: async (chats: string[]) => (await ask({ ask: "hits", chats })).hits as number[][],
    close: async () => {
      child.kill();
      await once(child, "exit");
    },
  };
}

/**
 * The database: BENCH_ADMIN_DATABASE_URL's server when given; else a private PostgreSQL
 * cluster with the server's default settings (autovacuum on, fsync on), so the figures do not
 * depend on how a shared server was tuned (the CI machines' turns autovacuum off); else the
 * embedded one.
 */
async function database() {
  const given = process.env.BENCH_ADMIN_DATABASE_URL;
  if (given) return serverDatabase(given, "PostgreSQL server", async () => {}, null);
  if (postgresBinaries()) {
    const cluster = await startPrivateCluster(
      PG_PROFILE ? ["shared_preload_libraries=pg_stat_statements"] : [],
    );
    return serverDatabase(
      cluster.url,
      "private PostgreSQL cluster (default settings)",
      async () => cluster.destroy(),
      cluster.pid(),
    );
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: `${DATA_DIR}/pglite-${Date.now()}`,
    port: 0,
  });
  // PGlite runs inside this process: its CPU is not told apart.
  return { url: embedded.url, kind: "embedded PGlite", drop: () => embedded.stop(), pid: null };
}

/** `postmaster`: the server's pid when it runs here, to count its CPU (else null). */
async function serverDatabase(
  adminUrl: string,
  kind: string,
  stop: () => Promise<void>,
  postmaster: number | null,
) {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 2000 });
  await admin.connect();
  const settings = await admin.query<{ name: string; setting: string }>(
    `SELECT name, setting FROM pg_settings
     WHERE name IN ('server_version', 'autovacuum', 'fsync', 'synchronous_commit', 'shared_buffers')`,
  );
  const name = `wh_bench_${Date.now()}`;
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: `${kind}: ${settings.rows.map((r) => `${r.name}=${r.setting}`).join(", ")}`,
    pid: postmaster,
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
      await stop();
    },
  };
}

/**
 * PostgreSQL's side of the burst (BENCH_PG_PROFILE=1): the statements that took the most time,
 * per delivery, and the share of Delivery and DeliveryAttempt updates that were HOT (an update
 * that is not HOT writes a new entry in every index of the table).
 */
async function pgProfile(url: string) {
  const sql = new pg.Client({ connectionString: url });
  await sql.connect();
  await sql.query("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
  const tables = async () =>
    (
      await sql.query<{ relname: string; upd: string; hot: string; ins: string }>(
        `SELECT relname, n_tup_upd AS upd, n_tup_hot_upd AS hot, n_tup_ins AS ins
         FROM pg_stat_user_tables WHERE relname IN ('Delivery', 'DeliveryAttempt', 'Event')`,
      )
    ).rows;
  await sql.query("SELECT pg_stat_reset(), pg_stat_statements_reset()");
  return {
    async report(deliveries: number) {
      // The statistics collector lags a moment behind the backends.
      await sql.query("SELECT pg_stat_force_next_flush()");
      await sleep(1_000);
      const top = await sql.query<{
        query: string;
        calls: string;
        rows: string;
        total: number;
        wal: string;
      }>(
        `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls, rows,
                total_exec_time + total_plan_time AS total, wal_bytes AS wal
         FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
         ORDER BY total DESC LIMIT 8`,
      );
      const lines = [`PostgreSQL in the burst, per delivery (${deliveries}):`];
      for (const r of top.rows)
        lines.push(
          `  ${((r.total * 1000) / deliveries).toFixed(1).padStart(6)} µs  ${(Number(r.wal) / deliveries).toFixed(0).padStart(5)} B WAL  ${(Number(r.calls) / deliveries).toFixed(3)} calls  ${(Number(r.rows) / deliveries).toFixed(2)} rows  ${r.query.slice(0, 110)}`,
        );
      for (const t of await tables())
        lines.push(
          `  ${t.relname}: ${t.ins} inserted, ${t.upd} updated, ${t.hot} of them HOT (${((Number(t.hot) / Math.max(1, Number(t.upd))) * 100).toFixed(0)}%)`,
        );
      await sql.end();
      return lines.join("\n");
    },
  };
}

function readdirSafe(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * CPU seconds (user + system) used so far by the processes `select` picks from /proc, with
 * what their exited children used (a PostgreSQL backend that ended, say).
 */
function cpuSeconds(select: (p: { pid: number; ppid: number; pgrp: number }) => boolean) {
  let ticks = 0;
  for (const entry of readdirSafe("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // ended meanwhile
    }
    // After "pid (comm)": state ppid pgrp … utime(14) stime cutime cstime, counted from 1.
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (!select({ pid: Number(entry), ppid: Number(f[1]), pgrp: Number(f[2]) })) continue;
    ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
  }
  return ticks / CLOCK_TICKS;
}
const CLOCK_TICKS = 100; // USER_HZ on Linux

const load = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

function run(command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(command, args, { env, stdio: ["ignore", "pipe", "inherit"], detached: true });
}

async function waitForHealth(deadline = Date.now() + 300_000) {
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${APP}/api/health`)).ok) return;
    } catch {
      // starting
    }
    await sleep(250);
  }
  throw new Error("The app did not become healthy in time");
}

const seed = (env: NodeJS.ProcessEnv, receiverUrl: string, webhooks: number) =>
  runSeed(env, receiverUrl, { webhooks, template: TEMPLATE });

async function main() {
  const loadAtStart = load();
  const db = await database();
  const receiver = await startReceiver();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    PORT: String(PORT),
    DATA_DIR,
    OUTBOUND_ALLOW_CIDRS: "127.0.0.0/8",
  };
  const app = run(process.execPath, ["--import", "tsx", "scripts/start.ts"], env);
  app.stdout!.pipe(process.stderr);
  const pool = new Pool(APP, { connections: SENDERS });
  try {
    await waitForHealth();
    for (const line of readFileSync(`${DATA_DIR}/secrets.env`, "utf8").split("\n")) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) env[m[1]!] = m[2];
    }
    const single = await seed(env, receiver.url, 1);
    const fanout = await seed(env, receiver.url, BURST_FANOUT);
    // Five webhooks again, one of whose receiver hangs 10 s (scripts/bench-receiver.ts).
    const hanging = await seed(env, receiver.url, BURST_FANOUT);
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(`UPDATE "Webhook" SET url = $1 WHERE id = $2`, [
      `${receiver.url}/hang`,
      hanging.webhooks[0]!.id,
    ]);

    // 1. Ceiling: plain undici POSTs of a delivery-sized body to the same receiver, from 64
    // connections.
    const raw = new Pool(receiver.url, { connections: CEILING_CONNECTIONS });
    const rawBody = JSON.stringify({ email: "bench@example.com", transcript: TRANSCRIPT });
    const rawLatencies: number[] = [];
    const rawEnd = performance.now() + 5_000;
    let rawCount = 0;
    await Promise.all(
      Array.from({ length: CEILING_CONNECTIONS }, async () => {
        while (performance.now() < rawEnd) {
          const t = performance.now();
          const res = await raw.request({
            path: "/",
            method: "POST",
            body: rawBody,
            headers: { "content-type": "application/json" },
          });
          await res.body.dump();
          rawLatencies.push(performance.now() - t);
          rawCount++;
        }
      }),
    );
    await raw.close();
    const ceiling = rawCount / 5;

    const send = async (apiKey: string, chat: string) => {
      const res = await pool.request({
        path: "/api/v1/events",
        method: "POST",
        headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
        body: JSON.stringify({ type: "chat.closed", data: eventData(chat) }),
      });
      await res.body.dump();
      if (res.statusCode !== 202) throw new Error(`ingest answered ${res.statusCode}`);
    };

    // 2. Latency at a fixed rate to the organization with 5 webhooks, after a warm-up at the
    // same rate (the first seconds of a fresh process load modules and compile code; the
    // target is the steady state): POST sent → each of its 5 deliveries received.
    const epochNow = () => performance.timeOrigin + performance.now();
    const atFixedRate = async (
      prefix: string,
      seconds: number,
      { apiKey = fanout.apiKey, rate = LATENCY_RATE, receivedPerEvent = BURST_FANOUT } = {},
    ) => {
      const sentAt = new Map<string, number>();
      const total = rate * seconds;
      const start = performance.now();
      const inflight: Promise<void>[] = [];
      for (let i = 0; i < total; i++) {
        const due = start + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 0) await sleep(wait);
        const chat = `${prefix}-${i}`;
        sentAt.set(chat, epochNow());
        inflight.push(send(apiKey, chat));
      }
      await Promise.all(inflight);
      const chats = [...sentAt.keys()];
      const deadline = Date.now() + 60_000;
      let hits = await receiver.hits(chats);
      while (hits.some((h) => h.length < receivedPerEvent) && Date.now() < deadline) {
        await sleep(100);
        hits = await receiver.hits(chats);
      }
      return chats.flatMap((chat, n) => hits[n]!.map((at) => at - sentAt.get(chat)!));
    };
    await atFixedRate("warm", WARMUP_SECONDS);
    const total = LATENCY_RATE * LATENCY_SECONDS;
    const latencies = await atFixedRate("lat", LATENCY_SECONDS);
    if (process.env.BENCH_DEBUG) {
      for (let s = 0; s < LATENCY_SECONDS; s++) {
        const slice = latencies
          .slice(s * LATENCY_RATE * BURST_FANOUT, (s + 1) * LATENCY_RATE * BURST_FANOUT)
          .sort((a, b) => a - b);
        console.log(
          `second ${s}: p50 ${ms(percentile(slice, 50))} p99 ${ms(percentile(slice, 99))}`,
        );
      }
    }
    latencies.sort((a, b) => a - b);

    // 2b. Isolation: events at a lower rate (neither run at capacity) to five healthy
    // webhooks, then to four healthy and one whose receiver hangs 10 s: the healthy ones' p99
    // should not move. The hanging webhook is disabled afterwards.
    const isolation = { rate: 50, seconds: 10 };
    const p99 = (latencies: number[]) =>
      percentile(
        latencies.sort((a, b) => a - b),
        99,
      );
    const healthyP99 = p99(await atFixedRate("calm", isolation.seconds, isolation));
    const besideHangP99 = p99(
      await atFixedRate("beside-hang", isolation.seconds, {
        ...isolation,
        apiKey: hanging.apiKey,
        receivedPerEvent: BURST_FANOUT - 1,
      }),
    );
    await sql.query(`UPDATE "Webhook" SET enabled = false WHERE id = $1`, [
      hanging.webhooks[0]!.id,
    ]);
    await sql.end();

    // 3. Burst with fan-out: ingest rate and sustained delivery rate, and the CPU the app
    // (every process of its group) and PostgreSQL (the postmaster and its backends) spent.
    const appCpu = () => cpuSeconds((p) => p.pgrp === app.pid);
    const pgCpu = () =>
      db.pid ? cpuSeconds((p) => p.pid === db.pid || p.ppid === db.pid) : Number.NaN;
    const profile = PG_PROFILE && db.pid ? await pgProfile(db.url) : null;
    const cpuBefore = { app: appCpu(), pg: pgCpu() };
    const before = await receiver.count();
    const burstStart = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (next < BURST_EVENTS) await send(fanout.apiKey, `burst-${next++}`);
      }),
    );
    const ingestSeconds = (performance.now() - burstStart) / 1000;
    const expected = BURST_EVENTS * BURST_FANOUT;
    const burstDeadline = Date.now() + 180_000;
    while ((await receiver.count()) - before < expected && Date.now() < burstDeadline)
      await sleep(20);
    const deliverSeconds = (performance.now() - burstStart) / 1000;
    const delivered = (await receiver.count()) - before;
    const perDelivery = (seconds: number) =>
      Number.isNaN(seconds) ? "n/a" : `${((seconds * 1000) / delivered).toFixed(2)} ms`;
    const cpu = {
      app: perDelivery(appCpu() - cpuBefore.app),
      pg: perDelivery(pgCpu() - cpuBefore.pg),
    };

    const check = new pg.Client({ connectionString: db.url });
    await check.connect();
    // A receiver hit comes a moment before its attempt is recorded: wait for the log to catch
    // up. The hanging webhook's own attempts (timeouts, then "disabled") are not counted.
    const attempts = async () =>
      (
        await check.query(
          `SELECT count(*)::int AS n FROM "DeliveryAttempt" WHERE "webhookId" <> $1`,
          [hanging.webhooks[0]!.id],
        )
      ).rows[0].n as number;
    const loggedDeadline = Date.now() + 30_000;
    const warmup = LATENCY_RATE * WARMUP_SECONDS;
    const isolationEvents = isolation.rate * isolation.seconds;
    const toLog =
      expected +
      (total + warmup) * BURST_FANOUT +
      isolationEvents * BURST_FANOUT +
      isolationEvents * (BURST_FANOUT - 1);
    while ((await attempts()) < toLog && Date.now() < loggedDeadline) await sleep(100);
    const logged = await attempts();
    await check.end();
    const pgReport = await profile?.report(delivered);

    // 4. Batch ingest: events accepted per second, 100 to a request (their deliveries start
    // meanwhile, as they would).
    const batchStart = performance.now();
    let batched = 0;
    await Promise.all(
      Array.from({ length: SENDERS }, async () => {
        while (batched < BATCH_EVENTS) {
          const first = batched;
          batched += BATCH_SIZE;
          const events = Array.from({ length: BATCH_SIZE }, (_, i) => ({
            type: "chat.closed",
            data: {
              chat: { session_id: `batch-${first + i}`, customer_email: "bench@example.com" },
            },
          }));
          const res = await pool.request({
            path: "/api/v1/events/batch",
            method: "POST",
            headers: {
              authorization: `Bearer ${single.apiKey}`,
              "content-type": "application/json",
            },
            body: JSON.stringify({ events }),
          });
          await res.body.dump();
          if (res.statusCode !== 207) throw new Error(`batch ingest answered ${res.statusCode}`);
        }
      }),
    );
    const batchRate = batched / ((performance.now() - batchStart) / 1000);

    const rows: [string, string, string][] = [
      [
        "raw POST ceiling (undici → receiver)",
        `${ceiling.toFixed(0)} req/s, p50 ${ms(
          percentile(
            rawLatencies.sort((a, b) => a - b),
            50,
          ),
        )}`,
        "baseline",
      ],
      [
        "ingest (POST /api/v1/events)",
        `${(BURST_EVENTS / ingestSeconds).toFixed(0)} events/s`,
        "≥ 1500 events/s",
      ],
      [
        `deliveries (${BURST_EVENTS} events × ${BURST_FANOUT} webhooks)`,
        `${(delivered / deliverSeconds).toFixed(0)} /s (${((delivered / deliverSeconds / ceiling) * 100).toFixed(0)}% of ceiling), ${delivered}/${expected} delivered`,
        "≥ 3000 /s",
      ],
      [
        `batch ingest (${BATCH_SIZE} events a request)`,
        `${batchRate.toFixed(0)} events/s`,
        "≥ 10000 events/s",
      ],
      [
        "CPU per delivery in the burst (its ingest included): app / PostgreSQL",
        `${cpu.app} / ${cpu.pg}`,
        "—",
      ],
      [
        `one webhook of ${BURST_FANOUT} hanging 10 s, at ${isolation.rate} events/s: the others' p99`,
        `${ms(besideHangP99)} against ${ms(healthyP99)} with none hanging (${(((besideHangP99 - healthyP99) / healthyP99) * 100).toFixed(0)}%)`,
        "within 10%",
      ],
      [
        `latency at ${LATENCY_RATE} events/s × ${BURST_FANOUT} webhooks, p50`,
        ms(percentile(latencies, 50)),
        "≤ 10 ms",
      ],
      [
        `latency at ${LATENCY_RATE} events/s × ${BURST_FANOUT} webhooks, p95`,
        ms(percentile(latencies, 95)),
        "—",
      ],
      [
        `latency at ${LATENCY_RATE} events/s × ${BURST_FANOUT} webhooks, p99`,
        ms(percentile(latencies, 99)),
        "≤ 50 ms",
      ],
      ["attempts logged", `${logged} of ${toLog} deliveries`, "all"],
    ];
    // 5. The delivery log at scale (BENCH_LOG_ATTEMPTS=0 skips it).
    if (LOG_ATTEMPTS > 0) {
      const seeded = await seed(env, "https://crm.example.com/hooks/chat", 20);
      rows.push(...(await benchDeliveryLog({ appUrl: APP, dbUrl: db.url, seeded })));
    }

    rows.push(["load average (1, 5, 15 min) at start / at end", `${loadAtStart} / ${load()}`, "—"]);
    console.log(
      `\nBench — ${db.kind}, embedded worker, ${process.env.BENCH_MACHINE ?? `this machine (${os.cpus().length} cores)`}; latency = POST sent → receiver hit (${latencies.length}/${total * BURST_FANOUT} deliveries)`,
    );
    const width = Math.max(...rows.map((r) => r[0].length));
    console.log(`| ${"measure".padEnd(width)} | result | target |`);
    console.log(`|${"-".repeat(width + 2)}|--------|--------|`);
    for (const [a, b, c] of rows) console.log(`| ${a.padEnd(width)} | ${b} | ${c} |`);
    if (pgReport) console.log(`\n${pgReport}`);
  } finally {
    await pool.close();
    process.kill(-app.pid!, "SIGTERM");
    await new Promise((r) => app.on("exit", r));
    await receiver.close();
    await db.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
