import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { curlCommand, shellQuote, type CurlRequest } from "@/lib/delivery/curl";

// The command is run for real: `sh -c` → curl → a local node:http server that records
// exactly what arrived.

type Received = { method: string; url: string; headers: [string, string][]; body: Buffer };

let server: Server;
let base: string;
const received: Received[] = [];

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const headers: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        headers.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      }
      received.push({ method: req.method!, url: req.url!, headers, body: Buffer.concat(chunks) });
      res.end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Runs the command through sh and returns the one request the server received. */
async function send(request: CurlRequest): Promise<Received> {
  received.length = 0;
  const command = curlCommand(request);
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    const child = spawn("sh", ["-c", command], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stderr }));
  });
  expect(result.code, result.stderr).toBe(0);
  expect(received).toHaveLength(1);
  return received[0]!;
}

/** What arrived, minus the transport headers curl must add (Host, Content-Length). */
function sentHeaders(r: Received): [string, string][] {
  return r.headers.filter(([name]) => !/^(host|content-length)$/i.test(name));
}

const canary = path.join(os.tmpdir(), `curl-canary-${process.pid}`);

describe("curlCommand", () => {
  it("quotes shell words so that nothing inside is expanded", () => {
    expect(shellQuote("POST")).toBe("POST");
    expect(shellQuote("it's $(x) `y`")).toBe(`'it'\\''s $(x) \`y\`'`);
    expect(shellQuote("")).toBe("''");
  });

  it("reproduces a POST with a hostile body byte for byte: quotes, newlines, $(...), backticks, unicode", async () => {
    const body = JSON.stringify({
      text: `It's "quoted" \\ back\\slash\n$(touch ${canary}) \`touch ${canary}\` $HOME !! \t tab`,
      crlf: "line1\r\nline2",
      unicode: "Zoë 👋 日本語 — ✓",
    });
    const request: CurlRequest = {
      method: "POST",
      // As buildRequest passes it: normalised by URL, so the quote and $( ) are in the query.
      url: new URL(`${base}/hooks/chat?x=1&y=it's $(id)`).toString(),
      headers: [
        ["Content-Type", "application/json; charset=utf-8"],
        ["User-Agent", "ChatWebhooks/0.1.0"],
        ["X-Quote", `it's "$(whoami)" \`id\``],
        ["webhook-id", "msg_123"],
        ["webhook-signature", "v1,abc+/= v1,def+/="],
      ],
      body: `${body}\n\n`,
    };
    const r = await send(request);
    expect(r.method).toBe("POST");
    expect(r.url).toBe("/hooks/chat?x=1&y=it%27s%20$(id)");
    expect(sentHeaders(r)).toEqual(request.headers);
    expect(r.body.equals(Buffer.from(request.body!, "utf8"))).toBe(true);
    expect(existsSync(canary)).toBe(false);
  });

  it("sends a body that starts with @ as text, not as a file to read", async () => {
    const request: CurlRequest = {
      method: "PUT",
      url: `${base}/x`,
      headers: [["Content-Type", "text/plain"]],
      body: "@/etc/passwd",
    };
    const r = await send(request);
    expect(r.method).toBe("PUT");
    expect(r.body.toString("utf8")).toBe("@/etc/passwd");
  });

  it("reproduces a GET without body: brackets in the URL, an empty header, no headers curl would add", async () => {
    const request: CurlRequest = {
      method: "GET",
      url: `${base}/q?chat[id]=42&tags={a,b}&name=Zo%C3%AB`,
      headers: [
        ["User-Agent", "ChatWebhooks/0.1.0"],
        ["X-Empty", ""],
      ],
      body: null,
    };
    const r = await send(request);
    expect(r.method).toBe("GET");
    expect(r.url).toBe("/q?chat[id]=42&tags={a,b}&name=Zo%C3%AB");
    expect(sentHeaders(r)).toEqual(request.headers);
    expect(r.body.length).toBe(0);
  });

  it("adds no Content-Type of its own when the request has a body but none", async () => {
    const request: CurlRequest = {
      method: "DELETE",
      url: `${base}/d`,
      headers: [["User-Agent", "ChatWebhooks/0.1.0"]],
      body: "a=1&b=2",
    };
    const r = await send(request);
    expect(r.method).toBe("DELETE");
    expect(sentHeaders(r)).toEqual(request.headers);
    expect(r.body.toString("utf8")).toBe("a=1&b=2");
  });
});
