// The delivery log at scale, for `npm run bench`: seeds 1,000,000 delivery attempts (500,000
// deliveries of 500,000 events, 30 days, 20 webhooks) into a fresh organization with SQL, then
// signs in as its owner and times the Deliveries page — unfiltered, each filter, a search,
// and an older page — as a browser asks for it (the server-rendered HTML, read to the end).
import pg from "pg";
import { eventTypeKeys } from "@/lib/events/catalog";

export const LOG_ATTEMPTS = Number(process.env.BENCH_LOG_ATTEMPTS ?? 1_000_000);
const REQUESTS = 20;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** Inserts the rows; returns what the scenarios filter on. */
async function seedLog(dbUrl: string, organizationId: string) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const deliveries = Math.floor(LOG_ATTEMPTS / 2);
    const { rows: hooks } = await client.query<{ id: string }>(
      `SELECT id FROM "Webhook" WHERE "organizationId" = $1 ORDER BY name`,
      [organizationId],
    );
    const types = [...eventTypeKeys];
    await client.query(`SET synchronous_commit = off`); // a bulk load; the measurements follow
    // Events and deliveries: one per 5 s over the last ~29 days, newest first by g.
    await client.query(
      `INSERT INTO "Event" (id, "organizationId", type, "occurredAt", "receivedAt", data, source, "chatId", "customerEmail")
       SELECT 'bev' || g, $1, ($2::text[])[1 + g % array_length($2::text[], 1)], t, t,
              jsonb_build_object('chat', jsonb_build_object('session_id', 'CS-' || g, 'customer_email', 'customer' || (g % 50000) || '@example.com')),
              'api', 'CS-' || g, 'customer' || (g % 50000) || '@example.com'
       FROM generate_series(1, $3::int) g, LATERAL (SELECT now()::timestamp - g * interval '5 seconds' AS t) ts`,
      [organizationId, types, deliveries],
    );
    // 5% failed, 1% waiting for a retry (due in a year: the worker leaves them), 10% Test mode.
    await client.query(
      `INSERT INTO "Delivery" (id, "organizationId", "eventId", "webhookId", "eventType", mode, status,
         "attemptCount", "nextAttemptAt", "lastError", "lastResponseStatus", "lastDurationMs", "lastAttemptAt",
         "createdAt", "updatedAt", "completedAt")
       SELECT 'bdl' || g, $1, 'bev' || g, ($2::text[])[1 + g % $3::int], ($4::text[])[1 + g % array_length($4::text[], 1)],
              (CASE WHEN g % 10 = 0 THEN 'TEST' ELSE 'LIVE' END)::"DeliveryMode",
              (CASE WHEN g % 20 = 0 THEN 'FAILED' WHEN g % 100 = 1 THEN 'PENDING' ELSE 'SUCCEEDED' END)::"DeliveryStatus",
              2, CASE WHEN g % 100 = 1 THEN now() + interval '1 year' END,
              CASE WHEN g % 20 = 0 THEN 'The receiver answered 500.' END,
              CASE WHEN g % 20 = 0 THEN 500 ELSE 200 END, 40 + g % 200, t, t, t,
              CASE WHEN g % 100 = 1 THEN NULL ELSE t END
       FROM generate_series(1, $5::int) g, LATERAL (SELECT now()::timestamp - g * interval '5 seconds' AS t) ts`,
      [organizationId, hooks.map((h) => h.id), hooks.length, types, deliveries],
    );
    await client.query(
      `INSERT INTO "DeliveryAttempt" (id, "deliveryId", "organizationId", "webhookId", number, "startedAt",
         "durationMs", "requestMethod", "requestUrl", "requestHeaders", "requestBody", "responseStatus",
         "responseHeaders", "responseBody", "errorClass", "errorMessage", outcome, "createdAt")
       SELECT d.id || '-' || n, d.id, d."organizationId", d."webhookId", n, d."createdAt" + n * interval '5 seconds',
              d."lastDurationMs", 'POST', 'https://crm.example.com/hooks/chat',
              jsonb_build_array(jsonb_build_array('content-type', 'application/json'),
                jsonb_build_array('webhook-id', d.id), jsonb_build_array('webhook-signature', 'v1,' || md5(d.id))),
              '{"chat": "' || d."eventId" || '", "email": "customer@example.com", "transcript": "Hello, I need help with my invoice."}',
              CASE WHEN n = 1 OR d.status = 'FAILED' THEN 500 ELSE 200 END,
              '[["content-type", "text/plain"]]'::jsonb, 'ok',
              CASE WHEN n = 1 OR d.status = 'FAILED' THEN 'HTTP_5XX'::"ErrorClass" END,
              CASE WHEN n = 1 OR d.status = 'FAILED' THEN 'The receiver answered 500.' END,
              CASE WHEN n = 2 AND d.status = 'SUCCEEDED' THEN 'succeeded' WHEN n = 2 AND d.status = 'FAILED' THEN 'failed' ELSE 'retry' END,
              d."createdAt" + n * interval '5 seconds'
       FROM "Delivery" d CROSS JOIN generate_series(1, 2) n
       WHERE d."organizationId" = $1`,
      [organizationId],
    );
    // What an operator runs after a bulk load (autovacuum would get there on its own).
    await client.query(`VACUUM ANALYZE "Event"`);
    await client.query(`VACUUM ANALYZE "Delivery"`);
    await client.query(`VACUUM ANALYZE "DeliveryAttempt"`);
    const { rows } = await client.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "DeliveryAttempt" WHERE "organizationId" = $1`,
      [organizationId],
    );
    return { attempts: rows[0]!.n, webhookId: hooks[3]!.id, deliveries };
  } finally {
    await client.end();
  }
}

/** Signs in through next-auth's credentials endpoint; returns the Cookie header. */
async function signIn(appUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${appUrl}/api/auth/csrf`);
  const jar = new Map<string, string>();
  const keep = (res: Response) => {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair!.indexOf("=");
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  keep(csrf);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
  const res = await fetch(`${appUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  keep(res);
  if (![...jar.keys()].some((k) => k.includes("session-token"))) {
    throw new Error(`Bench sign-in failed (${res.status})`);
  }
  return cookie();
}

export async function benchDeliveryLog(opts: {
  appUrl: string;
  dbUrl: string;
  seeded: { organizationId: string; email: string; password: string };
}): Promise<[string, string, string][]> {
  const started = performance.now();
  const { attempts, webhookId, deliveries } = await seedLog(opts.dbUrl, opts.seeded.organizationId);
  const seedSeconds = (performance.now() - started) / 1000;
  const cookie = await signIn(opts.appUrl, opts.seeded.email, opts.seeded.password);

  const page = async (query: string) => {
    const t = performance.now();
    const res = await fetch(`${opts.appUrl}/deliveries${query}`, { headers: { cookie } });
    const html = await res.text();
    if (res.status !== 200 || !html.includes("Deliveries")) {
      throw new Error(`GET /deliveries${query} answered ${res.status}`);
    }
    return { ms: performance.now() - t, html };
  };
  // An older page: the cursor the first page links to.
  const first = await page("");
  const cursor = /cursor=([^"&]+)/.exec(first.html)?.[1];
  const week = new Date(Date.now() - 7 * 86_400_000).toISOString();
  const day = new Date(Date.now() - 6 * 86_400_000).toISOString();
  const scenarios: [string, string][] = [
    ["no filter", ""],
    ["webhook", `?webhook=${webhookId}`],
    ["event type", "?eventType=chat.closed"],
    ["status failed", "?status=failed"],
    ["mode test", "?mode=test"],
    [
      "time range (1 day, a week ago)",
      `?from=${encodeURIComponent(week)}&to=${encodeURIComponent(day)}`,
    ],
    ["search chat id", `?q=CS-${Math.floor(deliveries / 2)}`],
    ["search customer e-mail", "?q=customer4242%40example.com"],
    ["all filters", `?webhook=${webhookId}&status=failed&mode=live&eventType=chat.opened`],
    ["older page (cursor)", cursor ? `?cursor=${cursor}` : ""],
  ];
  const rows: [string, string, string][] = [
    [
      `delivery log seeded (${attempts.toLocaleString("en")} attempts)`,
      `${seedSeconds.toFixed(0)} s to seed and analyze`,
      "—",
    ],
  ];
  for (const [name, query] of scenarios) {
    await page(query); // warm: the first render of a route compiles nothing, but fills caches
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) times.push((await page(query)).ms);
    times.sort((a, b) => a - b);
    rows.push([
      `Deliveries page, ${name}`,
      `p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms`,
      "p95 ≤ 300 ms",
    ]);
  }
  return rows;
}
