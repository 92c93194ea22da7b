import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import type pg from "pg";
import { actionResult, callAction, type ActionResult } from "./actions";
import { expect, signIn, type Member } from "./fixtures";
import { startReceiver } from "../../lib/testing/receiver";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";

// The world the authorization matrix runs in: two organizations with real data in each, made
// through the app's own paths (server actions, the ingest API, the delivery engine) — only the
// two Owners come from the fixtures — and a signed-in browser context per caller.

/** The callers of the matrix besides the anonymous one; "other" is the Owner of organization B. */
export type Caller = "other" | "viewer" | "admin" | "owner";
export const CALLERS: readonly Caller[] = ["other", "viewer", "admin", "owner"];
export const ROLE_OF = {
  other: "OWNER",
  viewer: "VIEWER",
  admin: "ADMIN",
  owner: "OWNER",
} as const;

const PASSWORD = "matrix password 42";

type Person = { email: string; name: string; password: string; membershipId: string };

/** Add Event's values for a webhook (the form's defaults, then the given fields). */
export function webhookValues(fields: Record<string, unknown>) {
  return {
    ...newWebhookDefaults(""),
    url: "https://receiver.example.test/hooks",
    testMode: false,
    retryPolicy: "NONE",
    timeoutSeconds: 5,
    ...fields,
  };
}

/** Calls an action that must succeed, and returns its data. */
async function ok(page: { request: APIRequestContext }, name: string, input: unknown) {
  const { text } = await callAction(page, name, input);
  const result: ActionResult | null = actionResult(text);
  expect(result, `${name} answered no result`).not.toBeNull();
  expect(result!.serverError ?? result!.validationErrors, `${name} failed`).toBeUndefined();
  return result!.data as Record<string, unknown> | undefined;
}

export type World = Awaited<ReturnType<typeof buildWorld>>;

/**
 * Organization A (Owner, Admin, Viewer; live, test and failing webhooks; an API key; an event
 * with its deliveries, attempts and test e-mail; a pending and an accepted invitation) and
 * organization B (its Owner, a webhook, an API key, an event). B's Owner browses with the
 * organization cookie set to A's id, as if they had forged it.
 */
