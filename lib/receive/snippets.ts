// Receiver code a developer copies from a webhook's "How to receive" panel: reads the raw body,
// verifies our Standard Webhooks signature (lib/delivery/sign.ts), answers 401 or 204, then
// parses the JSON. Pure strings, so client components can import it. The Node.js and PHP
// snippets are run against real deliveries in snippets.int.test.ts.

/** The headers every delivery carries (lib/payload/request.ts adds them). */
export const RECEIVER_HEADERS = {
  id: "webhook-id",
  timestamp: "webhook-timestamp",
  signature: "webhook-signature",
  event: "X-Webhook-Event",
  attempt: "X-Webhook-Attempt",
} as const;

/** The languages the panel offers, in tab order, with the file name each snippet belongs in. */
export const RECEIVER_LANGUAGES = [
  { id: "php", label: "PHP", fileName: "webhook.php" },
  { id: "csharp", label: "C#", fileName: "Program.cs" },
  { id: "vbnet", label: "VB.NET", fileName: "Program.vb" },
  { id: "node", label: "Node.js", fileName: "receiver.mjs" },
  { id: "python", label: "Python", fileName: "receiver.py" },
] as const;

export type ReceiverLanguage = (typeof RECEIVER_LANGUAGES)[number]["id"];

export type ReceiverSnippetOptions = {
  /** The path the receiver serves (the webhook URL's path); "/webhooks" by default. */
  path?: string;
};

export const DEFAULT_RECEIVER_PATH = "/webhooks";

// The path is pasted inside string literals: accept only plain URL path characters (no quotes,
// backslashes or braces), so no value can break or inject into the generated code.
const SAFE_PATH = /^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/;

const H = RECEIVER_HEADERS;
const SECRET_COMMENT = "whsec_… — shown once when you created the webhook";
const HEADLINE =
  "Webhook receiver: verifies each delivery's signature (Standard Webhooks), then parses the JSON.";
const VERIFY_FIRST =
  "Read the RAW body: the signature covers these exact bytes. Verify, then parse.";
const EVERY_ENTRY =
  'Space-separated "v1,<base64>" entries (two for 24 h after a secret rotation): check each.';
const EVENT_HEADERS = [
  `Verified. ${H.event} is the event type key (e.g. chat.closed); ${H.attempt} is`,
  `1, then 2, 3, … on retries. ${H.id} stays the same across retries: use it to skip`,
  "a delivery you have already handled.",
];

/** The receiver code for one language. */
export function receiverSnippet(
  language: ReceiverLanguage,
  options: ReceiverSnippetOptions = {},
): string {
  const path = options.path && SAFE_PATH.test(options.path) ? options.path : DEFAULT_RECEIVER_PATH;
  return SNIPPETS[language](path);
}

const comment = (prefix: string, lines: string[], indent = "") =>
  lines.map((line) => `${indent}${prefix} ${line}`).join("\n");

