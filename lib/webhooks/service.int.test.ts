import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import type { Role } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { decryptSecret } from "@/lib/crypto/secrets";
import { db } from "@/lib/db/client";
import { ForbiddenError, NotFoundError, UserError } from "@/lib/errors";
import { resetDatabase } from "@/lib/testing/db";
import {
  createWebhookSchema,
  updateWebhookSchema,
  type WebhookFormValues,
} from "@/lib/webhooks/schemas";
import {
  createWebhook,
  deleteWebhook,
  duplicateWebhook,
  getWebhook,
  listWebhooks,
  rotateSigningSecret,
  setWebhookEnabled,
  updateWebhook,
} from "@/lib/webhooks/service";

// lib/webhooks/service against the real database: what is stored, what is returned, and
// who is refused. Inputs go through the same zod schemas as the server actions.

type Org = { id: string; name: string };

async function createOrg(name: string): Promise<Org> {
  return db.organization.create({ data: { name }, select: { id: true, name: true } });
}

async function createActor(org: Org, role: Role, email: string): Promise<Actor> {
  const name = `${role} of ${org.name}`;
  // The webhook service never reads the password: any stored string does.
  const user = await db.user.create({ data: { email, name, passwordHash: "unused" } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { userId: user.id, email, name, organizationId: org.id, organizationName: org.name, role };
}

const baseValues: WebhookFormValues = {
  ...newWebhookDefaults(""),
  url: "https://receiver.example.com/hooks/chat",
  testMode: false,
};

/** Add Event values, parsed as the create action parses them. */
function createValues(overrides: Partial<WebhookFormValues> = {}) {
  return createWebhookSchema.parse({ ...baseValues, ...overrides });
}

/** Edit values, parsed as the update action parses them. */
function updateValues(id: string, overrides: Partial<WebhookFormValues> = {}) {
  return updateWebhookSchema.parse({ ...baseValues, ...overrides, id });
}

const storedRow = (id: string) => db.webhook.findUnique({ where: { id } });

async function storedRowOrThrow(id: string) {
  const row = await storedRow(id);
  if (!row) throw new Error(`webhook ${id} is not in the database`);
  return row;
}

const publicKeys = [
  "authHeaderName",
  "authType",
  "authUsername",
  "consecutiveFailures",
  "createdAt",
  "disabledReason",
  "enabled",
  "eventType",
  "failureAlertLevel",
  "headers",
  "id",
  "lastSuccessAt",
  "name",
  "oauthClientId",
  "oauthScope",
  "oauthTokenUrl",
  "payloadFormat",
  "payloadTemplate",
  "redactTokens",
  "conditions",
  "skippedEvents",
  "retryPolicy",
  "secretRotatedAt",
  "signingSecretHint",
  "testEmails",
  "testMode",
  "thresholdSeconds",
  "timeoutMs",
  // Not secrets: the CA is public, the client certificate only by subject and expiry.
  "tlsCaPem",
  "tlsClientCertExpiresAt",
  "tlsClientCertSubject",
  "updatedAt",
  "url",
  "verb",
  // Endpoint verification: the URL that passed the echo check, when, and the last failure.
  "verificationError",
  "verifiedAt",
  "verifiedUrl",
].sort();

const ids = (list: { id: string }[]) => list.map((w) => w.id).sort();

let orgA: Org;
let orgB: Org;
let ownerA: Actor;
let adminA: Actor;
let viewerA: Actor;
let ownerB: Actor;

beforeEach(async () => {
  await resetDatabase();
  orgA = await createOrg("Org A");
  orgB = await createOrg("Org B");
  ownerA = await createActor(orgA, "OWNER", "owner@a.test");
  adminA = await createActor(orgA, "ADMIN", "admin@a.test");
  viewerA = await createActor(orgA, "VIEWER", "viewer@a.test");
  ownerB = await createActor(orgB, "OWNER", "owner@b.test");
});

afterAll(async () => {
  await db.$disconnect();
});

describe("createWebhook", () => {
  it("returns a whsec_ secret of 32 random bytes in base64, stored only encrypted, with its last 4 characters as hint", async () => {
    const { id, signingSecret } = await createWebhook(adminA, createValues());

    expect(signingSecret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(signingSecret.slice("whsec_".length), "base64")).toHaveLength(32);
    const row = await storedRowOrThrow(id);
    expect(decryptSecret(row.signingSecretEnc)).toBe(signingSecret);
    expect(row.signingSecretEnc).not.toContain(signingSecret.slice("whsec_".length));
    expect(JSON.stringify(row)).not.toContain(signingSecret);
    expect(row.signingSecretHint).toBe(signingSecret.slice(-4));
    expect(row.previousSigningSecretEnc).toBeNull();
    expect(row.secretRotatedAt).toBeNull();
    expect(row).toMatchObject({ organizationId: orgA.id, createdById: adminA.userId });
  });

  it("gives each webhook its own signing secret", async () => {
    const first = await createWebhook(ownerA, createValues());
    const second = await createWebhook(ownerA, createValues());
    expect(first.signingSecret).not.toBe(second.signingSecret);
  });

  it('names an unnamed webhook "<Event type label> → <host>" and keeps a given name', async () => {
    const unnamed = await createWebhook(
      ownerA,
      createValues({ eventType: "chat.opened", url: "https://Hooks.Example.com:8443/in" }),
    );
    const named = await createWebhook(ownerA, createValues({ name: "  CRM sync  " }));

    expect((await storedRowOrThrow(unnamed.id)).name).toBe("Chat Opened → hooks.example.com:8443");
    expect((await storedRowOrThrow(named.id)).name).toBe("CRM sync");
  });

  it("moves user:password from the URL into encrypted Basic auth and stores the URL without them", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ url: "https://user:p%40ss@host.example.com/x", authType: "NONE" }),
    );

    const row = await storedRowOrThrow(id);
    expect(row.authType).toBe("BASIC");
    expect(row.authUsername).toBe("user");
    expect(row.url).toBe("https://host.example.com/x");
    expect(row.authCredentialsEnc).not.toBeNull();
    expect(decryptSecret(row.authCredentialsEnc!)).toBe("p@ss");
    expect(row.authCredentialsEnc).not.toContain("p@ss");
  });

  it("stores a bearer token encrypted and drops the fields of other auth types", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({
        authType: "BEARER",
        authToken: "tok-123",
        authUsername: "ignored",
        authHeaderName: "X-Ignored",
      }),
    );

    const row = await storedRowOrThrow(id);
    expect(row).toMatchObject({ authType: "BEARER", authUsername: null, authHeaderName: null });
    expect(decryptSecret(row.authCredentialsEnc!)).toBe("tok-123");
  });

  it("splits the test e-mails on commas, semicolons and spaces, lower-cased and de-duplicated", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({
        testMode: true,
        testEmails: "Ann@Example.com, bob@example.com;ANN@example.com  carl@Example.org,",
      }),
    );

    expect((await storedRowOrThrow(id)).testEmails).toEqual([
      "ann@example.com",
      "bob@example.com",
      "carl@example.org",
    ]);
  });

  it("keeps headers, verb, payload and mode as entered", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({
        verb: "PUT",
        headers: [{ name: "X-Team", value: "support" }],
        payloadTemplate: '{"session": "{{chat.session_id}}"}',
        testMode: true,
        testEmails: "qa@example.com",
        enabled: false,
      }),
    );

    expect(await storedRowOrThrow(id)).toMatchObject({
      verb: "PUT",
      headers: [{ name: "X-Team", value: "support" }],
      payloadFormat: "JSON",
      payloadTemplate: '{"session": "{{chat.session_id}}"}',
      testMode: true,
      enabled: false,
    });
  });
});

