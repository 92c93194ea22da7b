import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { expect } from "@playwright/test";
import { startReceiver } from "../../lib/testing/receiver";

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

/** The process's JSON log lines (lib/log.ts) of `area` whose message contains `text`. */
export function logged(app: AppProcess, area: string, text: string) {
  return app.lines.flatMap((line) => {
    try {
      const entry = JSON.parse(line) as { area?: string; msg?: string };
      return entry.area === area && entry.msg?.includes(text) ? [entry] : [];
    } catch {
      return []; // not a log line (npm start's own, Next's banner)
    }
  });
}

/** Asks a process that still runs to stop (SIGTERM to its group). */
export function stopApp({ child }: AppProcess) {
  if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
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

/** The template runSeed is given so that each delivery's body names only its chat. */
export const CHAT_TEMPLATE = '{"chat": {{chat.session_id}}}';

/**
 * A receiver on 127.0.0.1 (lib/testing/receiver.ts) for webhooks seeded with CHAT_TEMPLATE:
 * `onChat` gets each delivery's chat and answers it.
 */
export async function startChatReceiver(
  onChat: (chat: string, req: IncomingMessage, res: ServerResponse) => void,
) {
  const receiver = await startReceiver((request) => ({
    handle: (req, res) => onChat((JSON.parse(request.body) as { chat: string }).chat, req, res),
  }));
  return { url: `${receiver.url}/hook`, close: () => receiver.close() };
}
