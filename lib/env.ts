import { z } from "zod";
import { parseAllowCidrs } from "@/lib/outbound/outbound-policy";

// The one place configuration is read. Every setting is documented in the README; the app
// refuses to start with a message naming the setting, and what to do, when one is missing or
// malformed — and, in production, when the deployment as a whole would not work (no delivery
// engine chosen, Inngest without its keys, the embedded worker or a local database on Vercel).

/** Where deliveries run: an in-process worker, or Inngest functions served at /api/inngest. */
export const DELIVERY_ENGINES = ["embedded", "inngest"] as const;
export type DeliveryEngine = (typeof DELIVERY_ENGINES)[number];

/** A string setting that gets its own message, saying what to do, when it is not set. */
const required = (whatToDo: string) =>
  z.string({
    error: (issue) => (issue.input === undefined ? `is not set: ${whatToDo}` : undefined),
  });

/** A whole number of seconds from 0 to `max`, `fallback` when unset. */
function seconds(max: number, fallback: number) {
  const message = `must be a whole number of seconds (0 to ${max})`;
  return z.coerce
    .number({ error: message })
    .int(message)
    .min(0, message)
    .max(max, message)
    .default(fallback);
}

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: required(
    "set it to the PostgreSQL connection URL (postgresql://user:password@host:5432/webhooks); " +
      "`npm start` starts an embedded database when it is unset",
  ).regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL"),
  NEXTAUTH_SECRET: required(
    "set it to a random string of at least 32 characters (`openssl rand -base64 32`); " +
      "`npm start` generates one into .data/secrets.env",
  ).min(32, "must be at least 32 characters: generate one with `openssl rand -base64 32`"),
  NEXTAUTH_URL: z.url().optional(),
  /** 32 bytes, base64: encrypts signing secrets and auth credentials at rest (AES-256-GCM). */
  ENCRYPTION_KEY: required(
    "set it to 32 random bytes in base64 (`openssl rand -base64 32`) and keep it: " +
      "it decrypts the stored secrets",
  ).refine(
    (v) => Buffer.from(v, "base64").length === 32,
    "must be 32 bytes encoded as base64: generate one with `openssl rand -base64 32`",
  ),
  /**
   * How long a starting server keeps trying to reach the database (to migrate it) before it
   * exits non-zero; meanwhile it serves /api/health as 503. `0`: exit at the first failure.
   */
  DATABASE_WAIT_SECONDS: seconds(3600, 60),
  /**
   * /api/health answers 503 when a due delivery has waited longer than this (the engine is
   * stuck or far behind). `0`: never.
   */
  HEALTH_MAX_QUEUE_LAG_SECONDS: seconds(86_400, 900),
  /**
   * Bearer token that GET /api/metrics (Prometheus) requires; unset, the route answers 404.
   */
  METRICS_TOKEN: z
    .string()
    .min(16, "use at least 16 random characters: generate one with `openssl rand -hex 24`")
    .optional(),
  /** Sender address of the e-mails the app sends. */
  MAIL_FROM: z.string().default("Webhooks <webhooks@localhost>"),
  /** smtp://user:pass@host:port — without it, mail is kept in the app only. */
  SMTP_URL: z.url().optional(),
  /**
   * Comma-separated CIDRs the outbound guard lets through although they are private or
   * reserved (e.g. `127.0.0.0/8,::1/128` for local development and the tests). Empty by default.
   */
  OUTBOUND_ALLOW_CIDRS: z
    .string()
    .default("")
    .transform((v) =>
      v
        .split(",")
        .map((c) => c.trim())
        .filter(Boolean),
    )
    .superRefine((cidrs, ctx) => {
      try {
        parseAllowCidrs(cidrs);
      } catch (e) {
        ctx.addIssue({ code: "custom", message: e instanceof Error ? e.message : String(e) });
      }
    }),
  /**
   * `embedded` or `inngest`. Unset, Inngest settings choose Inngest and their absence the
   * embedded worker — except in production, where the choice must be explicit.
   */
  DELIVERY_ENGINE: z
    .enum(DELIVERY_ENGINES, { error: "must be `embedded` or `inngest`" })
    .optional(),
  /** Inngest Cloud / self-hosted: with these set, deliveries run as Inngest functions. */
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  /** `1` to use a local Inngest dev server (`npx inngest-cli dev`), at INNGEST_BASE_URL. */
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.url().optional(),
  /** Set to `1` by Vercel, in its builds and functions. */
  VERCEL: z.string().optional(),
});

export type Env = z.infer<typeof schema> & { deliveryEngine: DeliveryEngine };

/** Every variable this module reads (deployment files are checked against it). */
export function envVariableNames(): string[] {
  return Object.keys(schema.shape);
}

/** The variables that must be set in every environment: no default, not optional. */
export function requiredEnvVariableNames(): string[] {
  return Object.entries(schema.shape)
    .filter(([, field]) => !field.safeParse(undefined).success)
    .map(([name]) => name);
}

type Source = Record<string, string | undefined>;

/**
 * Whether INNGEST_DEV puts the Inngest SDK in dev mode, as the SDK reads it: anything but
 * false/0 (`1`, `true`, or the dev server's URL). Dev mode skips request signature checks.
 */
export function inngestDevMode(value: string | undefined): boolean {
  return value !== undefined && !["false", "0", "undefined"].includes(value.trim().toLowerCase());
}