describe("updateWebhook", () => {
  it("keeps the stored Basic password when the password field is left blank", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BASIC", authUsername: "alice", authPassword: "s3cret" }),
    );
    const before = await storedRowOrThrow(id);

    await updateWebhook(
      adminA,
      updateValues(id, { authType: "BASIC", authUsername: "alice2", authPassword: "" }),
    );

    const after = await storedRowOrThrow(id);
    expect(after.authType).toBe("BASIC");
    expect(after.authUsername).toBe("alice2");
    expect(after.authCredentialsEnc).toBe(before.authCredentialsEnc);
    expect(decryptSecret(after.authCredentialsEnc!)).toBe("s3cret");
  });

  it("keeps the stored bearer token when the token field is left blank", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BEARER", authToken: "tok-1" }),
    );

    await updateWebhook(ownerA, updateValues(id, { authType: "BEARER", authToken: "" }));

    expect(decryptSecret((await storedRowOrThrow(id)).authCredentialsEnc!)).toBe("tok-1");
  });

  it("refuses to switch to Bearer auth with a blank token (UserError) and changes nothing", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BASIC", authUsername: "alice", authPassword: "s3cret" }),
    );
    const before = await storedRowOrThrow(id);

    const attempt = updateWebhook(
      ownerA,
      updateValues(id, { name: "Renamed", authType: "BEARER", authToken: "" }),
    );

    await expect(attempt).rejects.toBeInstanceOf(UserError);
    await expect(attempt).rejects.toThrow("Enter the credential for the chosen authentication.");
    expect(await storedRowOrThrow(id)).toEqual(before);
  });

  it("replaces the credential when a new one is entered", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BEARER", authToken: "tok-1" }),
    );

    await updateWebhook(
      ownerA,
      updateValues(id, { authType: "API_KEY", authHeaderName: "X-Api-Key", authApiKey: "key-2" }),
    );

    const row = await storedRowOrThrow(id);
    expect(row).toMatchObject({ authType: "API_KEY", authHeaderName: "X-Api-Key" });
    expect(decryptSecret(row.authCredentialsEnc!)).toBe("key-2");
  });

  it("clears the credential when auth is switched off", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BEARER", authToken: "tok-1" }),
    );

    await updateWebhook(ownerA, updateValues(id, { authType: "NONE" }));

    expect(await storedRowOrThrow(id)).toMatchObject({
      authType: "NONE",
      authCredentialsEnc: null,
    });
  });

  it("changes the edited fields, returns them, and leaves the signing secret alone", async () => {
    const { id, signingSecret } = await createWebhook(ownerA, createValues());

    const returned = await updateWebhook(
      ownerA,
      updateValues(id, {
        name: "Renamed",
        eventType: "ticket.created",
        verb: "PATCH",
        url: "https://other.example.net/tickets",
        headers: [{ name: "X-Source", value: "chat" }],
        payloadFormat: "TEXT",
        payloadTemplate: "New ticket",
        testMode: true,
        testEmails: "QA@example.com",
        enabled: false,
      }),
    );

    const expected = {
      name: "Renamed",
      eventType: "ticket.created",
      verb: "PATCH",
      url: "https://other.example.net/tickets",
      headers: [{ name: "X-Source", value: "chat" }],
      payloadFormat: "TEXT",
      payloadTemplate: "New ticket",
      testMode: true,
      testEmails: ["qa@example.com"],
      enabled: false,
    };
    expect(returned).toMatchObject({ id, ...expected });
    const row = await storedRowOrThrow(id);
    expect(row).toMatchObject(expected);
    expect(decryptSecret(row.signingSecretEnc)).toBe(signingSecret);
  });
});

