import { execFile } from "node:child_process";
import dns from "node:dns";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Agent, request as undiciRequest } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkUrlTarget, closeOutboundAgents, guardedSend, type SendResult } from "./guarded-send";

// Real receivers on 127.0.0.1 (and 127.0.0.2 for the rebinding case); nothing leaves the machine.

const LOOPBACK = ["127.0.0.0/8"];
const post = (url: string, headers: [string, string][] = [], body: string | null = null) => ({
  method: "POST",
  url,
  headers,
  body,
});

type Seen = {
  method: string;
  url: string;
  rawHeaders: string[];
  body: string;
  localAddress: string;
};

type Receiver = {
  port: number;
  url: string;
  requests: Seen[];
  connections: number;
  server: net.Server;
};

const opened: net.Server[] = [];

async function listen<S extends net.Server>(server: S, port = 0, host = "127.0.0.1") {
  opened.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return (server.address() as net.AddressInfo).port;
}

/** An HTTP receiver that records what arrives and answers with `respond`. */
async function receiver(
  respond: (req: http.IncomingMessage, res: http.ServerResponse) => void = (_, res) =>
    res.end("ok"),
  host = "127.0.0.1",
  port = 0,
): Promise<Receiver> {
  const state = { requests: [] as Seen[], connections: 0 };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      state.requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks).toString("utf8"),
        localAddress: req.socket.localAddress ?? "",
      });
      respond(req, res);
    });
  });
  server.on("connection", () => state.connections++);
  const bound = await listen(server, port, host);
  return {
    port: bound,
    url: `http://${host}:${bound}`,
    server,
    get requests() {
      return state.requests;
    },
    get connections() {
      return state.connections;
    },
  };
}

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await new Promise<number>((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectError(result: SendResult, errorClass: string, message?: RegExp) {
  expect(result).toMatchObject({ kind: "error", errorClass });
  if (message && result.kind === "error") expect(result.message).toMatch(message);
}

afterEach(async () => {
  await Promise.all(
    opened.splice(0).map(
      (server) =>
        new Promise((resolve) => {
          (server as http.Server).closeAllConnections?.();
          server.close(resolve);
        }),
    ),
  );
});

afterAll(async () => {
  await closeOutboundAgents();
});

describe("guardedSend delivers", () => {
  it("returns status, headers and body, and the request arrives exactly as given", async () => {
    const r = await receiver((_, res) => {
      res.setHeader("X-Receiver", "yes");
      res.setHeader("Set-Cookie", ["a=1", "b=2"]);
      res.writeHead(201).end("créé ✓");
    });
    const headers: [string, string][] = [
      ["Content-Type", "application/json"],
      ["X-Custom", "one"],
      ["X-Custom", "two"],
      ["webhook-id", "msg_1"],
    ];
    const body = JSON.stringify({ hello: "wörld" });
    const result = await guardedSend(
      { method: "PUT", url: `${r.url}/hook?x=1`, headers, body },
      { timeoutMs: 5000, allowCidrs: LOOPBACK },
    );

    expect(result).toMatchObject({
      kind: "response",
      status: 201,
      body: "créé ✓",
      truncated: false,
    });
    if (result.kind !== "response") return;
    expect(result.headers).toContainEqual(["x-receiver", "yes"]);
    expect(result.headers).toContainEqual(["set-cookie", "a=1"]);
    expect(result.headers).toContainEqual(["set-cookie", "b=2"]);
    expect(result.durationMs).toBeGreaterThanOrEqual(0);

    const [seen] = r.requests;
    expect(seen).toMatchObject({ method: "PUT", url: "/hook?x=1", body });
    // Only what undici must add (Host, Connection, Content-Length) besides the given headers,
    // in the given order; no User-Agent of its own.
    const pairs: [string, string][] = [];
    for (let i = 0; i < seen!.rawHeaders.length; i += 2) {
      pairs.push([seen!.rawHeaders[i]!, seen!.rawHeaders[i + 1]!]);
    }
    const added = ["host", "connection", "content-length"];
    expect(pairs.filter(([name]) => !added.includes(name.toLowerCase()))).toEqual(headers);
    expect(pairs).toContainEqual(["content-length", String(Buffer.byteLength(body))]);
    expect(pairs.some(([name]) => name.toLowerCase() === "user-agent")).toBe(false);
  });

  it("sends each verb as given, without a body when there is none", async () => {
    const r = await receiver((_, res) => res.writeHead(204).end());
    for (const method of ["GET", "DELETE", "PATCH", "POST"]) {
      const result = await guardedSend(
        { method, url: r.url, headers: [], body: method === "PATCH" ? "a=1" : null },
        { timeoutMs: 5000, allowCidrs: LOOPBACK },
      );
      expect(result).toMatchObject({ kind: "response", status: 204, body: "" });
    }
    expect(r.requests.map((s) => [s.method, s.body])).toEqual([
      ["GET", ""],
      ["DELETE", ""],
      ["PATCH", "a=1"],
      ["POST", ""],
    ]);
  });

  it("turns user:password in the URL into a Basic Authorization header", async () => {
    const r = await receiver();
    await guardedSend(post(`http://us%40er:p%3Ass@127.0.0.1:${r.port}/x`), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    const [seen] = r.requests;
    const auth = seen!.rawHeaders[seen!.rawHeaders.indexOf("Authorization") + 1];
    expect(Buffer.from(auth!.replace(/^Basic /, ""), "base64").toString()).toBe("us@er:p:ss");
    expect(seen!.url).toBe("/x");
  });

  it("reuses the connection for the next request to the same receiver", async () => {
    const r = await receiver();
    for (let i = 0; i < 3; i++) {
      await guardedSend(post(r.url), { timeoutMs: 5000, allowCidrs: LOOPBACK });
      // undici frees the socket a moment after the body ends; a request sent in that same
      // instant opens a second connection, so leave the pool that moment.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(r.requests).toHaveLength(3);
    expect(r.connections).toBe(1);
  });
});

describe("guardedSend does not follow redirects", () => {
  it("returns the 3xx; the redirect target receives nothing", async () => {
    const target = await receiver();
    const r = await receiver((_, res) =>
      res.writeHead(302, { Location: `${target.url}/elsewhere` }).end("moved"),
    );
    const result = await guardedSend(post(r.url, [], "{}"), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expect(result).toMatchObject({ kind: "response", status: 302, body: "moved" });
    if (result.kind === "response") {
      expect(result.headers).toContainEqual(["location", `${target.url}/elsewhere`]);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(target.connections).toBe(0);
  });
});

describe("guardedSend limits", () => {
  it("times out on a receiver that accepts but never answers, in about timeoutMs", async () => {
    const r = await receiver(() => {}); // reads the request, never responds
    const result = await guardedSend(post(r.url, [], "{}"), {
      timeoutMs: 300,
      allowCidrs: LOOPBACK,
    });
    expectError(result, "timeout", /no response from 127\.0\.0\.1 within 300 ms/);
    expect(result.durationMs).toBeGreaterThanOrEqual(280);
    expect(result.durationMs).toBeLessThan(1500);
    expect(r.requests).toHaveLength(1);
  });

  it("times out on a receiver that sends headers but never finishes the body", async () => {
    const r = await receiver((_, res) => {
      res.writeHead(200, { "Content-Type": "text/plain" });
      res.write("partial");
    });
    const result = await guardedSend(post(r.url), { timeoutMs: 300, allowCidrs: LOOPBACK });
    expectError(result, "timeout", /sent status 200 but did not finish its response body/);
    expect(result.durationMs).toBeLessThan(1500);
  });

  it("reads at most maxResponseBytes of a 50 MB response and drops the connection", async () => {
    const total = 50 * 1024 * 1024;
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    let closed!: () => void;
    const serverSocketClosed = new Promise<void>((resolve) => (closed = resolve));
    const r = await receiver((req, res) => {
      res.writeHead(200, { "Content-Type": "text/plain", "Content-Length": String(total) });
      req.socket.on("close", closed);
      const pump = () => {
        while (sent < total && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", pump);
        }
        res.end();
      };
      pump();
    });
    const memory = () => process.memoryUsage();
    const before = memory();

    const result = await guardedSend(post(r.url), { timeoutMs: 10_000, allowCidrs: LOOPBACK });

    const after = memory();
    expect(result).toMatchObject({ kind: "response", status: 200, truncated: true });
    if (result.kind !== "response") return;
    expect(Buffer.byteLength(result.body)).toBeLessThanOrEqual(20_480);
    expect(result.body).toBe("x".repeat(20_480));
    await serverSocketClosed; // the socket was destroyed, not drained
    expect(sent).toBeLessThan(total);
    const growth = after.heapUsed + after.arrayBuffers - (before.heapUsed + before.arrayBuffers);
    expect(growth).toBeLessThan(20 * 1024 * 1024);
  });

  it("cuts at a character boundary instead of leaving half a character", async () => {
    const r = await receiver((_, res) => res.end("é".repeat(100))); // 2 bytes each
    const result = await guardedSend(post(r.url), {
      timeoutMs: 5000,
      maxResponseBytes: 5,
      allowCidrs: LOOPBACK,
    });
    expect(result).toMatchObject({ kind: "response", body: "éé", truncated: true });
  });
});

describe("guardedSend classifies network failures", () => {
  it("connect: nothing listening", async () => {
    const port = await closedPort();
    const result = await guardedSend(post(`http://127.0.0.1:${port}/`), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expectError(
      result,
      "connect",
      new RegExp(`^connection refused: nothing is listening on port ${port} of 127\\.0\\.0\\.1$`),
    );
  });

  it("connect: the receiver drops the connection without answering", async () => {
    const server = net.createServer((socket) => socket.once("data", () => socket.destroy()));
    const port = await listen(server);
    const result = await guardedSend(post(`http://127.0.0.1:${port}/`), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expectError(result, "connect", /closed the connection|connection reset/);
  });

  it("dns: a host that does not exist", async () => {
    const result = await guardedSend(post("http://nonexistent.invalid/"), { timeoutMs: 5000 });
    expectError(result, "dns", /nonexistent\.invalid/);
  });

  it("tls: https to a plain-HTTP port", async () => {
    const r = await receiver();
    const result = await guardedSend(post(`https://127.0.0.1:${r.port}/`), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expectError(result, "tls", /did not answer in TLS/);
  });

  describe("with a self-signed certificate", () => {
    let dir = "";
    let tls: { key: Buffer; cert: Buffer };

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), "guarded-send-"));
      // Debian's openssl makes the test's own certificate (.ci/run installs it when missing).
      await promisify(execFile)("openssl", [
        ...["req", "-x509", "-nodes", "-days", "1", "-subj", "/CN=localhost"],
        ...["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
        ...["-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      ]);
      tls = {
        key: await readFile(path.join(dir, "key.pem")),
        cert: await readFile(path.join(dir, "cert.pem")),
      };
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("tls: refuses the certificate, with SNI naming the URL's host, not the pinned address", async () => {
      const servernames: string[] = [];
      const server = https.createServer({
        ...tls,
        SNICallback: (name, cb) => {
          servernames.push(name);
          cb(null, null as never);
        },
      });
      let requests = 0;
      server.on("request", () => requests++);
      const port = await listen(server);

      const result = await guardedSend(post(`https://localhost:${port}/`), {
        timeoutMs: 5000,
        allowCidrs: LOOPBACK,
      });
      expectError(
        result,
        "tls",
        /TLS certificate problem: localhost \(127\.0\.0\.1\) presents a self-signed/,
      );
      expect(servernames).toEqual(["localhost"]);
      expect(requests).toBe(0);
    });
  });
});

describe("guardedSend blocks internal targets before connecting", () => {
  it("an IP literal on loopback, without an allow-list", async () => {
    const r = await receiver();
    const result = await guardedSend(post(r.url), { timeoutMs: 5000 });
    expectError(
      result,
      "blocked",
      /^blocked: 127\.0\.0\.1 is a loopback address \(this server itself\)\./,
    );
    expect(r.connections).toBe(0);
  });

  it("a host name that resolves to loopback, naming the host and the address", async () => {
    const r = await receiver();
    const result = await guardedSend(post(`http://localhost:${r.port}/`), { timeoutMs: 5000 });
    expectError(
      result,
      "blocked",
      /localhost resolves to 127\.0\.0\.1, and 127\.0\.0\.1 is a loopback/,
    );
    expect(r.connections).toBe(0);
  });

  it("the same host name is delivered when the allow-list opens loopback", async () => {
    const r = await receiver();
    const result = await guardedSend(post(`http://localhost:${r.port}/`), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expect(result).toMatchObject({ kind: "response", status: 200, body: "ok" });
    expect(r.requests[0]?.rawHeaders).toContain(`localhost:${r.port}`); // Host keeps the name
  });

  it.each([
    ["http://169.254.169.254/latest/meta-data/", /cloud metadata address/],
    ["http://[::1]:8080/", /IPv6 loopback/],
    ["http://[::ffff:127.0.0.1]/", /IPv4-mapped IPv6 address for 127\.0\.0\.1/],
    ["http://2130706433/", /127\.0\.0\.1 is a loopback/], // the URL parser normalises it
    ["http://0.0.0.0/", /this network/],
    ["http://10.1.2.3/", /private network/],
    ["ftp://example.com/", /only http:\/\/ and https:\/\/ URLs/],
    ["file:///etc/passwd", /only http:\/\/ and https:\/\/ URLs/],
    ["not a url", /is not a valid URL/],
  ])("%s", async (url, message) => {
    expectError(await guardedSend(post(url), { timeoutMs: 5000 }), "blocked", message);
  });

  it("a malformed request is refused as blocked without reaching the receiver", async () => {
    const r = await receiver();
    const result = await guardedSend(post(r.url, [["Transfer-Encoding", "chunked"]], "x"), {
      timeoutMs: 5000,
      allowCidrs: LOOPBACK,
    });
    expectError(result, "blocked", /not sent because it is malformed/);
    expect(r.requests).toHaveLength(0);
  });
});

describe("guardedSend pins the connection to the checked address", () => {
  it("ignores a DNS answer that changes between the check and the connect (rebinding)", async () => {
    // Receiver A on 127.0.0.1 is what the check sees; receiver B on 127.0.0.2, same port, is
    // what a second lookup would now answer. dns.lookup (used by net.connect) is swapped for a
    // "rebound" resolver for the length of this test; dns.promises.lookup (the check) is not.
    const a = await receiver((_, res) => res.end("A"));
    const b = await receiver((_, res) => res.end("B"), "127.0.0.2", a.port);
    const original = dns.lookup;
    const rebound = ((_host: string, options: unknown, callback: unknown) => {
      const cb = (typeof options === "function" ? options : callback) as (
        ...args: unknown[]
      ) => void;
      const all = typeof options === "object" && (options as { all?: boolean }).all;
      if (all) cb(null, [{ address: "127.0.0.2", family: 4 }]);
      else cb(null, "127.0.0.2", 4);
    }) as typeof dns.lookup;
    dns.lookup = rebound;
    const unpinned = new Agent();
    try {
      // Control: an ordinary client follows the rebound answer to B.
      const control = await undiciRequest(`http://localhost:${a.port}/`, { dispatcher: unpinned });
      expect(await control.body.text()).toBe("B");

      const result = await guardedSend(post(`http://localhost:${a.port}/`), {
        timeoutMs: 5000,
        allowCidrs: LOOPBACK,
      });
      expect(result).toMatchObject({ kind: "response", body: "A" });
      expect(a.requests).toHaveLength(1);
      expect(a.requests[0]?.localAddress).toBe("127.0.0.1");
      expect(b.requests).toHaveLength(1); // the control's request only
    } finally {
      dns.lookup = original;
      await unpinned.close();
    }
  });
});

describe("checkUrlTarget", () => {
  it("reports what the guard would do, without connecting", async () => {
    expect(await checkUrlTarget("http://localhost/", [])).toMatchObject({
      ok: false,
      errorClass: "blocked",
      message: expect.stringMatching(/localhost resolves to 127\.0\.0\.1/),
    });
    expect(await checkUrlTarget("https://localhost/", LOOPBACK)).toEqual({
      ok: true,
      addresses: ["127.0.0.1"],
    });
    expect(await checkUrlTarget("http://8.8.8.8/hook", [])).toEqual({
      ok: true,
      addresses: ["8.8.8.8"],
    });
    expect(await checkUrlTarget("http://nonexistent.invalid/", [])).toMatchObject({
      ok: false,
      errorClass: "dns",
    });
    expect(await checkUrlTarget("gopher://example.com/", [])).toMatchObject({
      ok: false,
      errorClass: "blocked",
    });
  });
});
