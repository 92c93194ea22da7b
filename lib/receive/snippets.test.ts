import { describe, expect, it } from "vitest";
import {
  DEFAULT_RECEIVER_PATH,
  RECEIVER_HEADERS,
  RECEIVER_LANGUAGES,
  receiverSnippet,
  type ReceiverLanguage,
} from "@/lib/receive/snippets";

// What each snippet must do, checked in its own language's words. Whether the Node.js and PHP
// snippets really verify is proven by running them against deliveries (snippets.int.test.ts).

type Expectations = {
  /** Reads the raw body bytes. */
  rawBody: RegExp;
  /** HMAC-SHA256 over `${id}.${timestamp}.${body}`. */
  hmac: RegExp;
  /** The key: base64 decoding of the secret after `whsec_`. */
  key: RegExp;
  /** The constant-time comparison. */
  compare: RegExp;
  /** Its implementation, when the snippet has to write its own. */
  compareImpl?: RegExp;
  /** |now − timestamp| against the 5-minute tolerance. */
  tolerance: RegExp;
  /** Answers 401 (or calls what does). */
  unauthorized: RegExp;
  /** Parses the JSON. */
  parse: RegExp;
};

const EXPECTED: Record<ReceiverLanguage, Expectations> = {
  php: {
    rawBody: /file_get_contents\('php:\/\/input'\)/,
    hmac: /hash_hmac\('sha256', \$id \. '\.' \. \$timestamp \. '\.' \. \$rawBody, \$key, true\)/,
    key: /base64_decode\(substr\(\$secret, strlen\('whsec_'\)\)\)/,
    compare: /hash_equals\(\$expected, substr\(\$entry, 3\)\)/,
    tolerance: /abs\(time\(\) - \(int\) \$timestamp\) > \$toleranceSeconds/,
    unauthorized: /reject\('Invalid signature'\)/,
    parse: /json_decode\(\$rawBody/,
  },
  csharp: {
    rawBody: /request\.Body\.CopyToAsync\(buffer\)/,
    hmac: /HMACSHA256\.HashData\(key, signed\)/,
    key: /Convert\.FromBase64String\(secret\["whsec_"\.Length\.\.\]\)/,
    compare: /CryptographicOperations\.FixedTimeEquals\(/,
    tolerance:
      /Math\.Abs\(DateTimeOffset\.UtcNow\.ToUnixTimeSeconds\(\) - seconds\) > ToleranceSeconds/,
    unauthorized: /Results\.Unauthorized\(\)/,
    parse: /JsonDocument\.Parse\(rawBody\)/,
  },
  vbnet: {
    rawBody: /request\.Body\.CopyToAsync\(buffer\)/,
    hmac: /New HMACSHA256\(HmacKey\)/,
    key: /Convert\.FromBase64String\(Secret\.Substring\("whsec_"\.Length\)\)/,
    // VB cannot pass spans to CryptographicOperations.FixedTimeEquals: an XOR-accumulating loop.
    compare: /FixedTimeEquals\(Encoding\.ASCII\.GetBytes\(entry\.Substring\(3\)\), expected\)/,
    compareImpl: /difference = difference Or \(a\(i\) Xor b\(i\)\)/,
    tolerance:
      /Math\.Abs\(DateTimeOffset\.UtcNow\.ToUnixTimeSeconds\(\) - seconds\) > ToleranceSeconds/,
    unauthorized: /StatusCode = 401/,
    parse: /JsonDocument\.Parse\(/,
  },
  node: {
    rawBody: /Buffer\.concat\(chunks\)/,
    hmac: /createHmac\("sha256", KEY\)\.update\(id \+ "\." \+ timestamp \+ "\."\)\.update\(rawBody\)/,
    key: /Buffer\.from\(SECRET\.slice\("whsec_"\.length\), "base64"\)/,
    compare: /received\.length === expected\.length && timingSafeEqual\(received, expected\)/,
    tolerance: /Math\.abs\(Date\.now\(\) \/ 1000 - Number\(timestamp\)\)/,
    unauthorized: /writeHead\(401\)/,
    parse: /JSON\.parse\(rawBody/,
  },
  python: {
    rawBody: /self\.rfile\.read\(/,
    hmac: /hmac\.new\(KEY, signed, hashlib\.sha256\)/,
    key: /base64\.b64decode\(SECRET\[len\("whsec_"\):\]\)/,
    compare: /hmac\.compare_digest\(/,
    tolerance: /abs\(time\.time\(\) - int\(timestamp\)\) > TOLERANCE_SECONDS/,
    unauthorized: /send_response\(401\)/,
    parse: /json\.loads\(raw_body\)/,
  },
};

/** Index of the first match, failing the test when there is none. */
function at(code: string, pattern: RegExp): number {
  const match = pattern.exec(code);
  expect(match, `${pattern} in the snippet`).not.toBeNull();
  return match!.index;
}

describe("RECEIVER_LANGUAGES", () => {
  it("offers PHP, C#, VB.NET, Node.js and Python, each with a file name", () => {
    expect(RECEIVER_LANGUAGES.map((l) => l.id)).toEqual([
      "php",
      "csharp",
      "vbnet",
      "node",
      "python",
    ]);
    for (const language of RECEIVER_LANGUAGES) {
      expect(language.label).not.toBe("");
      expect(language.fileName).toMatch(/^[\w-]+\.\w+$/);
    }
  });
});

describe.each(RECEIVER_LANGUAGES)("the $label snippet", ({ id }) => {
  const code = receiverSnippet(id);
  const expected = EXPECTED[id];

  it("reads the three signature headers and mentions the event and attempt headers", () => {
    const quote = id === "php" ? "'" : '"';
    for (const name of [
      RECEIVER_HEADERS.id,
      RECEIVER_HEADERS.timestamp,
      RECEIVER_HEADERS.signature,
    ])
      expect(code).toContain(`${quote}${name}${quote}`);
    expect(code).toContain(RECEIVER_HEADERS.event);
    expect(code).toContain(RECEIVER_HEADERS.attempt);
  });

  it("reads the secret from WEBHOOK_SECRET, with the placeholder comment", () => {
    expect(code).toContain("WEBHOOK_SECRET");
    expect(code).toContain("whsec_… — shown once when you created the webhook");
  });

  it("keys HMAC-SHA256 with the base64-decoded part of the secret after whsec_", () => {
    at(code, expected.key);
    at(code, expected.hmac);
  });

  it("rejects timestamps more than 5 minutes from now", () => {
    expect(code).toContain("5 * 60");
    at(code, expected.tolerance);
  });

  it("compares in constant time with every v1 entry of the signature header", () => {
    at(code, expected.compare);
    if (expected.compareImpl) at(code, expected.compareImpl);
    expect(code).toMatch(/split\(" "\)|Split\(' '\)|Split\(" "c\)|explode\(' '/);
    expect(code).toContain("v1,");
  });

  it("reads the raw body, verifies, answers 401 or 204, and only then parses the JSON", () => {
    const parse = at(code, expected.parse);
    expect(at(code, expected.rawBody)).toBeLessThan(parse);
    expect(at(code, expected.compare)).toBeLessThan(parse);
    expect(at(code, expected.unauthorized)).toBeLessThan(parse);
    expect(code).toMatch(/\b401\b|Results\.Unauthorized\(\)/);
    expect(code).toMatch(/\b204\b|Results\.NoContent\(\)/);
  });
});

describe("receiverSnippet options", () => {
  it("serves the given path, and the default one otherwise", () => {
    for (const { id } of RECEIVER_LANGUAGES) {
      expect(receiverSnippet(id, { path: "/hooks/chat-closed" })).toContain("/hooks/chat-closed");
      expect(receiverSnippet(id)).toContain(DEFAULT_RECEIVER_PATH);
    }
  });

  it("falls back to the default path when the path could break out of a string literal", () => {
    for (const path of ['/a"b', "/a\\b", "/a{b}", "no-slash", "/a\nb", "/a?b=1"]) {
      const code = receiverSnippet("node", { path });
      expect(code).not.toContain(path);
      expect(code).toContain(`!== "${DEFAULT_RECEIVER_PATH}"`);
    }
  });
});
