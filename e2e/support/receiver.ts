import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { expect } from "@playwright/test";

export type Received = { method: string; url: string; headers: IncomingHttpHeaders; body: string };

/**
 * A local HTTP receiver that records every request and answers with `status` — or, given a
 * list, with one status per request in turn, the last repeated.
 */
export async function startReceiver(status: number | number[] = 200) {
  const statuses = Array.isArray(status) ? status : [status];
  const requests: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      });
      const code = statuses[Math.min(requests.length - 1, statuses.length - 1)]!;
      res.writeHead(code, { "content-type": "text/plain" }).end(code < 300 ? "ok" : "down");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/chat`,
    requests,
    /** Waits until at least n requests arrived. */
    async waitForRequests(n: number) {
      await expect.poll(() => requests.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(n);
      return requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
