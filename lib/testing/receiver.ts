import http from "node:http";
import net from "node:net";

// A webhook receiver for *.int.test.ts: a real HTTP server on 127.0.0.1 that records every
// request and answers each with the next programmed reply (or the default one), so a test can
// assert exactly what arrived over the wire.

/** One request as the receiver saw it. */
export type ReceivedRequest = {
  method: string;
  /** Path and query, as sent on the request line. */
  url: string;
  /** Lower-cased names; repeated headers joined by ", " (Node's IncomingHttpHeaders). */
  headers: http.IncomingHttpHeaders;
  /** Name/value pairs in arrival order, names as sent. */
  rawHeaders: [string, string][];
  body: string;
  /** When it arrived (Date.now()). */
  at: number;
  /** One header's value by case-insensitive name. */
  header(name: string): string | undefined;
};

/** How to answer one request. */
export type Reply =
  | {
      status?: number;
      headers?: Record<string, string | string[]>;
      body?: string;
      /** Wait this long before answering. */
      delayMs?: number;
    }
  /** Never answer (the connection stays open until the receiver closes). */
  | { hang: true }
  /** Full control, e.g. to stream a body. */
  | { handle: (req: http.IncomingMessage, res: http.ServerResponse) => void };

/** Chooses the reply to a request; `index` is its 0-based position among all requests. */
export type Responder = (request: ReceivedRequest, index: number) => Reply | Promise<Reply>;

export type Receiver = {
  /** http://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Every request received so far, in arrival order. */
  readonly requests: ReceivedRequest[];
  /** Queues replies for the next requests, in order; after them the default applies. */
  reply(...replies: Reply[]): void;
  /** Replaces the default reply (used once the queue is empty). */
  respondWith(responder: Responder | Reply): void;
  /** Resolves with the requests once at least n have arrived; rejects after timeoutMs. */
  waitForRequests(n: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  /** Drops open connections and stops listening. */
  close(): Promise<void>;
};

const OK: Reply = { status: 200, body: "ok" };

/** Starts a receiver; `respond` is the default reply (200 "ok" unless given). */
export async function startReceiver(respond: Responder | Reply = OK): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  let fallback: Responder = toResponder(respond);
  let waiters: { n: number; resolve: () => void }[] = [];

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const rawHeaders: [string, string][] = [];
      for (let i = 0; i < req.rawHeaders.length; i += 2) {
        rawHeaders.push([req.rawHeaders[i]!, req.rawHeaders[i + 1]!]);
      }
      const headers = req.headers;
      const seen: ReceivedRequest = {
        method: req.method ?? "",
        url: req.url ?? "",
        headers,
        rawHeaders,
        body: Buffer.concat(chunks).toString("utf8"),
        at: Date.now(),
        header: (name) => {
          const value = headers[name.toLowerCase()];
          return Array.isArray(value) ? value.join(", ") : value;
        },
      };
      const index = requests.push(seen) - 1;
      waiters = waiters.filter((w) => (requests.length >= w.n ? (w.resolve(), false) : true));
      const next = queue.shift();
      Promise.resolve(next ?? fallback(seen, index))
        .then((reply) => answer(reply, req, res))
        .catch(() => res.destroy());
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    reply: (...replies) => void queue.push(...replies),
    respondWith: (responder) => void (fallback = toResponder(responder)),
    waitForRequests(n, timeoutMs = 5_000) {
      if (requests.length >= n) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          reject(new Error(`receiver: ${requests.length} of ${n} requests after ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = {
          n,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests.slice());
          },
        };
        waiters.push(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function toResponder(respond: Responder | Reply): Responder {
  return typeof respond === "function" ? respond : () => respond;
}

function answer(reply: Reply, req: http.IncomingMessage, res: http.ServerResponse) {
  if ("hang" in reply) return;
  if ("handle" in reply) return reply.handle(req, res);
  const send = () => {
    if (res.destroyed) return;
    res.writeHead(reply.status ?? 200, reply.headers);
    res.end(reply.body ?? "");
  };
  if (reply.delayMs) setTimeout(send, reply.delayMs);
  else send();
}

/** A port on 127.0.0.1 where nothing listens (it was free a moment ago). */
export async function unusedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
