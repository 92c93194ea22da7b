import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

// The app's one logger: JSON lines on stdout (pino), one child per area (`logger("worker")`),
// each line carrying the ids it knows — requestId, organizationId, eventId, deliveryId — and
// never a secret, a credential or a payload: callers pass ids and counts, and the fields below
// are censored should one slip in. LOG_LEVEL (default info) and LOG_FORMAT=pretty (what
// `npm run dev` sets: readable lines) are read here, not in lib/env.ts, so that a process whose
// configuration is invalid can still say so.

/** Fields never written, at the top level or one object down (`err.config.headers`…). */
const CENSORED = [
  "password",
  "secret",
  "signingSecret",
  "credential",
  "credentials",
  "authorization",
  "apiKey",
  "token",
  "body",
  "requestBody",
  "responseBody",
  "payload",
  "data",
];

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace", "silent"]);

/** Where lines go: stdout, unless a test captures them (captureLogs). */
let sink: DestinationStream = pino.destination({ dest: 1, sync: true });

function create(): Logger {
  const level = process.env.LOG_LEVEL?.toLowerCase() ?? "info";
  const options: pino.LoggerOptions = {
    level: LEVELS.has(level) ? level : "info",
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: CENSORED.flatMap((f) => [f, `*.${f}`]), censor: "[censored]" },
  };
  const out =
    process.env.LOG_FORMAT === "pretty"
      ? pretty({ colorize: true, sync: true, ignore: "pid,hostname" })
      : { write: (line: string) => sink.write(line) };
  return pino(options, out);
}

const holder = globalThis as unknown as { rootLogger?: Logger };

/**
 * The logger of one area of the app ("worker", "ingest", "retention", "startup", …). Take it
 * where you log, not once per module: it follows the root's level (captureLogs changes it).
 */
export function logger(area: string): Logger {
  holder.rootLogger ??= create();
  return holder.rootLogger.child({ area });
}

/**
 * For tests: sends every line at `level` and above to `lines` (parsed) until the returned
 * function is called. Areas take their child logger at each call, so the level applies to all.
 */
export function captureLogs(lines: Record<string, unknown>[], level = "debug"): () => void {
  holder.rootLogger ??= create();
  const root = holder.rootLogger;
  const previous = { sink, level: root.level };
  sink = { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
  root.level = level;
  return () => {
    sink = previous.sink;
    root.level = previous.level;
  };
}