const SNIPPETS: Record<ReceiverLanguage, (path: string) => string> = {
  php: (path) => `<?php
// ${HEADLINE}
// PHP 8+. Serve this file at ${path}, or try it locally:
//   WEBHOOK_SECRET=whsec_… php -S 127.0.0.1:8000 webhook.php

// ${SECRET_COMMENT}.
// (PHP-FPM clears the environment: set env[WEBHOOK_SECRET] in the pool configuration.)
$secret = getenv('WEBHOOK_SECRET') ?: '';
$toleranceSeconds = 5 * 60; // reject timestamps more than 5 minutes from now (replays)

/** One request header ("${H.id}" arrives as $_SERVER['HTTP_WEBHOOK_ID']), or ''. */
function header_value(string $name): string
{
    return (string) ($_SERVER['HTTP_' . strtoupper(str_replace('-', '_', $name))] ?? '');
}

/** Ends the request with 401: not signed by us, altered on the way, or a replay. */
function reject(string $reason): void
{
    http_response_code(401);
    echo $reason;
    exit;
}

if (!str_starts_with($secret, 'whsec_')) {
    http_response_code(500);
    error_log('Set WEBHOOK_SECRET to the whsec_… signing secret');
    exit;
}
// The HMAC key is the base64-decoded part after "whsec_".
$key = base64_decode(substr($secret, strlen('whsec_')));

// ${VERIFY_FIRST}
$rawBody = file_get_contents('php://input');
$id = header_value('${H.id}');
$timestamp = header_value('${H.timestamp}');
$signatures = header_value('${H.signature}');
if ($id === '' || $timestamp === '' || $signatures === '') {
    reject('Missing signature headers');
}
if (!ctype_digit($timestamp) || abs(time() - (int) $timestamp) > $toleranceSeconds) {
    reject('Timestamp too old or too new');
}

$expected = base64_encode(hash_hmac('sha256', $id . '.' . $timestamp . '.' . $rawBody, $key, true));
// ${EVERY_ENTRY}
$valid = false;
foreach (explode(' ', $signatures) as $entry) {
    if (str_starts_with($entry, 'v1,') && hash_equals($expected, substr($entry, 3))) {
        $valid = true;
    }
}
if (!$valid) {
    reject('Invalid signature');
}

http_response_code(204);
${comment("//", EVENT_HEADERS)}
$event = json_decode($rawBody, true);
error_log(sprintf(
    'verified %s attempt %s id %s',
    header_value('${H.event}'),
    header_value('${H.attempt}'),
    $id
));
`,

  csharp: (path) => `// ${HEADLINE}
// ASP.NET Core minimal API (.NET 8+): Program.cs of \`dotnet new web\`.
// Run: WEBHOOK_SECRET=whsec_… PORT=8000 dotnet run
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

var app = WebApplication.CreateBuilder(args).Build();

// ${SECRET_COMMENT}.
var secret = Environment.GetEnvironmentVariable("WEBHOOK_SECRET") ?? "";
if (!secret.StartsWith("whsec_"))
    throw new InvalidOperationException("Set WEBHOOK_SECRET to the whsec_… signing secret");
// The HMAC key is the base64-decoded part after "whsec_".
var key = Convert.FromBase64String(secret["whsec_".Length..]);
const long ToleranceSeconds = 5 * 60; // reject timestamps more than 5 minutes from now (replays)

// MapPut / MapPatch instead if the webhook sends PUT or PATCH.
app.MapPost("${path}", async (HttpRequest request) =>
{
    // ${VERIFY_FIRST}
    using var buffer = new MemoryStream();
    await request.Body.CopyToAsync(buffer);
    var rawBody = buffer.ToArray();

    var id = request.Headers["${H.id}"].ToString();
    var timestamp = request.Headers["${H.timestamp}"].ToString();
    var signatures = request.Headers["${H.signature}"].ToString();
    if (id == "" || timestamp == "" || signatures == "") return Results.Unauthorized();
    if (!long.TryParse(timestamp, out var seconds)
        || Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > ToleranceSeconds)
        return Results.Unauthorized();

    var signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(rawBody).ToArray();
    var expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(HMACSHA256.HashData(key, signed)));
    // ${EVERY_ENTRY}
    var valid = false;
    foreach (var entry in signatures.Split(' '))
    {
        if (entry.StartsWith("v1,")
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(entry[3..]), expected))
            valid = true;
    }
    if (!valid) return Results.Unauthorized();

${comment("//", EVENT_HEADERS, "    ")}
    using var payload = JsonDocument.Parse(rawBody);
    app.Logger.LogInformation("verified {Event} attempt {Attempt} id {Id}: {Payload}",
        request.Headers["${H.event}"], request.Headers["${H.attempt}"], id, payload.RootElement);
    return Results.NoContent();
});

app.Run($"http://0.0.0.0:{Environment.GetEnvironmentVariable("PORT") ?? "8000"}");
`,

  vbnet: (path) => `' ${HEADLINE}
' ASP.NET Core (.NET 8+) in VB.NET: a console project with <Project Sdk="Microsoft.NET.Sdk.Web">.
' Run: WEBHOOK_SECRET=whsec_… PORT=8000 dotnet run
Imports System.IO
Imports System.Linq
Imports System.Security.Cryptography
Imports System.Text
Imports System.Text.Json
Imports System.Threading.Tasks
Imports Microsoft.AspNetCore.Builder
Imports Microsoft.AspNetCore.Http

Module Program
    ' ${SECRET_COMMENT}.
    Private ReadOnly Secret As String = If(Environment.GetEnvironmentVariable("WEBHOOK_SECRET"), "")
    ' Reject timestamps more than 5 minutes from now (replays).
    Private Const ToleranceSeconds As Long = 5 * 60
    Private HmacKey As Byte()

    Sub Main(args As String())
        If Not Secret.StartsWith("whsec_") Then
            Throw New InvalidOperationException("Set WEBHOOK_SECRET to the whsec_… signing secret")
        End If
        ' The HMAC key is the base64-decoded part after "whsec_".
        HmacKey = Convert.FromBase64String(Secret.Substring("whsec_".Length))

        Dim app = WebApplication.CreateBuilder(args).Build()
        ' MapPut / MapPatch instead if the webhook sends PUT or PATCH.
        app.MapPost("${path}", New RequestDelegate(AddressOf ReceiveAsync))
        app.Run($"http://0.0.0.0:{If(Environment.GetEnvironmentVariable("PORT"), "8000")}")
    End Sub

    Async Function ReceiveAsync(context As HttpContext) As Task
        Dim request = context.Request
        ' ${VERIFY_FIRST}
        Dim buffer As New MemoryStream()
        Await request.Body.CopyToAsync(buffer)
        Dim rawBody = buffer.ToArray()

        Dim id = request.Headers("${H.id}").ToString()
        Dim timestamp = request.Headers("${H.timestamp}").ToString()
        Dim signatures = request.Headers("${H.signature}").ToString()
        If id = "" OrElse timestamp = "" OrElse signatures = "" Then
            context.Response.StatusCode = 401
            Return
        End If
        Dim seconds As Long
        If Not Long.TryParse(timestamp, seconds) OrElse
                Math.Abs(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - seconds) > ToleranceSeconds Then
            context.Response.StatusCode = 401
            Return
        End If

        Dim signed = Encoding.UTF8.GetBytes($"{id}.{timestamp}.").Concat(rawBody).ToArray()
        Dim expected As Byte()
        Using hmac As New HMACSHA256(HmacKey)
            expected = Encoding.ASCII.GetBytes(Convert.ToBase64String(hmac.ComputeHash(signed)))
        End Using
        ' ${EVERY_ENTRY}
        Dim valid = False
        For Each entry In signatures.Split(" "c)
            If entry.StartsWith("v1,") AndAlso
                    FixedTimeEquals(Encoding.ASCII.GetBytes(entry.Substring(3)), expected) Then
                valid = True
            End If
        Next
        If Not valid Then
            context.Response.StatusCode = 401
            Return
        End If

${comment("'", EVENT_HEADERS, "        ")}
        Using payload = JsonDocument.Parse(Encoding.UTF8.GetString(rawBody))
            Console.WriteLine($"verified {request.Headers("${H.event}")} attempt {request.Headers("${H.attempt}")} id {id}")
        End Using
        context.Response.StatusCode = 204
    End Function

    ' Constant-time comparison: the time taken does not reveal how many leading bytes match.
    ' (CryptographicOperations.FixedTimeEquals takes spans, which VB cannot pass.)
    Function FixedTimeEquals(a As Byte(), b As Byte()) As Boolean
        If a.Length <> b.Length Then Return False
        Dim difference = 0
        For i = 0 To a.Length - 1
            difference = difference Or (a(i) Xor b(i))
        Next
        Return difference = 0
    End Function
End Module
`,

  node: (path) => `// ${HEADLINE}
// Node.js 18+, no dependencies. Run: WEBHOOK_SECRET=whsec_… PORT=8000 node receiver.mjs
import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer } from "node:http";

// ${SECRET_COMMENT}.
const SECRET = process.env.WEBHOOK_SECRET ?? "";
if (!SECRET.startsWith("whsec_")) throw new Error("Set WEBHOOK_SECRET to the whsec_… signing secret");
// The HMAC key is the base64-decoded part after "whsec_".
const KEY = Buffer.from(SECRET.slice("whsec_".length), "base64");
const TOLERANCE_SECONDS = 5 * 60; // reject timestamps more than 5 minutes from now (replays)
const PORT = Number(process.env.PORT ?? 8000);

/** True when the headers carry a fresh, valid signature of exactly these body bytes. */
function verify(headers, rawBody) {
  const id = headers["${H.id}"];
  const timestamp = headers["${H.timestamp}"];
  const signatures = headers["${H.signature}"];
  if (!id || !timestamp || !signatures) return false;
  const age = Math.abs(Date.now() / 1000 - Number(timestamp));
  if (!(age <= TOLERANCE_SECONDS)) return false; // also when the timestamp is not a number

  const hmac = createHmac("sha256", KEY).update(id + "." + timestamp + ".").update(rawBody);
  const expected = Buffer.from(hmac.digest("base64"));
  // ${EVERY_ENTRY}
  let valid = false;
  for (const entry of signatures.split(" ")) {
    if (!entry.startsWith("v1,")) continue;
    const received = Buffer.from(entry.slice(3));
    // timingSafeEqual throws on different lengths: check the length first.
    if (received.length === expected.length && timingSafeEqual(received, expected)) valid = true;
  }
  return valid;
}

createServer((req, res) => {
  // Any method: match the webhook's HTTP verb here if you like.
  if (new URL(req.url ?? "/", "http://localhost").pathname !== "${path}") {
    res.writeHead(404).end();
    return;
  }
  // ${VERIFY_FIRST}
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const rawBody = Buffer.concat(chunks);
    if (!verify(req.headers, rawBody)) {
      res.writeHead(401).end("Invalid signature");
      return;
    }
    res.writeHead(204).end();

${comment("//", EVENT_HEADERS, "    ")}
    try {
      const event = JSON.parse(rawBody.toString("utf8"));
      const h = req.headers;
      console.log("verified", h["x-webhook-event"], "attempt", h["x-webhook-attempt"], "id", h["${H.id}"], event);
    } catch (error) {
      console.error("The verified body is not JSON:", error);
    }
  });
}).listen(PORT, () => console.log("listening on http://localhost:" + PORT + "${path}"));
`,

  python: (path) => `# ${HEADLINE}
# Python 3.8+, standard library only. Run: WEBHOOK_SECRET=whsec_… PORT=8000 python3 receiver.py
import base64
import hashlib
import hmac
import json
import os
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

# ${SECRET_COMMENT}.
SECRET = os.environ.get("WEBHOOK_SECRET", "")
if not SECRET.startswith("whsec_"):
    raise SystemExit("Set WEBHOOK_SECRET to the whsec_… signing secret")
# The HMAC key is the base64-decoded part after "whsec_".
KEY = base64.b64decode(SECRET[len("whsec_"):])
TOLERANCE_SECONDS = 5 * 60  # reject timestamps more than 5 minutes from now (replays)
PORT = int(os.environ.get("PORT", "8000"))


def verify(headers, raw_body):
    """True when the headers carry a fresh, valid signature of exactly these body bytes."""
    msg_id = headers.get("${H.id}")
    timestamp = headers.get("${H.timestamp}")
    signatures = headers.get("${H.signature}")
    if not msg_id or not timestamp or not signatures:
        return False
    try:
        if abs(time.time() - int(timestamp)) > TOLERANCE_SECONDS:
            return False
    except ValueError:
        return False

    signed = f"{msg_id}.{timestamp}.".encode() + raw_body
    expected = base64.b64encode(hmac.new(KEY, signed, hashlib.sha256).digest())
    # ${EVERY_ENTRY}
    valid = False
    for entry in signatures.split(" "):
        if entry.startswith("v1,") and hmac.compare_digest(entry[3:].encode(), expected):
            valid = True
    return valid


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path.split("?")[0] != "${path}":
            self.send_error(404)
            return
        # ${VERIFY_FIRST}
        raw_body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        if not verify(self.headers, raw_body):
            self.send_response(401)
            self.end_headers()
            return
        self.send_response(204)
        self.end_headers()

${comment("#", EVENT_HEADERS, "        ")}
        event = json.loads(raw_body)
        print("verified", self.headers.get("${H.event}"), "attempt",
              self.headers.get("${H.attempt}"), "id", self.headers.get("${H.id}"), event, flush=True)

    do_PUT = do_PATCH = do_POST


print(f"listening on http://localhost:{PORT}${path}", flush=True)
ThreadingHTTPServer(("", PORT), Handler).serve_forever()
`,
};