describe("duplicateWebhook", () => {
  it('makes a disabled "(copy)" with a new signing secret and the same configuration and credential', async () => {
    const source = await createWebhook(
      ownerA,
      createValues({
        name: "CRM sync",
        eventType: "chat.assigned",
        verb: "PUT",
        url: "https://crm.example.com/in",
        headers: [{ name: "X-Team", value: "support" }],
        payloadTemplate: '{"id": "{{chat.session_id}}"}',
        testMode: true,
        testEmails: "qa@example.com",
        authType: "API_KEY",
        authHeaderName: "X-Api-Key",
        authApiKey: "key-1",
        enabled: true,
      }),
    );

    const copy = await duplicateWebhook(adminA, source.id);

    expect(copy.id).not.toBe(source.id);
    expect(copy.signingSecret).toMatch(/^whsec_/);
    expect(copy.signingSecret).not.toBe(source.signingSecret);
    const original = await storedRowOrThrow(source.id);
    const row = await storedRowOrThrow(copy.id);
    expect(row.name).toBe("CRM sync (copy)");
    expect(row.enabled).toBe(false);
    expect(original.enabled).toBe(true);
    expect(decryptSecret(row.signingSecretEnc)).toBe(copy.signingSecret);
    expect(row.signingSecretHint).toBe(copy.signingSecret.slice(-4));
    expect(row.createdById).toBe(adminA.userId);
    const config = (r: typeof row) => ({
      organizationId: r.organizationId,
      eventType: r.eventType,
      verb: r.verb,
      url: r.url,
      headers: r.headers,
      payloadFormat: r.payloadFormat,
      payloadTemplate: r.payloadTemplate,
      testMode: r.testMode,
      testEmails: r.testEmails,
      authType: r.authType,
      authUsername: r.authUsername,
      authHeaderName: r.authHeaderName,
    });
    expect(config(row)).toEqual(config(original));
    expect(decryptSecret(row.authCredentialsEnc!)).toBe("key-1");
  });
});

