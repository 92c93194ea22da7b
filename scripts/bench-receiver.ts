// The bench's receiver, in its own process so that it does not share an event loop with the
// load generator (as a peer's bench runs them). Answers 200 at once (but /hang, 10 s later), keeps when each delivery
// of each chat arrived (epoch ms, comparable across processes), and answers the bench's
// questions over IPC: { ask: "count" } and { ask: "hits", chats }.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const hits = new Map<string, number[]>();
let count = 0;
const now = () => performance.timeOrigin + performance.now();

/** How long /hang keeps a delivery waiting: a receiver that hangs. */
const HANG_MS = 10_000;

const server = createServer((req, res) => {
  if (req.url?.startsWith("/hang")) {
    req.resume();
    const timer = setTimeout(() => res.end("late"), HANG_MS);
    res.on("close", () => clearTimeout(timer));
    return;
  }
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    const at = now();
    count++;
    try {
      const chat = (JSON.parse(Buffer.concat(chunks).toString()) as { chat?: unknown }).chat;
      if (typeof chat === "string") hits.set(chat, [...(hits.get(chat) ?? []), at]);
    } catch {
      // the ceiling's requests are not deliveries
    }
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () =>
  process.send!({ port: (server.address() as AddressInfo).port }),
);

type Question = { id: number; ask: "count" } | { id: number; ask: "hits"; chats: string[] };
process.on("message", (q: Question) => {
  if (q.ask === "count") process.send!({ id: q.id, count });
  else process.send!({ id: q.id, hits: q.chats.map((c) => hits.get(c) ?? []) });
});
process.on("disconnect", () => process.exit(0));
