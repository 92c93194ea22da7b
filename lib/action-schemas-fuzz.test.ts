import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { beforeAll, describe, expect, it } from "vitest";
import { eventTypeKeys } from "@/lib/events/catalog";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import {
  authTypes,
  createWebhookSchema,
  payloadFormats,
  retryPolicies,
  updateWebhookSchema,
  verbs,
} from "@/lib/webhooks/schemas";

// Every zod schema exported by lib/**/schemas.ts (and lib/**/*-schema.ts) — the inputs of the
// server actions and of the ingest API — gets random and hostile input: safeParse must never
// throw (a throw inside an action is a generic 500-like error), and every refusal must carry
// a message a person can read. Schemas are discovered from the files, so a new one is covered
// without editing this test.

type AnySchema = z.ZodType;
type Found = { name: string; schema: AnySchema };

const libDir = __dirname;

/** lib/**​/schemas.ts, lib/**​/*-schema.ts and the ingest API's event body, without tests. */
function schemaFiles(): string[] {
  return (readdirSync(libDir, { recursive: true }) as string[])
    .filter((f) => /(^|[/\\])schemas\.ts$|-schema\.ts$|[/\\]event-body\.ts$/.test(f))
    .sort();
}

const isZodSchema = (v: unknown): v is AnySchema =>
  typeof v === "object" &&
  v !== null &&
  "_zod" in v &&
  typeof (v as { safeParse?: unknown }).safeParse === "function";

async function discoverSchemas(): Promise<Found[]> {
  const found: Found[] = [];
  for (const file of schemaFiles()) {
    const mod = (await import(path.join(libDir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (isZodSchema(value)) found.push({ name: `${file}#${name}`, schema: value });
    }
  }
  return found;
}

/** Strings that break naive code: NUL, lone surrogates, template syntax, huge and ReDoS-ish. */
const hostileString = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.string({ unit: "grapheme", maxLength: 50 }),
  fc.constantFrom(
    "",
    " ",
    "\u0000",
    "a\u0000b",
    "\uD800",
    "x\uDFFFy",
    "\u202E",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
    "{{",
    "}}",
    "{{chat.session_id",
    "{{#each}}{{/if}}",
    "{{constructor.constructor}}",
    "{{__proto__.polluted}}",
    "<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'a'>]><x>&a;</x>",
    "http://[::1",
    "https://user:pass@example.com/",
    "javascript:alert(1)",
    "a@b",
    "@@@,;;; ,",
    "2024-02-30T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "1e309",
    "NaN",
    "-0",
    "a".repeat(70_000),
    `${"a".repeat(20_000)}!`,
    `${"a@".repeat(5_000)}x`,
    `${"{{".repeat(10_000)}`,
    `${"9".repeat(5_000)}-01-01T00:00:00Z`,
  ),
);

// Names of Object.prototype members once passed the reserved-header lookup and came back with
// a function as the message; they stay in the mix.
const headerName = fc.oneof(
  hostileString,
  fc.constantFrom("constructor", "__proto__", "toString", "hasOwnProperty", "Constructor"),
);

const hostileNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(NaN, Infinity, -Infinity, -0, Number.MAX_SAFE_INTEGER + 2, 1e309, 5e-324),
);

/** Anything a server action might be sent after deserialisation, and more. */
const anything = fc.anything({
  maxDepth: 4,
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
  key: fc.oneof(fc.string(), fc.constantFrom("__proto__", "constructor", "prototype")),
});

const hostileValue = fc.oneof(
  { weight: 4, arbitrary: hostileString },
  { weight: 2, arbitrary: hostileNumber },
  { weight: 2, arbitrary: anything },
  {
    weight: 1,
    arbitrary: fc.array(
      fc.record({ name: headerName, value: hostileString }, { requiredKeys: [] }),
      { maxLength: 25 },
    ),
  },
);

// Proto-pollution payloads as JSON.parse gives them: "__proto__" as an own key.
const protoJson = fc.constantFrom(
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '{"headers":[{"__proto__":{"name":"x"}}],"__proto__":[]}',
  '{"id":{"__proto__":null},"ids":{"length":1e309}}',
);

function shapeKeys(schema: AnySchema): string[] {
  const shape = (schema as { shape?: unknown }).shape;
  return shape && typeof shape === "object" ? Object.keys(shape) : [];
}

/** Objects with the schema's own keys (over valid webhook defaults) set to hostile values. */
function shapedInput(schema: AnySchema): fc.Arbitrary<unknown> {
  const keys = shapeKeys(schema);
  if (keys.length === 0) return anything;
  const base: Record<string, unknown> = keys.includes("payloadTemplate")
    ? { ...newWebhookDefaults("admin@example.com"), id: "wh_1", url: "https://example.com/h" }
    : {};
  const model = Object.fromEntries(keys.map((k) => [k, hostileValue]));
  return fc
    .record(model, { requiredKeys: [] })
    .map((patch) => ({ ...base, ...(patch as Record<string, unknown>) }));
}