describe("setWebhookEnabled, deleteWebhook, rotateSigningSecret", () => {
  it("setWebhookEnabled turns delivery off and on again", async () => {
    const { id } = await createWebhook(ownerA, createValues({ enabled: true }));

    await setWebhookEnabled(adminA, id, false);
    expect((await storedRowOrThrow(id)).enabled).toBe(false);
    await setWebhookEnabled(adminA, id, true);
    expect((await storedRowOrThrow(id)).enabled).toBe(true);
  });

  it("deleteWebhook removes the row, after which it is not found", async () => {
    const { id } = await createWebhook(ownerA, createValues());

    await deleteWebhook(adminA, id);

    expect(await storedRow(id)).toBeNull();
    await expect(getWebhook(ownerA, id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteWebhook(ownerA, id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("rotateSigningSecret returns a new secret, keeps the previous one and records when", async () => {
    const { id, signingSecret: first } = await createWebhook(ownerA, createValues());
    const startedAt = Date.now();

    const { signingSecret: second } = await rotateSigningSecret(adminA, id);

    expect(second).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(second).not.toBe(first);
    const row = await storedRowOrThrow(id);
    expect(decryptSecret(row.signingSecretEnc)).toBe(second);
    expect(decryptSecret(row.previousSigningSecretEnc!)).toBe(first);
    expect(row.signingSecretHint).toBe(second.slice(-4));
    expect(row.secretRotatedAt).toBeInstanceOf(Date);
    expect(row.secretRotatedAt!.getTime()).toBeGreaterThanOrEqual(startedAt - 1_000);
    expect(row.secretRotatedAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);

    const { signingSecret: third } = await rotateSigningSecret(adminA, id);
    const again = await storedRowOrThrow(id);
    expect(decryptSecret(again.signingSecretEnc)).toBe(third);
    expect(decryptSecret(again.previousSigningSecretEnc!)).toBe(second);
  });
});

describe("listWebhooks and getWebhook", () => {
  let crm: string;
  let alerts: string;
  let tickets: string;

  beforeEach(async () => {
    crm = (
      await createWebhook(
        ownerA,
        createValues({
          name: "Closed to CRM",
          eventType: "chat.closed",
          url: "https://one.example.com/in",
          testMode: true,
          testEmails: "qa@example.com",
        }),
      )
    ).id;
    alerts = (
      await createWebhook(
        ownerA,
        createValues({
          name: "Opened alerts",
          eventType: "chat.opened",
          url: "https://hooks.example.org/PagerRelay",
        }),
      )
    ).id;
    tickets = (
      await createWebhook(
        ownerA,
        createValues({
          name: "Tickets",
          eventType: "ticket.created",
          url: "https://helpdesk.example.net/hook",
        }),
      )
    ).id;
    // Another organization's webhook that matches every filter below.
    await createWebhook(
      ownerB,
      createValues({
        name: "Closed to CRM pagerrelay",
        eventType: "chat.closed",
        url: "https://one.example.com/PagerRelay",
        testMode: true,
        testEmails: "qa@example.com",
      }),
    );
  });

  it("lists only the actor's organization, newest change first", async () => {
    await setWebhookEnabled(ownerA, crm, false);

    const list = await listWebhooks(viewerA);

    expect(list.map((w) => w.id)).toEqual([crm, tickets, alerts]);
  });

  it("filters by event type", async () => {
    expect(ids(await listWebhooks(viewerA, { eventType: "chat.closed" }))).toEqual([crm]);
    expect(ids(await listWebhooks(viewerA, { eventType: "chat.opened" }))).toEqual([alerts]);
    expect(await listWebhooks(viewerA, { eventType: "visitor.queued" })).toEqual([]);
  });

  it("filters by mode: test or live", async () => {
    expect(ids(await listWebhooks(viewerA, { mode: "test" }))).toEqual([crm]);
    expect(ids(await listWebhooks(viewerA, { mode: "live" }))).toEqual([alerts, tickets].sort());
  });

  it("searches q in the name, case-insensitively", async () => {
    expect(ids(await listWebhooks(viewerA, { q: "crm" }))).toEqual([crm]);
    expect(ids(await listWebhooks(viewerA, { q: "OPENED" }))).toEqual([alerts]);
  });

  it("searches q in the URL, case-insensitively", async () => {
    expect(ids(await listWebhooks(viewerA, { q: "pagerrelay" }))).toEqual([alerts]);
    expect(ids(await listWebhooks(viewerA, { q: "HELPDESK.example" }))).toEqual([tickets]);
    expect(ids(await listWebhooks(viewerA, { q: "example" }))).toEqual(
      [crm, alerts, tickets].sort(),
    );
  });

  it("combines filters", async () => {
    expect(ids(await listWebhooks(viewerA, { mode: "live", q: "example.net" }))).toEqual([tickets]);
    expect(await listWebhooks(viewerA, { mode: "test", eventType: "chat.opened" })).toEqual([]);
  });

  it("getWebhook returns only public columns, never a secret", async () => {
    const { id } = await createWebhook(
      ownerA,
      createValues({ authType: "BEARER", authToken: "tok-secret" }),
    );
    await rotateSigningSecret(ownerA, id);

    const webhook = await getWebhook(viewerA, id);

    expect(Object.keys(webhook).sort()).toEqual(publicKeys);
    expect(JSON.stringify(webhook)).not.toContain("tok-secret");
    expect(webhook).toMatchObject({ id, authType: "BEARER" });
  });

  it("listWebhooks returns only public columns, never a secret", async () => {
    for (const webhook of await listWebhooks(ownerA)) {
      expect(Object.keys(webhook).sort()).toEqual(publicKeys);
    }
  });
});

describe("refusals", () => {
  type Mutation = (actor: Actor, id: string) => Promise<unknown>;
  const mutations: [string, Mutation][] = [
    ["updateWebhook", (actor, id) => updateWebhook(actor, updateValues(id, { name: "Taken" }))],
    ["duplicateWebhook", (actor, id) => duplicateWebhook(actor, id)],
    ["setWebhookEnabled", (actor, id) => setWebhookEnabled(actor, id, false)],
    ["deleteWebhook", (actor, id) => deleteWebhook(actor, id)],
    ["rotateSigningSecret", (actor, id) => rotateSigningSecret(actor, id)],
  ];

  let id: string;
  beforeEach(async () => {
    id = (
      await createWebhook(
        ownerA,
        createValues({ name: "Target", authType: "BEARER", authToken: "tok-1" }),
      )
    ).id;
  });

  it("createWebhook refuses a Viewer with ForbiddenError and stores nothing", async () => {
    await expect(createWebhook(viewerA, createValues())).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.webhook.count()).toBe(1);
  });

  it("createWebhook by another organization's Owner lands in that organization only", async () => {
    const { id: theirs } = await createWebhook(ownerB, createValues());

    expect((await storedRowOrThrow(theirs)).organizationId).toBe(orgB.id);
    expect(ids(await listWebhooks(ownerA))).toEqual([id]);
  });

  it.each(mutations)(
    "%s refuses a Viewer with ForbiddenError and leaves the row unchanged",
    async (_name, mutate) => {
      const before = await storedRowOrThrow(id);

      await expect(mutate(viewerA, id)).rejects.toBeInstanceOf(ForbiddenError);

      expect(await storedRowOrThrow(id)).toEqual(before);
      expect(await db.webhook.count()).toBe(1);
    },
  );

  it.each(mutations)(
    "%s of another organization's webhook is NotFoundError and leaves the row unchanged",
    async (_name, mutate) => {
      const before = await storedRowOrThrow(id);

      await expect(mutate(ownerB, id)).rejects.toBeInstanceOf(NotFoundError);

      expect(await storedRowOrThrow(id)).toEqual(before);
      expect(await db.webhook.count()).toBe(1);
    },
  );

  it.each(mutations)("%s of an unknown id is NotFoundError", async (_name, mutate) => {
    await expect(mutate(ownerA, "no-such-webhook")).rejects.toBeInstanceOf(NotFoundError);
  });

  it("another organization cannot read the webhook: getWebhook is NotFoundError, the list leaves it out", async () => {
    await expect(getWebhook(ownerB, id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listWebhooks(ownerB)).toEqual([]);
  });

  it("a Viewer may read the webhook", async () => {
    expect((await getWebhook(viewerA, id)).name).toBe("Target");
  });
});