/** The engine the settings choose; undefined when production leaves the choice open. */
function chosenEngine(input: Source): DeliveryEngine | undefined {
  const explicit = input.DELIVERY_ENGINE;
  if (explicit)
    return (DELIVERY_ENGINES as readonly string[]).includes(explicit)
      ? (explicit as DeliveryEngine)
      : undefined;
  if (
    input.INNGEST_EVENT_KEY ||
    input.INNGEST_SIGNING_KEY ||
    inngestDevMode(input.INNGEST_DEV) ||
    input.INNGEST_BASE_URL
  ) {
    return "inngest";
  }
  return input.NODE_ENV === "production" ? undefined : "embedded";
}

const LOCAL_HOSTS = /^(localhost|.*\.localhost|127(\.\d{1,3}){3}|\[::1\]|0\.0\.0\.0|)$/i;

/** Whether a connection URL points at the machine the app runs on (or a Unix socket). */
function isLocalDatabase(url: string): boolean {
  try {
    return LOCAL_HOSTS.test(new URL(url).hostname);
  } catch {
    return false; // malformed: reported by the schema
  }
}

/** What makes a production deployment unable to work, one `NAME: what to do` line each. */
function productionIssues(input: Source): string[] {
  if (input.NODE_ENV !== "production") return [];
  const issues: string[] = [];
  const onVercel = Boolean(input.VERCEL) && input.VERCEL !== "0";
  if (
    input.DELIVERY_ENGINE &&
    !(DELIVERY_ENGINES as readonly string[]).includes(input.DELIVERY_ENGINE)
  ) {
    return issues; // the schema names the bad value; the rules below need a valid one
  }
  const engine = chosenEngine(input);
  const inngestKeysHint = onVercel
    ? "add the Inngest integration to the Vercel project (it sets INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY)"
    : "set INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY (Inngest Cloud: your app's keys; self-hosted: the --event-key and --signing-key given to `inngest start`)";
  if (engine === undefined) {
    issues.push(
      onVercel
        ? `DELIVERY_ENGINE: no delivery engine is configured: on Vercel deliveries run on Inngest — ${inngestKeysHint}`
        : "DELIVERY_ENGINE: is not set and no Inngest keys are: set DELIVERY_ENGINE=embedded to run deliveries " +
            "in this long-running server process (`npm start` does), or set DELIVERY_ENGINE=inngest with " +
            "INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY to run them on Inngest",
    );
  }
  if (engine === "inngest" && !inngestDevMode(input.INNGEST_DEV)) {
    if (!input.INNGEST_EVENT_KEY) {
      issues.push(
        `INNGEST_EVENT_KEY: is not set, and Inngest is the delivery engine: the app sends deliveries to Inngest with it — ${inngestKeysHint}` +
          (onVercel ? "" : ", or set INNGEST_DEV=1 to use a local Inngest dev server"),
      );
    }
    if (!input.INNGEST_SIGNING_KEY) {
      issues.push(
        `INNGEST_SIGNING_KEY: is not set, and Inngest is the delivery engine: /api/inngest needs it to verify that requests come from Inngest — ${inngestKeysHint}` +
          (onVercel ? "" : ", or set INNGEST_DEV=1 to use a local Inngest dev server"),
      );
    }
  }
  if (onVercel) {
    if (engine === "embedded") {
      issues.push(
        "DELIVERY_ENGINE: `embedded` cannot run on Vercel: serverless functions do not keep a process " +
          `alive to run the worker between requests. Remove DELIVERY_ENGINE=embedded and ${inngestKeysHint}`,
      );
    }
    if (inngestDevMode(input.INNGEST_DEV)) {
      issues.push(
        "INNGEST_DEV: must not be set on Vercel: dev mode turns off the signature check of /api/inngest. " +
          `Remove it and ${inngestKeysHint}`,
      );
    }
    if (input.DATABASE_URL && isLocalDatabase(input.DATABASE_URL)) {
      issues.push(
        "DATABASE_URL: points at this machine (localhost), and a Vercel function has no database beside it: " +
          "set it to a hosted PostgreSQL's connection URL (Neon, Supabase, RDS, …)",
      );
    }
  }
  return issues;
}

// The configuration is invalid; the message lists every problem, one setting per line.
export class EnvError extends Error {
  override name = "EnvError";
}

/**
 * Validates a set of variables (process.env, or a test's own) and returns the configuration.
 * Empty values count as unset, as a compose file's `${VAR:-}` or an empty .env line means.
 */
export function parseEnv(source: Source): Env {
  const input = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const parsed = schema.safeParse(input);
  const lines = parsed.success
    ? []
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  lines.push(...productionIssues(input));
  const engine = chosenEngine(input);
  if (!parsed.success || lines.length > 0 || !engine) {
    throw new EnvError(
      `Invalid configuration:\n${lines.map((l) => `  ${l}`).join("\n")}\nSee README → Configuration.`,
    );
  }
  return { ...parsed.data, deliveryEngine: engine };
}

let cached: Env | undefined;

/** Validated configuration; read lazily so `next build` works without a database. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Whether deliveries run on Inngest or on the embedded worker (see DELIVERY_ENGINE). */
export function deliveryEngine(): DeliveryEngine {
  return env().deliveryEngine;
}
