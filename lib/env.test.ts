import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

// The env module's refusals and acceptances, one deployment shape each. Every refusal must
// name the variable and say what to do; none may repeat a secret's value.

const base = {
  DATABASE_URL: "postgresql://app:pw@db.internal:5432/webhooks",
  NEXTAUTH_SECRET: "s".repeat(40),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
};
const production = { ...base, NODE_ENV: "production" };
const inngestKeys = { INNGEST_EVENT_KEY: "evt-key", INNGEST_SIGNING_KEY: "signkey-prod-abc123" };
const vercel = {
  ...production,
  VERCEL: "1",
  DATABASE_URL: "postgresql://app:pw@ep-cool-1.eu-central-1.aws.neon.tech/webhooks?sslmode=require",
};

/** The refusal message for a set of variables (fails the test when it is accepted). */
function refusal(source: Record<string, string | undefined>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toMatchObject({ name: "EnvError" });
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("env: anywhere", () => {
  it("accepts the three required settings, with the embedded worker outside production", () => {
    const e = parseEnv(base);
    expect(e.deliveryEngine).toBe("embedded");
    expect(e.NODE_ENV).toBe("development");
    expect(e.MAIL_FROM).toBe("Webhooks <webhooks@localhost>");
  });

  it.each([
    ["DATABASE_URL", /DATABASE_URL: is not set: set it to the PostgreSQL connection URL/],
    ["NEXTAUTH_SECRET", /NEXTAUTH_SECRET: is not set: .*openssl rand -base64 32/],
    ["ENCRYPTION_KEY", /ENCRYPTION_KEY: is not set: .*openssl rand -base64 32/],
  ])("refuses a missing %s, saying how to set it", (name, message) => {
    const without = { ...production, DELIVERY_ENGINE: "embedded", [name]: undefined };
    expect(refusal(without)).toMatch(message);
  });

  it("waits 60 s for the database at start unless DATABASE_WAIT_SECONDS says otherwise", () => {
    expect(parseEnv(base).DATABASE_WAIT_SECONDS).toBe(60);
    expect(parseEnv({ ...base, DATABASE_WAIT_SECONDS: "0" }).DATABASE_WAIT_SECONDS).toBe(0);
    expect(parseEnv({ ...base, DATABASE_WAIT_SECONDS: "300" }).DATABASE_WAIT_SECONDS).toBe(300);
    for (const value of ["-1", "1.5", "soon", "3601"]) {
      expect(refusal({ ...base, DATABASE_WAIT_SECONDS: value })).toMatch(
        /DATABASE_WAIT_SECONDS: must be a whole number of seconds \(0 to 3600\)/,
      );
    }
  });

  it("makes /api/health fail past 15 minutes of queue lag unless HEALTH_MAX_QUEUE_LAG_SECONDS says otherwise", () => {
    expect(parseEnv(base).HEALTH_MAX_QUEUE_LAG_SECONDS).toBe(900);
    expect(
      parseEnv({ ...base, HEALTH_MAX_QUEUE_LAG_SECONDS: "0" }).HEALTH_MAX_QUEUE_LAG_SECONDS,
    ).toBe(0);
    expect(refusal({ ...base, HEALTH_MAX_QUEUE_LAG_SECONDS: "an hour" })).toMatch(
      /HEALTH_MAX_QUEUE_LAG_SECONDS: must be a whole number of seconds \(0 to 86400\)/,
    );
  });

  it("counts an empty value as unset (a compose file's ${VAR:-})", () => {
    expect(refusal({ ...production, DELIVERY_ENGINE: "embedded", NEXTAUTH_SECRET: "" })).toMatch(
      /NEXTAUTH_SECRET: is not set/,
    );
  });

  it("refuses malformed values without repeating them", () => {
    const message = refusal({
      ...base,
      DATABASE_URL: "mysql://root:hunter2-password@db/x",
      NEXTAUTH_SECRET: "short-secret-value",
      ENCRYPTION_KEY: "bm90LTMyLWJ5dGVz",
      DELIVERY_ENGINE: "cron",
    });
    expect(message).toMatch(/DATABASE_URL: must be a postgres:\/\/ or postgresql:\/\//);
    expect(message).toMatch(/NEXTAUTH_SECRET: must be at least 32 characters/);
    expect(message).toMatch(/ENCRYPTION_KEY: must be 32 bytes encoded as base64/);
    expect(message).toMatch(/DELIVERY_ENGINE: must be `embedded` or `inngest`/);
    expect(message).toMatch(/See README → Configuration/);
    for (const secret of ["hunter2-password", "short-secret-value", "bm90LTMyLWJ5dGVz"]) {
      expect(message).not.toContain(secret);
    }
  });
});

describe("env: production (NODE_ENV=production)", () => {
  it("refuses to choose a delivery engine by itself", () => {
    expect(refusal(production)).toMatch(
      /DELIVERY_ENGINE: is not set and no Inngest keys are: set DELIVERY_ENGINE=embedded .* or set DELIVERY_ENGINE=inngest with INNGEST_EVENT_KEY and INNGEST_SIGNING_KEY/,
    );
  });

  it("accepts the explicit embedded worker (what `npm start` and the container set)", () => {
    expect(parseEnv({ ...production, DELIVERY_ENGINE: "embedded" }).deliveryEngine).toBe(
      "embedded",
    );
  });

  it("accepts Inngest with both keys, explicitly or implied by them", () => {
    expect(parseEnv({ ...production, ...inngestKeys }).deliveryEngine).toBe("inngest");
    expect(
      parseEnv({ ...production, ...inngestKeys, DELIVERY_ENGINE: "inngest" }).deliveryEngine,
    ).toBe("inngest");
  });

  it("refuses Inngest without its signing key", () => {
    const message = refusal({ ...production, INNGEST_EVENT_KEY: "evt-key" });
    expect(message).toMatch(/INNGEST_SIGNING_KEY: is not set, and Inngest is the delivery engine/);
    expect(message).toMatch(/verify that requests come from Inngest/);
    expect(message).not.toMatch(/INNGEST_EVENT_KEY:/);
  });

  it("refuses Inngest without its event key", () => {
    const message = refusal({ ...production, INNGEST_SIGNING_KEY: "signkey-prod-abc123" });
    expect(message).toMatch(/INNGEST_EVENT_KEY: is not set, and Inngest is the delivery engine/);
    expect(message).not.toMatch(/INNGEST_SIGNING_KEY:/);
    expect(message).not.toContain("signkey-prod-abc123");
  });

  it("refuses DELIVERY_ENGINE=inngest with neither key, naming both", () => {
    const message = refusal({ ...production, DELIVERY_ENGINE: "inngest" });
    expect(message).toMatch(/INNGEST_EVENT_KEY: is not set/);
    expect(message).toMatch(/INNGEST_SIGNING_KEY: is not set/);
    expect(message).toMatch(/or set INNGEST_DEV=1 to use a local Inngest dev server/);
  });

  it("accepts a local Inngest dev server without keys (INNGEST_DEV)", () => {
    const e = parseEnv({ ...production, INNGEST_DEV: "1" });
    expect(e.deliveryEngine).toBe("inngest");
  });

  it("accepts a local database off Vercel (npm start's embedded PostgreSQL)", () => {
    const e = parseEnv({
      ...production,
      DELIVERY_ENGINE: "embedded",
      DATABASE_URL: "postgresql://postgres:postgres@127.0.0.1:54329/postgres?sslmode=disable",
    });
    expect(e.DATABASE_URL).toContain("127.0.0.1");
  });

  it("lists every problem at once", () => {
    const message = refusal({ NODE_ENV: "production" });
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "ENCRYPTION_KEY", "DELIVERY_ENGINE"]) {
      expect(message).toMatch(new RegExp(`^  ${name}: `, "m"));
    }
  });
});

