import { execFile } from "node:child_process";
import { promisify } from "node:util";

// Runs `npm run seed` (scripts/seed.ts) against the database in `env` and returns what it
// made: an owner, an organization, webhooks to `url` and an API key. For the bench and the
// e2e tests that drive a server of their own.

export type Seeded = {
  organizationId: string;
  email: string;
  password: string;
  apiKey: string;
  webhooks: { id: string; name: string }[];
};

export async function runSeed(
  env: NodeJS.ProcessEnv,
  url: string,
  {
    live = true,
    webhooks = 1,
    template,
  }: { live?: boolean; webhooks?: number; template?: string } = {},
): Promise<Seeded> {
  const args = ["scripts/seed.ts", "--url", url, "--webhooks", String(webhooks)];
  if (live) args.push("--live");
  if (template) args.push("--template", template);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", ...args],
    { env, maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout.trim().split("\n").pop()!) as Seeded;
}
