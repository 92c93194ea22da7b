import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";

// Reads the Dockerfile and docker-compose.yml for the tests that check them (lib/deploy.test.ts)
// and that run what the image would run (e2e/standalone.spec.ts), so the tests follow these
// files instead of repeating their contents.

/** One `COPY --from=<stage> <src>… <dest>` of a stage. */
export type StageCopy = { from: string; sources: string[]; dest: string };

/** What a Dockerfile stage sets up: its base image, work directory, ENV, copies and CMD. */
export type DockerStage = {
  name: string;
  image: string;
  workdir: string;
  env: Record<string, string>;
  copiesFromStages: StageCopy[];
  cmd: string[] | undefined;
  healthcheck: string | undefined;
  user: string | undefined;
};

/** Instructions with their continuation lines joined, comments and blank lines dropped. */
function instructions(text: string): string[] {
  const joined = text.replace(/\\\r?\n/g, " ");
  return joined
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** `KEY=value KEY2="value 2"` (or the legacy `KEY value`) into pairs. */
function parseEnvInstruction(args: string, into: Record<string, string>) {
  const pairs = [...args.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)];
  if (pairs.length === 0) {
    const [key, ...rest] = args.split(/\s+/);
    if (key) into[key] = rest.join(" ");
    return;
  }
  for (const [, key, raw] of pairs) {
    into[key!] = raw!.startsWith('"') ? (JSON.parse(raw!) as string) : raw!;
  }
}

/** Every stage of a Dockerfile, in order. */
export function parseDockerfile(text: string): DockerStage[] {
  const stages: DockerStage[] = [];
  for (const line of instructions(text)) {
    const [keyword = "", ...rest] = line.split(/\s+/);
    const args = line.slice(keyword.length).trim();
    const op = keyword.toUpperCase();
    if (op === "FROM") {
      const asIndex = rest.findIndex((word) => word.toUpperCase() === "AS");
      stages.push({
        name: asIndex >= 0 ? rest[asIndex + 1]! : String(stages.length),
        image: rest.find((word) => !word.startsWith("--"))!,
        workdir: "/",
        env: {},
        copiesFromStages: [],
        cmd: undefined,
        healthcheck: undefined,
        user: undefined,
      });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) continue; // ARG before the first FROM
    if (op === "WORKDIR") stage.workdir = path.posix.resolve(stage.workdir, args);
    if (op === "ENV") parseEnvInstruction(args, stage.env);
    if (op === "CMD")
      stage.cmd = args.startsWith("[") ? (JSON.parse(args) as string[]) : ["sh", "-c", args];
    if (op === "HEALTHCHECK") stage.healthcheck = args;
    if (op === "USER") stage.user = args;
    if (op === "COPY") {
      const from = rest.find((word) => word.startsWith("--from="))?.slice("--from=".length);
      const paths = rest.filter((word) => !word.startsWith("--"));
      if (from && paths.length >= 2) {
        stage.copiesFromStages.push({
          from,
          sources: paths.slice(0, -1),
          dest: path.posix.resolve(stage.workdir, paths.at(-1)!),
        });
      }
    }
  }
  return stages;
}

/** The Dockerfile at the project root, parsed; `runtime` is its last stage (the image). */
export function readDockerfile(root = process.cwd()) {
  const stages = parseDockerfile(readFileSync(path.join(root, "Dockerfile"), "utf8"));
  const runtime = stages.at(-1);
  if (!runtime) throw new Error("The Dockerfile has no stage");
  return { stages, runtime, stage: (name: string) => stages.find((s) => s.name === name) };
}

type ComposeService = {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  depends_on?: unknown;
  healthcheck?: unknown;
};

/** docker-compose.yml at the project root, as written (variables not interpolated). */
export function readCompose(root = process.cwd()): { services: Record<string, ComposeService> } {
  return parseYaml(readFileSync(path.join(root, "docker-compose.yml"), "utf8"));
}

/** A service's environment as name → raw value (both of compose's spellings). */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  const { environment } = service;
  if (!environment) return {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const [name, ...value] = entry.split("=");
        return [name!, value.join("=")];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([name, value]) => [name, value == null ? "" : String(value)]),
  );
}

/**
 * Compose's interpolation of `${NAME}`, `${NAME:-default}`, `${NAME-default}`, `${NAME:?err}`
 * and `$$`, with `given` as the environment compose would read; a required variable missing
 * from it throws, as `docker compose` does.
 */
export function interpolate(value: string, given: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (match, name?: string, colon?: string, kind?: string, arg?: string, bare?: string) => {
      if (match === "$$") return "$";
      const key = (name ?? bare)!;
      const current = given[key];
      const unset = current === undefined || (colon === ":" && current === "");
      if (kind === "-") return unset ? (arg ?? "") : current!;
      if (kind === "?" && unset) throw new Error(`${key}: ${arg || "required"}`);
      return current ?? "";
    },
  );
}

/** Names of the variables a compose value reads (`${NAME…}` / `$NAME`). */
export function variablesIn(value: string): string[] {
  return [...value.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)|\$([A-Za-z_][A-Za-z0-9_]*)/g)].map(
    (m) => (m[1] ?? m[2])!,
  );
}

/**
 * How the image starts the server, in its working directory: what e2e/standalone.spec.ts runs
 * and lib/deploy.test.ts holds the Dockerfile's CMD to.
 */
export const STANDALONE_COMMAND = ["node", "server.js"];
