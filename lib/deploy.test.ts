import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { envVariableNames, parseEnv, requiredEnvVariableNames } from "@/lib/env";
import {
  interpolate,
  readCompose,
  readDockerfile,
  serviceEnvironment,
  STANDALONE_COMMAND,
  variablesIn,
} from "@/lib/testing/deploy-files";

// The deployment files agree with each other and with the code: one Node major everywhere,
// the image starts the server the way the standalone test starts it, and docker-compose.yml
// gives the app exactly settings the env module knows — enough of them to start in production —
// with Inngest, PostgreSQL and Mailpit wired to each other by the names compose gives them.

const pkg = JSON.parse(readFileSync("package.json", "utf8")) as {
  engines: { node: string };
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
const docker = readDockerfile();
const { services } = readCompose();
const app = services.app!;
const appEnv = serviceEnvironment(app);

/** The first number of a version or range: ">=20.19" → 20, "^20.19.43" → 20. */
const major = (version: string) => Number(/\d+/.exec(version)?.[0]);

/** Values for the variables compose reads from the operator's environment or .env file. */
const operatorEnv = {
  NEXTAUTH_SECRET: "n".repeat(44),
  ENCRYPTION_KEY: Buffer.alloc(32, 1).toString("base64"),
  INNGEST_EVENT_KEY: "ab".repeat(32),
  INNGEST_SIGNING_KEY: "cd".repeat(32),
};
const resolvedAppEnv = Object.fromEntries(
  Object.entries(appEnv).map(([name, value]) => [name, interpolate(value, operatorEnv)]),
);

describe("Dockerfile", () => {
  it("builds and runs on the Node major that package.json's engines (and @types/node) name", () => {
    const wanted = major(pkg.engines.node);
    for (const stage of docker.stages) {
      expect(stage.image, `stage ${stage.name}`).toMatch(/^node:\d+/);
      expect(major(stage.image), `stage ${stage.name}: ${stage.image}`).toBe(wanted);
    }
    expect(major(pkg.devDependencies["@types/node"]!)).toBe(wanted);
    if (existsSync(".nvmrc")) expect(major(readFileSync(".nvmrc", "utf8"))).toBe(wanted);
  });

  it("starts the standalone server the way e2e/standalone.spec.ts does, as a non-root user", () => {
    expect(docker.runtime.cmd).toEqual(STANDALONE_COMMAND);
    expect(docker.runtime.user).toBeDefined();
    expect(docker.runtime.user).not.toMatch(/^(root|0)(:|$)/);
    expect(docker.runtime.env.NODE_ENV).toBe("production");
  });

  it("copies the completed standalone output of `npm run build` into the image", () => {
    const copies = docker.runtime.copiesFromStages;
    expect(copies.length).toBeGreaterThan(0);
    const build = docker.stage(copies[0]!.from)!;
    expect(build).toBeDefined();
    expect(
      copies.flatMap((c) => c.sources).map((s) => s.replace(`${build.workdir}/`, "")),
    ).toContain(".next/standalone");
    // The static assets join the standalone folder in `npm run build` (as in `npm start`).
    expect(readFileSync("Dockerfile", "utf8")).toMatch(/^RUN npm run build$/m);
    // Types checked first: an image is never built from a tree with a type error.
    expect(pkg.scripts.build).toMatch(
      /^tsc --noEmit && next build && node scripts\/complete-standalone\.mjs$/,
    );
    expect(pkg.scripts["vercel-build"]).toMatch(/^tsc --noEmit && /);
  });

  it("checks its health on GET /api/health", () => {
    expect(docker.runtime.healthcheck).toMatch(/\/api\/health/);
  });
});

describe("next.config.mjs", () => {
  it("outputs the standalone server, with the migrations traced into it", async () => {
    const { default: config } = (await import("../next.config.mjs")) as {
      default: { output?: string; outputFileTracingIncludes?: Record<string, string[]> };
    };
    expect(process.env.VERCEL).toBeUndefined();
    expect(config.output).toBe("standalone");
    const includes = config.outputFileTracingIncludes ?? {};
    // Read at start (instrumentation) and by /api/health, with fs: invisible to the tracer.
    for (const route of ["instrumentation", "/api/health"]) {
      expect(includes[route]).toContain("./prisma/migrations/**/*");
    }
  });
});

describe("docker-compose.yml", () => {
  it("gives the app only settings the env module knows", () => {
    const known = new Set(envVariableNames());
    const unknown = Object.keys(appEnv).filter((name) => !known.has(name));
    expect(unknown).toEqual([]);
  });

  it("gives the app every setting the env module requires", () => {
    const missing = requiredEnvVariableNames().filter((name) => !(name in appEnv));
    expect(missing).toEqual([]);
  });

  it("starts in production with what compose and the image set (the env module accepts it)", () => {
    const config = parseEnv({ ...docker.runtime.env, ...resolvedAppEnv });
    expect(config.NODE_ENV).toBe("production");
    expect(config.deliveryEngine).toBe("inngest");
    expect(appEnv.DELIVERY_ENGINE).toBe("inngest");
  });

  it("asks the operator for the secrets instead of shipping them", () => {
    for (const name of Object.keys(operatorEnv)) {
      expect(appEnv[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?`));
    }
    expect(() => interpolate(appEnv.NEXTAUTH_SECRET!, {})).toThrow(/NEXTAUTH_SECRET/);
  });

  it("runs self-hosted Inngest with the app's keys, syncing the app's /api/inngest", () => {
    const inngest = services.inngest!;
    expect(inngest.image).toMatch(/^inngest\/inngest(:|$)/);
    const command = [inngest.command].flat().join(" ");
    expect(command).toMatch(/^inngest start\b/);
    const port = docker.runtime.env.PORT;
    expect(command).toContain(`--sdk-url http://app:${port}/api/inngest`);
    const inngestEnv = serviceEnvironment(inngest);
    for (const key of ["INNGEST_EVENT_KEY", "INNGEST_SIGNING_KEY"]) {
      // The same operator variable feeds both, so their keys cannot drift apart.
      expect(variablesIn(inngestEnv[key]!)).toEqual([key]);
      expect(variablesIn(appEnv[key]!)).toEqual([key]);
    }
    const inngestPort = /--port (\d+)/.exec(command)?.[1] ?? "8288";
    expect(resolvedAppEnv.INNGEST_BASE_URL).toBe(`http://inngest:${inngestPort}`);
  });

  it("connects the app to the compose PostgreSQL and sends its mail to Mailpit", () => {
    const postgres = serviceEnvironment(services.postgres!);
    const db = new URL(resolvedAppEnv.DATABASE_URL!);
    expect(db.hostname).toBe("postgres");
    expect(decodeURIComponent(db.username)).toBe(postgres.POSTGRES_USER);
    expect(decodeURIComponent(db.password)).toBe(postgres.POSTGRES_PASSWORD);
    expect(db.pathname).toBe(`/${postgres.POSTGRES_DB}`);

    expect(services.mailpit!.image).toMatch(/^axllent\/mailpit(:|$)/);
    expect(resolvedAppEnv.SMTP_URL).toBe("smtp://mailpit:1025");
  });
});
