import { z } from "zod";
import { parseAllowCidrs } from "@/lib/delivery/outbound-policy";

// The one place configuration is read. Every setting is documented in the README; the app
// refuses to start with a message naming the setting when one is missing or malformed.
const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// connection URL"),
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
  NEXTAUTH_URL: z.url().optional(),
  /** 32 bytes, base64: encrypts signing secrets and auth credentials at rest (AES-256-GCM). */
  ENCRYPTION_KEY: z
    .string()
    .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes encoded as base64"),
  /** Sender address of the e-mails the app sends. */
  MAIL_FROM: z.string().default("Webhooks <webhooks@localhost>"),
  /** smtp://user:pass@host:port — without it, mail is kept in the app only. */
  SMTP_URL: z.url().optional(),
  /**
   * Comma-separated CIDRs the outbound guard lets through although they are private or
   * reserved (e.g. `127.0.0.0/8` for local development and the tests). Empty by default.
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
  /** Inngest Cloud / self-hosted: with these set, deliveries run as Inngest functions. */
  INNGEST_EVENT_KEY: z.string().optional(),
  INNGEST_SIGNING_KEY: z.string().optional(),
  /** `1` to use a local Inngest dev server (`npx inngest-cli dev`), at INNGEST_BASE_URL. */
  INNGEST_DEV: z.string().optional(),
  INNGEST_BASE_URL: z.url().optional(),
});

export type Env = z.infer<typeof schema>;

let cached: Env | undefined;

/** Validated configuration; read lazily so `next build` works without a database. */
export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}\nSee README → Configuration.`);
  }
  cached = parsed.data;
  return cached;
}

/** Whether deliveries run on Inngest (configured) or on the embedded worker (default). */
export function deliveryEngine(): "inngest" | "embedded" {
  const e = env();
  return e.INNGEST_EVENT_KEY || e.INNGEST_DEV || e.INNGEST_BASE_URL ? "inngest" : "embedded";
}
