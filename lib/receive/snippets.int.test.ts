import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateSigningSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { attemptDelivery } from "@/lib/delivery/attempt";
import { closeOutboundAgents } from "@/lib/outbound/guarded-send";
import { signatureHeader } from "@/lib/delivery/sign";
import { receiverSnippet } from "@/lib/receive/snippets";
import { resetDatabase } from "@/lib/testing/db";
import { createTestOwner, createTestWebhook, ingestTestEvent } from "@/lib/testing/fixtures";
import { unusedPort } from "@/lib/testing/receiver";
import { waitFor } from "@/lib/testing/wait-for";

// The receiver code the "How to receive" panel hands out, run as a developer would run it:
// the Node.js snippet under `node`, the PHP one under PHP's built-in server. Each gets a real
// Live webhook and a real delivery, then forged requests sent straight to it.

const MINUTE = 60 * 1000;

/** A snippet running in a child process on 127.0.0.1:port; its stdout and stderr together. */
type RunningSnippet = { url: string; output: () => string; stop: () => Promise<void> };

const RUNNERS = {
  node: { file: "receiver.mjs", command: (file: string) => ["node", [file]] as const },
  php: {
    file: "webhook.php",
    command: (file: string, port: number) => ["php", ["-S", `127.0.0.1:${port}`, file]] as const,
  },
};
type Language = keyof typeof RUNNERS;

/** Resolves true once something accepts TCP connections on the port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

async function startSnippet(language: Language, secret: string, port: number) {
  const dir = await mkdtemp(path.join(tmpdir(), `receiver-${language}-`));
  const runner = RUNNERS[language];
  const file = path.join(dir, runner.file);
  await writeFile(file, receiverSnippet(language, { path: "/webhooks" }));
  const [command, args] = runner.command(file, port);
  const child: ChildProcess = spawn(command, args, {
    cwd: dir,
    env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  await waitFor(
    async () => {
      if (child.exitCode !== null) throw new Error(`${command} exited:\n${output}`);
      return accepts(port);
    },
    { timeoutMs: 10_000, message: `the ${language} snippet listening on ${port}` },
  );
  const running: RunningSnippet = {
    url: `http://127.0.0.1:${port}/webhooks`,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
  return running;
}

/** Standard Webhooks headers for `body`, signed as a delivery would be (or as told). */
function signedHeaders(
  body: string,
  secret: string,
  { at = new Date(), id = `msg_direct_${Date.now()}`, signature = "" } = {},
): Record<string, string> {
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signature || signatureHeader({ secret }, id, at, body, at),
    "x-webhook-event": "chat.closed",
    "x-webhook-attempt": "1",
  };
}

async function post(url: string, body: string, headers: Record<string, string>) {
  const response = await fetch(url, { method: "POST", body, headers });
  await response.arrayBuffer();
  return response.status;
}

beforeAll(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await resetDatabase();
  await closeOutboundAgents();
  await db.$disconnect();
});

describe.each(Object.keys(RUNNERS) as Language[])("the %s receiver snippet", (language) => {
  let server: RunningSnippet;
  let secret: string;
  let orgId: string;
  let webhookId: string;
  const body = JSON.stringify({ session: "CS-1", note: "ünïcode ✓" });

  beforeAll(async () => {
    const owner = await createTestOwner();
    orgId = owner.org.id;
    const port = await unusedPort();
    const webhook = await createTestWebhook(owner.actor, {
      url: `http://127.0.0.1:${port}/webhooks`,
      testMode: false,
    });
    webhookId = webhook.id;
    secret = webhook.signingSecret;
    server = await startSnippet(language, secret, port);
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("verifies a real delivery: attemptDelivery succeeds and the snippet logs the event", async () => {
    const { deliveries } = await ingestTestEvent(orgId, { webhookId });
    expect(deliveries).toHaveLength(1);
    const deliveryId = deliveries[0]!.id;

    expect(await attemptDelivery(deliveryId)).toEqual({ status: "succeeded", attempt: 1 });
    const attempt = await db.deliveryAttempt.findFirstOrThrow({ where: { deliveryId } });
    expect(attempt.responseStatus).toBe(204);
    // webhook-id is the delivery id: the line proves this very request passed verification.
    await waitFor(
      () => server.output().includes(`verified chat.closed attempt 1 id ${deliveryId}`),
      {
        message: `the ${language} snippet's log line`,
      },
    );
  });

  it("accepts a correctly signed request sent directly", async () => {
    const id = `msg_ok_${language}`;
    expect(await post(server.url, body, signedHeaders(body, secret, { id }))).toBe(204);
    await waitFor(() => server.output().includes(`id ${id}`), { message: "the log line" });
  });

  it("answers 401 to a tampered body", async () => {
    const headers = signedHeaders(body, secret);
    expect(await post(server.url, body.replace("CS-1", "CS-2"), headers)).toBe(401);
  });

  it("answers 401 to a signature made with another secret, or a malformed one", async () => {
    const other = signedHeaders(body, generateSigningSecret());
    expect(await post(server.url, body, other)).toBe(401);
    const good = signedHeaders(body, secret);
    const noVersion = good["webhook-signature"]!.slice("v1,".length);
    expect(await post(server.url, body, { ...good, "webhook-signature": noVersion })).toBe(401);
    expect(await post(server.url, body, { ...good, "webhook-signature": "v1,short" })).toBe(401);
  });

  it("answers 401 when the id or timestamp differs from what was signed", async () => {
    const good = signedHeaders(body, secret, { id: "msg_signed" });
    expect(await post(server.url, body, { ...good, "webhook-id": "msg_other" })).toBe(401);
    const later = String(Number(good["webhook-timestamp"]) + 1);
    expect(await post(server.url, body, { ...good, "webhook-timestamp": later })).toBe(401);
  });

  it("answers 401 when a signature header is missing", async () => {
    for (const name of ["webhook-id", "webhook-timestamp", "webhook-signature"]) {
      const headers = signedHeaders(body, secret);
      delete headers[name];
      expect(await post(server.url, body, headers), `without ${name}`).toBe(401);
    }
  });

  it("answers 401 to a timestamp more than 5 minutes from now, and accepts one 4 minutes off", async () => {
    const now = Date.now();
    const stale = signedHeaders(body, secret, { at: new Date(now - 6 * MINUTE) });
    const future = signedHeaders(body, secret, { at: new Date(now + 6 * MINUTE) });
    const recent = signedHeaders(body, secret, { at: new Date(now - 4 * MINUTE) });
    expect(await post(server.url, body, stale)).toBe(401);
    expect(await post(server.url, body, future)).toBe(401);
    expect(await post(server.url, body, recent)).toBe(204);
  });

  it("accepts when any v1 entry matches, as during the 24 h after a rotation", async () => {
    const at = new Date();
    const ours = signatureHeader({ secret }, "msg_rotated", at, body, at);
    const theirs = signatureHeader(
      { secret: generateSigningSecret() },
      "msg_rotated",
      at,
      body,
      at,
    );
    // What signatureHeader sends after a rotation when this receiver still holds the previous
    // secret (its entry last), and the other way round (its entry first).
    for (const signature of [`${theirs} ${ours}`, `${ours} ${theirs}`]) {
      const headers = signedHeaders(body, secret, { at, id: "msg_rotated", signature });
      expect(await post(server.url, body, headers), signature).toBe(204);
    }
    expect(
      await post(
        server.url,
        body,
        signedHeaders(body, secret, { at, id: "msg_rotated", signature: `${theirs} ${theirs}` }),
      ),
    ).toBe(401);
  });
});