export async function buildWorld(opts: {
  browser: Browser;
  baseURL: string;
  ownerPage: Page;
  owner: Member;
  otherOwner: Member;
  anonymous: APIRequestContext;
  db: pg.Pool;
}) {
  const { browser, baseURL, ownerPage, owner, otherOwner, anonymous, db } = opts;
  const tag = randomBytes(3).toString("hex");
  const receiver = await startReceiver();
  const failing = await startReceiver({ status: 400, body: "down" });
  const hookUrl = (base: string, path: string) => `${base}${path}`;
  const one = async <T>(sql: string, params: unknown[]) =>
    (await db.query(sql, params)).rows[0] as T;
  const orgName = (id: string) =>
    one<{ name: string }>(`SELECT name FROM "Organization" WHERE id = $1`, [id]).then(
      (r) => r.name,
    );
  const membershipOf = (userEmail: string, orgId: string) =>
    one<{ id: string }>(
      `SELECT m.id FROM "Membership" m JOIN "User" u ON u.id = m."userId" WHERE u.email = $1 AND m."organizationId" = $2`,
      [userEmail, orgId],
    ).then((r) => r.id);

  await signIn(ownerPage, owner);
  const contexts = [ownerPage.context()];
  async function signedIn(member: { email: string; password: string }, orgCookie?: string) {
    const context = await browser.newContext({ baseURL });
    contexts.push(context);
    if (orgCookie) await context.addCookies([{ name: "wh-org", value: orgCookie, url: baseURL }]);
    const page = await context.newPage();
    await signIn(page, member);
    return page;
  }

  /** An invitation to organization A made by its Owner: the token from the link. */
  async function invite(email: string, role: "OWNER" | "ADMIN" | "VIEWER") {
    const data = await ok(ownerPage, "inviteMemberAction", { email, role });
    return String(data!.path).replace("/invite/", "");
  }
  /** A new person joins organization A through an invitation link, as in the browser. */
  async function join(
    role: "ADMIN" | "VIEWER",
    label: string,
  ): Promise<Person & { token: string }> {
    const email = `matrix-${label}-${tag}@example.test`;
    const name = `Canary ${label} ${tag}`;
    const token = await invite(email, role);
    await ok({ request: anonymous }, "acceptInvitationAction", { token, name, password: PASSWORD });
    const membershipId = await membershipOf(email, owner.organizationId);
    return { email, name, password: PASSWORD, membershipId, token };
  }
  async function createWebhook(page: Page, fields: Record<string, unknown>) {
    const data = await ok(page, "createWebhookAction", webhookValues(fields));
    return String(data!.id);
  }
  async function createKey(page: Page, name: string) {
    const data = await ok(page, "createApiKeyAction", { name });
    const { id } = await one<{ id: string }>(`SELECT id FROM "ApiKey" WHERE prefix = $1`, [
      data!.prefix,
    ]);
    return { id, key: String(data!.key), name };
  }
  async function ingest(key: string, body: unknown) {
    const response = await anonymous.post("/api/v1/events", {
      headers: { Authorization: `Bearer ${key}` },
      data: body,
    });
    expect(response.status(), await response.text()).toBe(202);
    return (await response.json()) as { eventId: string; deliveries: number };
  }
  /** Waits until no delivery of either organization is pending (the engine is idle for them). */
  async function quiet() {
    await expect
      .poll(
        async () =>
          (
            await one<{ n: number }>(
              `SELECT count(*)::int AS n FROM "Delivery" WHERE "organizationId" = ANY($1) AND status = 'PENDING'`,
              [[owner.organizationId, otherOwner.organizationId]],
            )
          ).n,
        { timeout: 30_000 },
      )
      .toBe(0);
  }

  // Organization A: its people.
  const admin = await join("ADMIN", "admin");
  const viewer = await join("VIEWER", "viewer");
  const inviteeEmail = `matrix-invitee-${tag}@example.test`;
  await invite(inviteeEmail, "VIEWER");
  const ownerInviteeEmail = `matrix-owner-invitee-${tag}@example.test`;
  await invite(ownerInviteeEmail, "OWNER");
  const invitationOf = (email: string) =>
    one<{ id: string }>(`SELECT id FROM "Invitation" WHERE email = $1`, [email]).then((r) => r.id);

  // Organization A: webhooks, a key, and an event through the ingest API.
  const live = {
    name: `Canary live ${tag}`,
    url: hookUrl(receiver.url, `/canary-live-${tag}/in`),
    id: "",
  };
  live.id = await createWebhook(ownerPage, { name: live.name, url: live.url });
  const testInbox = `matrix-inbox-${tag}@example.test`;
  const test = { name: `Canary test ${tag}`, id: "" };
  test.id = await createWebhook(ownerPage, {
    name: test.name,
    url: `https://canary-test-${tag}.example.test/in`,
    testMode: true,
    testEmails: testInbox,
  });
  const down = {
    name: `Canary failing ${tag}`,
    url: hookUrl(failing.url, `/canary-failing-${tag}/in`),
    id: "",
  };
  down.id = await createWebhook(ownerPage, { name: down.name, url: down.url });
  const apiKey = await createKey(ownerPage, `Canary key ${tag}`);
  const customerEmail = `matrix-customer-${tag}@example.test`;
  const chatId = `canary-chat-${tag}`;
  const externalId = `canary-evt-${tag}`;
  const event = await ingest(apiKey.key, {
    id: externalId,
    type: "chat.closed",
    data: { chat: { customer_email: customerEmail, session_id: chatId } },
  });
  expect(event.deliveries).toBe(3);

  // Organization B: its Owner, a webhook, a key, an event.
  const otherPage = await signedIn(otherOwner, owner.organizationId);
  const otherWebhook = await createWebhook(otherPage, {
    name: `Other hook ${tag}`,
    url: hookUrl(receiver.url, `/other-${tag}/in`),
  });
  const otherKey = await createKey(otherPage, `Other key ${tag}`);
  await ingest(otherKey.key, { type: "chat.closed", data: {} });

  await receiver.waitForRequests(2, 20_000);
  await quiet();
  const deliveryOf = (webhookId: string) =>
    one<{ id: string; status: string }>(
      `SELECT id, status FROM "Delivery" WHERE "webhookId" = $1 ORDER BY "createdAt" LIMIT 1`,
      [webhookId],
    );
  const liveDelivery = await deliveryOf(live.id);
  const testDelivery = await deliveryOf(test.id);
  const failedDelivery = await deliveryOf(down.id);
  expect([liveDelivery.status, testDelivery.status, failedDelivery.status]).toEqual([
    "SUCCEEDED",
    "SUCCEEDED",
    "FAILED",
  ]);
  const testEmail = await one<{ id: string }>(`SELECT id FROM "TestEmail" WHERE "webhookId" = $1`, [
    test.id,
  ]);

  const a = {
    orgId: owner.organizationId,
    orgName: await orgName(owner.organizationId),
    owner: { ...owner, membershipId: await membershipOf(owner.email, owner.organizationId) },
    admin,
    viewer,
    live,
    test,
    failing: down,
    apiKey,
    eventId: event.eventId,
    externalId,
    customerEmail,
    chatId,
    testInbox,
    liveDelivery: liveDelivery.id,
    testDelivery: testDelivery.id,
    failedDelivery: failedDelivery.id,
    testEmail: testEmail.id,
    invitation: await invitationOf(inviteeEmail),
    ownerInvitation: await invitationOf(ownerInviteeEmail),
    inviteeEmail,
    /** The Viewer's invitation, already accepted: its link shows no organization data. */
    acceptedToken: viewer.token,
  };
  const b = {
    orgId: otherOwner.organizationId,
    orgName: await orgName(otherOwner.organizationId),
    owner: otherOwner,
    webhook: otherWebhook,
    apiKey: otherKey,
  };

  /** Organization A's data, none of which may ever reach organization B's Owner. */
  const canaries = [
    a.orgId,
    a.orgName,
    // (The fixture Owner's name is "Owner" and 4 hex digits, too likely shared to be a canary.)
    ...[a.owner, a.admin, a.viewer].flatMap((p) => [p.email, p.membershipId]),
    a.admin.name,
    a.viewer.name,
    ...[a.live, a.test, a.failing].flatMap((w) => [w.id, w.name]),
    a.live.url,
    a.failing.url,
    `canary-test-${tag}`,
    a.apiKey.id,
    a.apiKey.name,
    a.apiKey.key.slice(0, 12),
    a.eventId,
    a.externalId,
    a.customerEmail,
    a.chatId,
    a.testInbox,
    a.liveDelivery,
    a.testDelivery,
    a.failedDelivery,
    a.testEmail,
    a.invitation,
    a.ownerInvitation,
    a.inviteeEmail,
    ownerInviteeEmail,
  ];

  /**
   * Every row of organization A, in one query: compared before and after each refused call,
   * plus which of its members are locked out of signing in (a wrong current password on
   * changePassword counts as a failed sign-in, so the failure counts themselves may move).
   * Leaves out a webhook's failure counters: the engine raises them just after a Live delivery
   * fails for good, so they may still move once no delivery is pending (a caller can only reset
   * them by enabling or editing the webhook, which changes its other columns too).
   */
  async function stateOfA() {
    const rows = (table: string, omit = "") =>
      `(SELECT coalesce(json_agg(to_jsonb(t)${omit} ORDER BY t.id), '[]') FROM "${table}" t WHERE t."organizationId" = $1)`;
    const { state } = await one<{ state: unknown }>(
      `SELECT json_build_object(
         'organization', (SELECT row_to_json(o) FROM "Organization" o WHERE o.id = $1),
         'memberships', ${rows("Membership")}, 'invitations', ${rows("Invitation")},
         'webhooks', ${rows("Webhook", ` - 'consecutiveFailures' - 'failureAlertLevel'`)},
         'apiKeys', ${rows("ApiKey")}, 'events', ${rows("Event")},
         'deliveries', ${rows("Delivery")}, 'attempts', ${rows("DeliveryAttempt")},
         'testEmails', ${rows("TestEmail")},
         'lockedOut', (SELECT coalesce(json_agg(s.email ORDER BY s.email), '[]')
           FROM "SignInThrottle" s WHERE s."lockedUntil" > now() AND s.email IN (SELECT u.email
             FROM "User" u JOIN "Membership" m ON m."userId" = u.id WHERE m."organizationId" = $1))
       ) AS state`,
      [a.orgId],
    );
    return state;
  }

  let serial = 0;
  const next = () => `${tag}-${++serial}`;
  /** Objects of organization A made for one allowed call to act on, so the canaries stay. */
  const throwaway = {
    /** A Test-mode webhook for an event type nothing sends, so it never delivers. */
    webhookValues: () =>
      webhookValues({
        name: `Throwaway ${next()}`,
        eventType: "ticket.created",
        testMode: true,
        testEmails: "throwaway@example.test",
      }),
    webhook: async () => createWebhook(ownerPage, throwaway.webhookValues()),
    /** The same, but live (with a test address kept, so it can go back to Test mode). */
    liveWebhook: async () =>
      createWebhook(ownerPage, { ...throwaway.webhookValues(), testMode: false }),
    apiKey: async () => (await createKey(ownerPage, `Throwaway ${next()}`)).id,
    invitation: async (role: "OWNER" | "VIEWER" = "VIEWER") => {
      const email = `throwaway-${next()}@example.test`;
      await invite(email, role);
      return invitationOf(email);
    },
    member: async () => (await join("VIEWER", `throwaway-${next()}`)).membershipId,
    /** A member locked out by failed sign-ins (the throttle's row, as lib/auth writes it). */
    lockedMember: async () => {
      const person = await join("VIEWER", `locked-${next()}`);
      await db.query(
        `INSERT INTO "SignInThrottle" (email, failures, "lastFailureAt", "lockedUntil")
         VALUES ($1, 5, now(), now() + interval '15 minutes')`,
        [person.email],
      );
      return person.membershipId;
    },
    email: () => `fresh-${next()}@example.test`,
  };

  const as: Record<Caller, Page> = {
    owner: ownerPage,
    admin: await signedIn(admin),
    viewer: await signedIn(viewer),
    other: otherPage,
  };

  return {
    tag,
    a,
    b,
    as,
    canaries,
    stateOfA,
    quiet,
    throwaway,
    async close() {
      await Promise.all(contexts.slice(1).map((c) => c.close()));
      await Promise.all([receiver.close(), failing.close()]);
    },
  };
}
