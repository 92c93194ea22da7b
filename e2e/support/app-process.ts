import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect } from "@playwright/test";

// Another app process beside the e2e server (the README's start command, scripts/start.ts),
// for the specs that kill, stop or starve one: its output goes to the run's log, each line
// marked with `label`, so that what it did is on record.

export type AppProcess = {
  child: ChildProcess;
  /** Every line it printed so far. */
  lines: string[];
};

export function startApp(env: NodeJS.ProcessEnv, label: string): AppProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  for (const stream of [child.stdout!, child.stderr!]) {
    stream.setEncoding("utf8");
    stream.on("data", (text: string) => {
      for (const line of text.split("\n")) {
        if (!line.trim()) continue;
        lines.push(line);
        console.log(`[${label}] ${line}`);
      }
    });
  }
  return { child, lines };
}

/** Waits until `base`'s /api/health answers 200. */
export async function waitForHealth(base: string, timeout = 120_000) {
  await expect
    .poll(async () => (await fetch(`${base}/api/health`).catch(() => null))?.status, {
      timeout,
      intervals: [250],
    })
    .toBe(200);
}

/** Adds the secrets a process generated in `dataDir` to `env`, for a second process to share. */
export function loadSecrets(env: NodeJS.ProcessEnv, dataDir: string) {
  for (const line of readFileSync(`${dataDir}/secrets.env`, "utf8").split("\n")) {
    const m = /^([A-Z_]+)=(.*)$/.exec(line);
    if (m) env[m[1]!] = m[2];
  }
}

/** Posts one Chat Closed event, id `id`, for chat `chat`, to `base`'s ingest API. */
export function postChatClosed(base: string, apiKey: string, id: string, chat: string) {
  return fetch(`${base}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    body: JSON.stringify({ id, type: "chat.closed", data: { chat: { session_id: chat } } }),
    signal: AbortSignal.timeout(30_000),
  });
}
