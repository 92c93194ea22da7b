import http from "node:http";
import { createApiKey, expect, signIn, test } from "./support/fixtures";

// The ingest API's size limit over real HTTP, as a client streaming a chunked upload meets it:
// the 413 and its JSON must arrive every time, never a connection reset mid-upload.

type Outcome = { status: number; body: string } | { error: string };

/** POSTs `total` bytes of JSON-ish text in 64 KiB chunks, without a Content-Length. */
function chunkedUpload(baseURL: string, apiKey: string, total: number): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request(`${baseURL}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" },
    });
    req.on("response", (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode!, body }));
      res.on("error", (error) => resolve({ error: error.message }));
    });
    req.on("error", (error) => resolve({ error: error.message }));
    const chunk = Buffer.alloc(64 * 1024, "x");
    let sent = 0;
    const write = () => {
      while (sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", write);
      }
      req.end();
    };
    write();
  });
}

test("a chunked upload over 256 KiB gets the 413 JSON every time, not a reset", async ({
  page,
  owner,
  baseURL,
}) => {
  await signIn(page, owner);
  const apiKey = await createApiKey(page, "Uploads");
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 10; i++) outcomes.push(await chunkedUpload(baseURL!, apiKey, 1024 * 1024));
  expect(outcomes).toEqual(
    Array.from({ length: 10 }, () => ({
      status: 413,
      body: JSON.stringify({ error: "The body is larger than 256 KiB." }),
    })),
  );
});