/** Parses without throwing; a refusal lists issues with readable messages. */
function checkParse(schema: AnySchema, input: unknown): void {
  let result: ReturnType<AnySchema["safeParse"]>;
  try {
    result = schema.safeParse(input);
  } catch (error) {
    throw new Error(`safeParse threw ${String(error)} for ${preview(input)}`);
  }
  if (result.success) return;
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    expect(typeof issue.message).toBe("string");
    expect(issue.message.trim().length).toBeGreaterThan(0);
  }
}

function preview(input: unknown): string {
  try {
    return fc.stringify(input).slice(0, 300);
  } catch {
    return String(input).slice(0, 300);
  }
}

const template = fc.oneof(
  hostileString,
  fc
    .tuple(hostileString, fc.constantFrom("chat.session_id", "customer.email", "x", "", "}}{{"))
    .map(([s, token]) => `{"a": "${s}{{${token}}}", "b": {{${token}}}}`),
  hostileString.map((s) => `<root><a>{{chat.session_id}}</a>${s}</root>`),
  hostileString.map((s) => `a={{chat.session_id}}&${s}`),
);

/**
 * Add Event / Edit values that pass the field types, so the cross-field superRefine (URL,
 * headers, template validation, e-mails, credentials) runs on hostile strings.
 */
const webhookValues = fc
  .record(
    {
      name: hostileString,
      eventType: fc.constantFrom(...eventTypeKeys),
      verb: fc.constantFrom(...verbs),
      headers: fc.array(fc.record({ name: headerName, value: hostileString }), {
        maxLength: 5,
      }),
      payloadFormat: fc.constantFrom(...payloadFormats),
      payloadTemplate: template,
      url: fc.oneof(
        hostileString,
        hostileString.map((s) => `https://${s}`),
      ),
      testMode: fc.boolean(),
      testEmails: hostileString,
      authType: fc.constantFrom(...authTypes),
      authUsername: hostileString,
      authPassword: hostileString,
      authToken: hostileString,
      authHeaderName: headerName,
      authApiKey: hostileString,
      retryPolicy: fc.constantFrom(...retryPolicies),
    },
    { requiredKeys: [] },
  )
  .map((patch) => ({
    ...newWebhookDefaults("admin@example.com"),
    url: "https://example.com/h",
    id: "wh_1",
    ...patch,
  }));

let schemas: Found[] = [];

beforeAll(async () => {
  schemas = await discoverSchemas();
  // The one action schema built inline (lib/delivery-log/actions.ts, recover with confirmation).
  const recover = schemas.find((s) => s.name.endsWith("#recoverSchema"));
  if (recover) {
    schemas.push({
      name: "deliveries/actions#recoverConfirm",
      schema: (recover.schema as z.ZodObject).extend({ confirm: z.literal(true) }),
    });
  }
});

describe("server action input schemas under random input", () => {
  it("discovers the action schemas (so a broken discovery fails loudly)", () => {
    const names = schemas.map((s) => s.name.split("#")[1]);
    expect(schemas.length).toBeGreaterThanOrEqual(20);
    expect(names).toEqual(
      expect.arrayContaining([
        "createWebhookSchema",
        "updateWebhookSchema",
        "createApiKeySchema",
        "setupSchema",
        "recoverSchema",
        "setRetentionSchema",
        "simulateEventSchema",
        "goLiveSchema",
        "eventBodySchema",
      ]),
    );
  });

  it("never throws on fc.anything(), and explains every refusal", () => {
    for (const { name, schema } of schemas) {
      fc.assert(
        fc.property(anything, (input) => checkParse(schema, input)),
        { numRuns: 200, examples: [[undefined], [null], [{}], [[]], [Object.create(null)]] },
      );
      expect(name).toBeTruthy();
    }
  });

  it("never throws on parsed JSON, proto-pollution keys included", () => {
    for (const { schema } of schemas) {
      fc.assert(
        fc.property(fc.oneof(fc.json(), protoJson), (text) => checkParse(schema, JSON.parse(text))),
        { numRuns: 200 },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("never throws on objects of its own fields set to hostile values", () => {
    for (const { schema } of schemas) {
      fc.assert(
        fc.property(shapedInput(schema), (input) => checkParse(schema, input)),
        { numRuns: 300 },
      );
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("runs the webhook cross-field checks on hostile strings without throwing", () => {
    for (const schema of [createWebhookSchema, updateWebhookSchema]) {
      fc.assert(
        fc.property(webhookValues, (input) => checkParse(schema, input)),
        { numRuns: 500 },
      );
    }
  });
}, 60_000);