describe("env: on Vercel (VERCEL=1, production)", () => {
  it("accepts a hosted database with the Inngest integration's keys", () => {
    expect(parseEnv({ ...vercel, ...inngestKeys }).deliveryEngine).toBe("inngest");
  });

  it("refuses the embedded worker, saying why and what to do", () => {
    const message = refusal({ ...vercel, ...inngestKeys, DELIVERY_ENGINE: "embedded" });
    expect(message).toMatch(
      /DELIVERY_ENGINE: `embedded` cannot run on Vercel: serverless functions do not keep a process alive/,
    );
    expect(message).toMatch(/add the Inngest integration/);
  });

  it("refuses a deployment with no Inngest keys, pointing at the integration", () => {
    expect(refusal(vercel)).toMatch(
      /DELIVERY_ENGINE: no delivery engine is configured: on Vercel deliveries run on Inngest — add the Inngest integration/,
    );
  });

  it.each([
    "postgresql://postgres@localhost:5432/webhooks",
    "postgresql://postgres@127.0.0.1:5432/webhooks",
    "postgres://postgres@[::1]:5432/webhooks",
  ])("refuses a database on this machine: %s", (url) => {
    expect(refusal({ ...vercel, ...inngestKeys, DATABASE_URL: url })).toMatch(
      /DATABASE_URL: points at this machine \(localhost\).*hosted PostgreSQL/,
    );
  });

  it("refuses INNGEST_DEV, which turns off the signature check", () => {
    expect(refusal({ ...vercel, ...inngestKeys, INNGEST_DEV: "1" })).toMatch(
      /INNGEST_DEV: must not be set on Vercel: dev mode turns off the signature check/,
    );
  });

  it("leaves `vercel dev` (NODE_ENV=development) alone", () => {
    const e = parseEnv({ ...base, VERCEL: "1", DATABASE_URL: "postgresql://localhost/webhooks" });
    expect(e.deliveryEngine).toBe("embedded");
  });
});
