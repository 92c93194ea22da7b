import type { APIRequestContext } from "@playwright/test";
import type { Role } from "@/generated/prisma/enums";
import { can, type Permission } from "@/lib/auth/permissions";
import { actionResult, postAction, serverActions } from "./support/actions";
import { buildWorld, CALLERS, ROLE_OF, type Caller, type World } from "./support/authz-world";
import { expect, test } from "./support/fixtures";
import { apiRoutes, appPages } from "./support/routes";

// The authorization matrix, enumerated from the code: every page under app/, every server action
// in the build and every route handler under app/api, each checked as a member of another
// organization, a Viewer, an Admin and an Owner (the anonymous column of pages and actions is
// authz-anonymous.spec.ts; routes get theirs here). Organization A holds real data; B's Owner
// asks for A's objects by id and must get "not found" or their own organization's answer, never
// A's data, and never a change to A's rows. A page, action or route without an entry in PAGES,
// ACTIONS or ROUTES below fails the test with a message saying to add one.
//
// The documented answers, from lib/auth/permissions.ts (✗: a page answers 200 in the shell
// saying "Only Owners and Admins can …" and shows none of its data, an action answers "Your
// role does not allow this" or "Only Owners can …"):
//
// | needs               | Owner | Admin | Viewer | pages; server actions                              |
// | ------------------- | ----- | ----- | ------ | -------------------------------------------------- |
// | webhooks.read       | ✓     | ✓     | ✓      | /webhooks, /webhooks/[id], /webhooks/[id]/edit     |
// |                     |       |       |        | (read-only for Viewers), /deliveries,              |
// |                     |       |       |        | /deliveries/[id], /test-emails, /test-emails/[id], |
// |                     |       |       |        | /settings/retention, /settings/webhook-policy;     |
// |                     |       |       |        | listDeliveries,                                    |
// |                     |       |       |        | countRecoverable, deliveryOutcomes                 |
// | webhooks.write      | ✓     | ✓     | ✗      | /webhooks/new; createWebhook, updateWebhook,       |
// |                     |       |       |        | duplicateWebhook, setWebhookEnabled,               |
// |                     |       |       |        | deleteWebhook, rotateSigningSecret, checkUrl,      |
// |                     |       |       |        | goLive, backToTestMode, redeliver, recoverFailed,  |
// |                     |       |       |        | verifyWebhookUrl                                   |
// | events.send         | ✓     | ✓     | ✗      | /simulator; sendTestEvent, simulateEvent           |
// | apiKeys.manage      | ✓     | ✓     | ✗      | /settings/api-keys; createApiKey, revokeApiKey     |
// | members.read        | ✓     | ✓     | ✓      | /members                                           |
// | members.invite      | ✓     | ✓     | ✗      | inviteMember, revokeInvitation (as Admin or        |
// |                     |       |       |        | Viewer)                                            |
// | members.manage      | ✓     | ✗     | ✗      | inviteMember, revokeInvitation (as Owner),         |
// |                     |       |       |        | changeMemberRole, removeMember (someone else),     |
// |                     |       |       |        | unlockMember                                       |
// | organization.manage | ✓     | ✗     | ✗      | setRetention, setVerificationPolicy                |
// | any member          | ✓     | ✓     | ✓      | switchOrganization                                 |
// | public              | the same answer for every caller | /, /signin, /setup, /invite/[token],     |
// |                     |                                  | /no-organization; setupOwner ("already   |
// |                     |                                  | done"), acceptInvitation (the token      |
// |                     |                                  | authorizes it, not the session)          |
//
// B's Owner, asking with A's ids and the organization cookie forged to A's id: a page with an id
// of A answers 404 and any other page B's own; an action naming an object of A answers "not
// found", one working on the current organization works on B's (switchOrganization to A: "not
// found"). API routes: /api/health, /api/auth/[...nextauth] (next-auth) and /api/inngest (signed
// by Inngest; 404 on the embedded worker) are public and carry no organization's data, as is
// /api/metrics (a bearer token of its own; 404 here, where none is set);
// /api/v1/events and /api/v1/events/batch take an organization's API key, never a session, and
// act on that organization only.

/**
 * The roles of lib/auth/permissions.ts, as documented. Every expected answer follows from this
 * table; the test first checks that the app's `can` agrees with it, so changing a permission
 * means changing this table too.
 */
const PERMISSIONS: Record<Permission, readonly Role[]> = {
  "webhooks.read": ["OWNER", "ADMIN", "VIEWER"],
  "webhooks.write": ["OWNER", "ADMIN"],
  "members.read": ["OWNER", "ADMIN", "VIEWER"],
  "members.invite": ["OWNER", "ADMIN"],
  "members.manage": ["OWNER"],
  "apiKeys.manage": ["OWNER", "ADMIN"],
  "events.send": ["OWNER", "ADMIN"],
  "organization.manage": ["OWNER"],
  "audit.read": ["OWNER", "ADMIN"],
};

/** Whether a caller's role in organization A has a permission, by the table above. */
const allows = (caller: Caller, permission: Permission) =>
  PERMISSIONS[permission].includes(ROLE_OF[caller]);

const FORBIDDEN = /Your role does not allow this|Only Owners can/;
const NOT_FOUND = /was not found/;

// ── Pages ────────────────────────────────────────────────────────────────────────────────────

type PageRule =
  | {
      /**
       * An admin page: what it needs; a role without it is told `refusal` ("Only Owners and
       * Admins can …") in the shell, and shown none of the page's data.
       */
      needs: Permission;
      refusal?: string;
      /** Organization A's id for the dynamic segment (org B's Owner then gets 404). */
      id?: (w: World) => string;
      /** A query string naming A's objects (list pages filter by them). */
      query?: (w: World) => string;
      /** What an allowed member of A sees of A's data: proof the page showed A's rows. */
      shows: (w: World) => string[];
    }
  | {
      /** A page outside the Admin Panel: the same answer for every signed-in caller. */
      signedIn: { redirect: string } | { status: 200; shows: RegExp };
      id?: (w: World) => string;
    };

const PAGES: Record<string, PageRule> = {
  "/": { signedIn: { redirect: "/webhooks" } },
  "/signin": { signedIn: { redirect: "/webhooks" } },
  "/setup": { signedIn: { redirect: "/signin" } },
  "/no-organization": { signedIn: { status: 200, shows: /not a member of any organization/ } },
  // The token is the credential of this page; an accepted one names no organization.
  "/invite/[token]": {
    id: (w) => w.a.acceptedToken,
    signedIn: { status: 200, shows: /already accepted/ },
  },
  "/webhooks": { needs: "webhooks.read", shows: (w) => [w.a.orgName, w.a.live.name, w.a.live.id] },
  "/webhooks/new": {
    needs: "webhooks.write",
    refusal: "Only Owners and Admins can add webhooks.",
    shows: (w) => [w.a.orgName],
  },
  "/webhooks/[id]": {
    needs: "webhooks.read",
    id: (w) => w.a.live.id,
    shows: (w) => [w.a.live.name, w.a.live.url, w.a.liveDelivery],
  },
  "/webhooks/[id]/edit": {
    needs: "webhooks.read",
    id: (w) => w.a.live.id,
    shows: (w) => [w.a.live.name, w.a.live.url],
  },
  "/deliveries": {
    needs: "webhooks.read",
    query: (w) => `webhook=${w.a.live.id}`,
    shows: (w) => [w.a.liveDelivery, w.a.live.name],
  },
  "/deliveries/[id]": {
    needs: "webhooks.read",
    id: (w) => w.a.liveDelivery,
    shows: (w) => [w.a.customerEmail, w.a.chatId, w.a.live.name],
  },
  "/test-emails": {
    needs: "webhooks.read",
    query: (w) => `webhook=${w.a.test.id}`,
    shows: (w) => [w.a.testEmail, w.a.testInbox],
  },
  "/test-emails/[id]": {
    needs: "webhooks.read",
    id: (w) => w.a.testEmail,
    shows: (w) => [w.a.testInbox, w.a.test.name, w.a.testDelivery],
  },
  "/members": {
    needs: "members.read",
    shows: (w) => [w.a.owner.email, w.a.admin.email, w.a.viewer.email, w.a.inviteeEmail],
  },
  "/settings/api-keys": {
    needs: "apiKeys.manage",
    refusal: "Only Owners and Admins can manage API keys.",
    shows: (w) => [w.a.apiKey.name],
  },
  "/settings/retention": { needs: "webhooks.read", shows: (w) => [w.a.orgName] },
  // Every member reads the policy; only Owners get the switch (setVerificationPolicyAction).
  "/settings/webhook-policy": { needs: "webhooks.read", shows: (w) => [w.a.orgName] },
  "/simulator": {
    needs: "events.send",
    refusal: "Only Owners and Admins can send events from the Event simulator.",
    shows: (w) => [w.a.orgName],
  },
  "/settings/audit-log": {
    needs: "audit.read",
    refusal: "Only Owners and Admins can read the audit log.",
    query: (w) => `target=${w.a.live.id}`,
    shows: (w) => [w.a.live.name, w.a.live.id],
  },
  // Every member reads what erasure does; only Owners get the form (erase*Action below).
  "/settings/erasure": { needs: "webhooks.read", shows: (w) => [w.a.orgName] },
  "/account": { needs: "webhooks.read", shows: (w) => [w.a.orgName] },
};

/** "200" (showing these, and none of `hides`), "404", or "→ /path" (a redirect). */
type PageAnswer = { answer: string; shows?: string[] | RegExp; hides?: string[] };

function pageAnswer(rule: PageRule, caller: Caller, w: World): PageAnswer {
  if ("signedIn" in rule) {
    const expected = rule.signedIn;
    return "redirect" in expected
      ? { answer: `→ ${expected.redirect}` }
      : { answer: "200", shows: expected.shows };
  }
  if (caller === "other")
    return rule.id ? { answer: "404" } : { answer: "200", shows: [w.b.orgName] };
  if (allows(caller, rule.needs)) return { answer: "200", shows: rule.shows(w) };
  // Refused in the shell (which names the organization): none of the rest of the page's data.
  return {
    answer: "200",
    shows: [rule.refusal ?? "(no refusal: add `refusal` to PAGES)"],
    hides: rule.shows(w).filter((s) => s !== w.a.orgName),
  };
}

// ── Server actions ───────────────────────────────────────────────────────────────────────────
//
// Each entry gives VALID input aimed at organization A (role checks run after validation, so
// junk input proves nothing). Callers are run refusals first; an allowed call acts on a
// throwaway object where it would destroy the target of the others.

type ActionRule = {
  /** What the service checks (lib/auth/permissions.ts); "member": any member; "public": no session. */
  needs: Permission | "member" | "public";
  /**
   * What organization B's Owner gets: "not found" when the input names an object of A, or
   * "own organization" when the action works on the caller's current organization (B's).
   */
  otherOrg?: "not found" | "own organization";
  input: (w: World, call: { caller: Caller; allowed: boolean }) => unknown;
  /** An allowed call changes A's rows: the control that makes "unchanged" mean something. */
  changes?: true;
  /** What an allowed member of A is answered of A's data. */
  shows?: (w: World) => string[];
  /** Public actions: what every caller is told. */
  answer?: RegExp;
};

const hourAgo = () => new Date(Date.now() - 3600_000).toISOString();

const ACTIONS: Record<string, ActionRule | ActionRule[]> = {
  createWebhookAction: {
    needs: "webhooks.write",
    otherOrg: "own organization",
    changes: true,
    input: (w) => w.throwaway.webhookValues(),
  },
  updateWebhookAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    // Refused callers try to point A's live webhook at their own receiver.
    input: async (w, { allowed }) => ({
      ...w.throwaway.webhookValues(),
      id: allowed ? await w.throwaway.webhook() : w.a.live.id,
      url: "https://attacker.example.test/steal",
    }),
  },
  duplicateWebhookAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({ id: allowed ? await w.throwaway.webhook() : w.a.live.id }),
  },
  setWebhookEnabledAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({
      id: allowed ? await w.throwaway.webhook() : w.a.live.id,
      enabled: false,
    }),
  },
  deleteWebhookAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({ id: allowed ? await w.throwaway.webhook() : w.a.live.id }),
  },
  rotateSigningSecretAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({ id: allowed ? await w.throwaway.webhook() : w.a.live.id }),
  },
  // Resolves a URL as deliveries would: part of editing a webhook, and names the addresses
  // internal host names resolve to, so not for read-only members.
  checkUrlAction: {
    needs: "webhooks.write",
    otherOrg: "own organization",
    input: (w) => ({ url: w.a.live.url }),
  },
  // Calls the webhook's URL (the echo check) and records the result on the webhook.
  verifyWebhookUrlAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({ id: allowed ? await w.throwaway.webhook() : w.a.live.id }),
  },
  goLiveAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({
      webhookId: allowed ? await w.throwaway.webhook() : w.a.test.id,
    }),
  },
  // Refused callers try to switch A's live webhook to Test mode (its deliveries stop).
  backToTestModeAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({
      webhookId: allowed ? await w.throwaway.liveWebhook() : w.a.live.id,
    }),
  },
  listDeliveriesAction: {
    needs: "webhooks.read",
    otherOrg: "own organization",
    input: (w) => ({ webhook: w.a.live.id }),
    shows: (w) => [w.a.liveDelivery, w.a.live.name],
  },
  redeliverAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: (w) => ({ id: w.a.liveDelivery }),
  },
  countRecoverableAction: {
    needs: "webhooks.read",
    otherOrg: "not found",
    input: (w) => ({ webhookId: w.a.failing.id, since: hourAgo() }),
  },
  recoverFailedAction: {
    needs: "webhooks.write",
    otherOrg: "not found",
    changes: true,
    input: (w) => ({ webhookId: w.a.failing.id, since: hourAgo(), confirm: true }),
  },
  sendTestEventAction: {
    needs: "events.send",
    otherOrg: "not found",
    changes: true,
    input: (w) => ({ webhookId: w.a.test.id }),
  },
  simulateEventAction: {
    needs: "events.send",
    otherOrg: "own organization",
    changes: true,
    input: (w) => ({
      type: "chat.closed",
      data: JSON.stringify({ chat: { customer_email: w.throwaway.email() } }),
    }),
  },
  deliveryOutcomesAction: {
    needs: "webhooks.read",
    otherOrg: "own organization",
    input: (w) => ({ ids: [w.a.liveDelivery, w.a.testDelivery, w.a.failedDelivery] }),
    shows: (w) => [w.a.live.name, w.a.test.name, w.a.failing.name],
  },
  createApiKeyAction: {
    needs: "apiKeys.manage",
    otherOrg: "own organization",
    changes: true,
    input: (w) => ({ name: `Matrix key ${w.tag}` }),
  },
  revokeApiKeyAction: {
    needs: "apiKeys.manage",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({ id: allowed ? await w.throwaway.apiKey() : w.a.apiKey.id }),
  },
  inviteMemberAction: [
    {
      needs: "members.invite",
      otherOrg: "own organization",
      changes: true,
      input: (w) => ({ email: w.throwaway.email(), role: "VIEWER" }),
    },
    // Only Owners make Owners.
    {
      needs: "members.manage",
      otherOrg: "own organization",
      changes: true,
      input: (w) => ({ email: w.throwaway.email(), role: "OWNER" }),
    },
  ],
  revokeInvitationAction: [
    {
      needs: "members.invite",
      otherOrg: "not found",
      changes: true,
      input: async (w, { allowed }) => ({
        id: allowed ? await w.throwaway.invitation("VIEWER") : w.a.invitation,
      }),
    },
    // Withdrawing an invitation to become Owner is managing Owners too.
    {
      needs: "members.manage",
      otherOrg: "not found",
      changes: true,
      input: async (w, { allowed }) => ({
        id: allowed ? await w.throwaway.invitation("OWNER") : w.a.ownerInvitation,
      }),
    },
  ],
  // Refused callers try to make themselves Owner (B's Owner: to demote A's Owner).
  changeMemberRoleAction: {
    needs: "members.manage",
    otherOrg: "not found",
    changes: true,
    input: async (w, { caller, allowed }) =>
      allowed
        ? { membershipId: await w.throwaway.member(), role: "ADMIN" }
        : caller === "other"
          ? { membershipId: w.a.owner.membershipId, role: "VIEWER" }
          : { membershipId: w.a[caller].membershipId, role: "OWNER" },
  },
  // Removing someone else (leaving, i.e. removing oneself, is open to every member).
  removeMemberAction: {
    needs: "members.manage",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({
      membershipId: allowed ? await w.throwaway.member() : w.a.owner.membershipId,
    }),
  },
  // Lifting a sign-in lock (too many failed sign-ins). Refused callers try to unlock A's Owner,
  // who is not locked: the role check comes first, so they are told "forbidden" / "not found".
  unlockMemberAction: {
    needs: "members.manage",
    otherOrg: "not found",
    changes: true,
    input: async (w, { allowed }) => ({
      membershipId: allowed ? await w.throwaway.lockedMember() : w.a.owner.membershipId,
    }),
  },
  switchOrganizationAction: {
    needs: "member",
    otherOrg: "not found",
    input: (w) => ({ organizationId: w.a.orgId }),
  },
  backtestConditionsAction: {
    needs: "webhooks.read",
    otherOrg: "own organization",
    input: () => ({
      eventType: "chat.closed",
      conditions: [{ rules: [{ token: "chat.session_id", operator: "is_not_empty", value: "" }] }],
    }),
  },
  // An address nothing names: the role check is what is tested, not deleting A's events.
  countCustomerDataAction: {
    needs: "organization.manage",
    otherOrg: "own organization",
    input: (w) => ({ email: w.throwaway.email() }),
  },
  eraseCustomerDataAction: {
    needs: "organization.manage",
    otherOrg: "own organization",
    input: (w) => ({ email: w.throwaway.email() }),
  },
  // Any signed-in person changes their own password, and only with the current one: a wrong
  // one is refused for everyone (a right one would end the other callers' sessions).
  changePasswordAction: {
    needs: "public",
    answer: /Your current password is not right/,
    input: () => ({
      currentPassword: "not the password",
      newPassword: "a new passphrase here",
      confirmPassword: "a new passphrase here",
    }),
  },
  setRetentionAction: {
    needs: "organization.manage",
    otherOrg: "own organization",
    changes: true,
    input: () => ({ days: 45 }),
  },
  // On, then off again: left on, it would refuse goLiveAction's unverified throwaway webhook.
  setVerificationPolicyAction: [true, false].map((requireVerifiedUrl): ActionRule => ({
    needs: "organization.manage",
    otherOrg: "own organization",
    changes: true,
    input: () => ({ requireVerifiedUrl }),
  })),
  // The invitation token, not the session, is what authorizes accepting.
  acceptInvitationAction: {
    needs: "public",
    answer: /already accepted/,
    input: (w) => ({ token: w.a.acceptedToken, name: "Mallory", password: "mallory's password" }),
  },
  setupOwnerAction: {
    needs: "public",
    answer: /Setup is already done/,
    input: (w) => ({
      name: "Mallory",
      email: w.throwaway.email(),
      password: "mallory's password",
      organizationName: "Mallory Inc",
    }),
  },
};

type ActionAnswer = "allowed" | "forbidden" | "not found" | RegExp;

function actionAnswer(rule: ActionRule, caller: Caller): ActionAnswer {
  if (rule.needs === "public") return rule.answer ?? /(no answer: add `answer` to ACTIONS)/;
  if (caller === "other") return rule.otherOrg === "own organization" ? "allowed" : "not found";
  return rule.needs === "member" || allows(caller, rule.needs) ? "allowed" : "forbidden";
}

// ── API routes ───────────────────────────────────────────────────────────────────────────────

type RouteCaller = Caller | "anonymous";
type RouteCheck = (
  w: World,
  caller: RouteCaller,
  request: APIRequestContext,
) => Promise<{ problems: string[]; bodies: string[] }>;
type RouteRule = { methods: string[]; check: RouteCheck };

type IngestAnswer = { eventId?: string; deliveries?: number; duplicate?: boolean };

/**
 * An ingest route (one event, or a batch of one): B's key with A's external id makes B's own
 * event, no key is 401, A's rows do not move; with A's key the same id is A's duplicate. Every
 * other method answers 405, with or without a key, and reads nothing.
 */
function ingestRoute(
  path: string,
  how: {
    wrap(event: object): object;
    status: { created: number; duplicate: number };
    read(answer: unknown): IngestAnswer;
  },
): RouteRule {
  return {
    methods: ["GET", "POST", "PUT", "PATCH", "DELETE"],
    check: async (w, caller, request) => {
      const others = await Promise.all(
        ["GET", "PUT", "PATCH", "DELETE"].map(async (method) => {
          const response = await request.fetch(path, {
            method,
            headers: caller === "other" ? { Authorization: `Bearer ${w.b.apiKey.key}` } : {},
          });
          return { method, status: response.status(), body: await response.text() };
        }),
      );
      // The same external id as A's event: a duplicate check not scoped by organization would
      // hand A's event id back, or swallow B's event.
      const event = how.wrap({ id: w.a.externalId, type: "chat.closed", data: {} });
      const before = await w.stateOfA();
      const problems = others
        .filter((o) => o.status !== 405)
        .map((o) => `${o.method} answered ${o.status}`);
      const bodies = others.map((o) => o.body);
      if (caller === "other") {
        const response = await request.post(path, {
          headers: { Authorization: `Bearer ${w.b.apiKey.key}` },
          data: event,
        });
        const body = await response.text();
        bodies.push(body);
        const answer = how.read(JSON.parse(body));
        // B's own event: new, or (when the other ingest route ran first) B's own duplicate.
        const asB = answer.duplicate
          ? response.status() === how.status.duplicate
          : response.status() === how.status.created && answer.deliveries === 1;
        if (!asB || answer.eventId === w.a.eventId)
          problems.push(`B's key answered ${response.status()} ${body}`);
        await w.quiet();
      } else {
        // No key: a session (or nothing) is not an API key.
        const response = await request.post(path, { data: event });
        bodies.push(await response.text());
        if (response.status() !== 401) problems.push(`without a key: ${response.status()}`);
      }
      if (JSON.stringify(await w.stateOfA()) !== JSON.stringify(before))
        problems.push("organization A's rows changed");
      if (caller === "owner") {
        // Control: with A's own key the same id is A's duplicate.
        const response = await request.post(path, {
          headers: { Authorization: `Bearer ${w.a.apiKey.key}` },
          data: event,
        });
        const answer = how.read(await response.json());
        if (
          response.status() !== how.status.duplicate ||
          answer.eventId !== w.a.eventId ||
          !answer.duplicate
        )
          problems.push(`A's key did not answer A's duplicate: ${JSON.stringify(answer)}`);
      }
      return { problems, bodies };
    },
  };
}

const ROUTES: Record<string, RouteRule> = {
  "/api/health": {
    methods: ["GET"],
    check: async (_w, _caller, request) => {
      const response = await request.get("/api/health");
      const body = await response.text();
      // The same fixed words and counts for everyone (lib/health/readiness.ts).
      const health = JSON.parse(body) as Record<string, unknown>;
      const problems =
        response.status() === 200 &&
        health.status === "ok" &&
        Object.keys(health).every((k) =>
          ["status", "configuration", "database", "migrations", "engine", "queue"].includes(k),
        )
          ? []
          : [`GET answered ${response.status()} ${body}`];
      return { problems, bodies: [body] };
    },
  },
  "/api/metrics": {
    methods: ["GET"],
    // The e2e server has no METRICS_TOKEN: the route does not exist for anyone, signed in or not
    // (lib/metrics/metrics.int.test.ts scrapes it with one).
    check: async (_w, _caller, request) => {
      const response = await request.get("/api/metrics");
      const body = await response.text();
      return {
        problems: response.status() === 404 ? [] : [`GET answered ${response.status()}`],
        bodies: [body],
      };
    },
  },
  "/api/auth/[...nextauth]": {
    methods: ["GET", "POST"],
    // The session endpoint tells each caller about themselves only. (POST is sign-in and
    // sign-out, which every signed-in caller of this test went through.)
    check: async (w, caller, request) => {
      const response = await request.get("/api/auth/session");
      const body = await response.text();
      const session = JSON.parse(body) as { user?: { email?: string } };
      const email =
        caller === "anonymous"
          ? undefined
          : caller === "other"
            ? w.b.owner.email
            : w.a[caller].email;
      const problems =
        response.status() === 200 && session.user?.email === email
          ? []
          : [`GET /api/auth/session answered ${response.status()} ${body}`];
      return { problems, bodies: [body] };
    },
  },
  "/api/inngest": {
    methods: ["GET", "POST", "PUT"],
    check: async (_w, _caller, request) => {
      const problems: string[] = [];
      const bodies: string[] = [];
      for (const method of ["GET", "POST", "PUT"]) {
        const response = await request.fetch("/api/inngest", { method, data: {} });
        bodies.push(await response.text());
        if (response.status() !== 404) problems.push(`${method} answered ${response.status()}`);
      }
      return { problems, bodies };
    },
  },
  "/api/v1/events": ingestRoute("/api/v1/events", {
    wrap: (event) => event,
    status: { created: 202, duplicate: 200 },
    read: (answer) => answer as IngestAnswer,
  }),
  "/api/v1/events/batch": ingestRoute("/api/v1/events/batch", {
    wrap: (event) => ({ events: [event] }),
    status: { created: 207, duplicate: 207 },
    read: (answer) => (answer as { results: IngestAnswer[] }).results[0]!,
  }),
};

// ── The test ─────────────────────────────────────────────────────────────────────────────────

/** Org A's data found in a body, leaving out what the caller sent (an echo is no leak). */
function leaked(w: World, body: string, sent: string) {
  return w.canaries.filter((c) => !sent.includes(c) && body.includes(c));
}

/**
 * A page's answer — "200", "404" or "→ /webhooks" — and its body, as HTML (the HTTP status) or
 * as the RSC payload a client-side navigation fetches. The latter is 200 whatever happens: a
 * redirect or a not-found travels in it as the error digest the router acts on.
 */
async function fetchPage(request: APIRequestContext, url: string, rsc: boolean) {
  const headers: Record<string, string> = rsc ? { RSC: "1" } : {};
  let response = await request.get(url, { headers, maxRedirects: 0 });
  let location = response.headers()["location"] ?? "";
  // Next first answers an RSC request lacking its cache-busting `_rsc` parameter with a redirect
  // to the same URL with it: that is not the page's answer, so it is followed.
  if (rsc && /[?&]_rsc\b/.test(location) && location.split("?")[0] === url.split("?")[0]) {
    response = await request.get(location, { headers, maxRedirects: 0 });
    location = response.headers()["location"] ?? "";
  }
  const status = response.status();
  const body = await response.text();
  const digest = rsc
    ? (/NEXT_REDIRECT;(?:replace|push);([^;]*);/.exec(body)?.[1] ??
      /NEXT_HTTP_ERROR_FALLBACK;(\d+)/.exec(body)?.[1])
    : undefined;
  if (digest) return { answer: /^\d+$/.test(digest) ? digest : `→ ${digest}`, body };
  if (status >= 300 && status < 400) return { answer: `→ ${location.split("?")[0]}`, body };
  return { answer: String(status), body };
}

test("authorization matrix: every page, server action and API route × another organization, Viewer, Admin, Owner", async ({
  page,
  owner,
  otherOwner,
  browser,
  request,
  playwright,
  db,
}, info) => {
  test.setTimeout(180_000);
  const started = Date.now();

  // The documented roles are the app's.
  for (const [permission, roles] of Object.entries(PERMISSIONS) as [Permission, Role[]][]) {
    for (const role of ["OWNER", "ADMIN", "VIEWER"] as const) {
      expect(
        can(role, permission),
        `lib/auth/permissions.ts and PERMISSIONS in this spec disagree on ${role} ${permission}`,
      ).toBe(roles.includes(role));
    }
  }

  const pages = appPages();
  const actions = serverActions();
  const routes = apiRoutes();
  // Everything the code has is in the tables, and nothing else: or the test says what to add.
  const coverage = [
    ...pages.filter((p) => !(p in PAGES)).map((p) => `page ${p}: add an entry to PAGES`),
    ...actions
      .filter((a) => !(a.name in ACTIONS))
      .map(
        (a) =>
          `server action ${a.name} (${a.file}): add an entry to ACTIONS, with valid input aimed at organization A and the permission its service checks`,
      ),
    ...routes
      .filter((r) => !(r.route in ROUTES))
      .map((r) => `API route ${r.route}: add an entry to ROUTES`),
    ...routes
      .filter((r) => r.route in ROUTES && r.methods.join() !== ROUTES[r.route]!.methods.join())
      .map(
        (r) => `API route ${r.route} exports ${r.methods.join(", ")}: extend its check in ROUTES`,
      ),
    ...Object.keys(PAGES)
      .filter((p) => !pages.includes(p))
      .map((p) => `PAGES has ${p}, which is no page any more`),
    ...Object.keys(ACTIONS)
      .filter((n) => !actions.some((a) => a.name === n))
      .map((n) => `ACTIONS has ${n}, which is no server action any more`),
    ...Object.keys(ROUTES)
      .filter((r) => !routes.some((x) => x.route === r))
      .map((r) => `ROUTES has ${r}, which is no route any more`),
  ];
  expect(coverage, "the matrix's tables do not match the code").toEqual([]);

  const entries = pages.length + actions.length + routes.length;
  const size =
    `authorization matrix: ${pages.length} pages + ${actions.length} server actions + ` +
    `${routes.length} API routes = ${entries} entries × 5 callers (anonymous, other organization, ` +
    `Viewer, Admin, Owner) = ${entries * 5} cells; this spec checks ` +
    `${(pages.length + actions.length) * CALLERS.length + routes.length * (CALLERS.length + 1)} ` +
    `of them, authz-anonymous.spec.ts the anonymous column of pages and actions`;
  console.log(size);
  info.annotations.push({ type: "matrix", description: size });

  const baseURL = info.project.use.baseURL!;
  // Invitations are accepted from a context of their own (accepting sets an organization cookie).
  const joiner = await playwright.request.newContext({ baseURL });
  const checked = { pages: 0, actions: 0, routes: 0 };
  const w = await buildWorld({
    browser,
    baseURL,
    ownerPage: page,
    owner,
    otherOwner,
    anonymous: joiner,
    db,
  });
  try {
    await test.step(`pages: ${pages.length} × ${CALLERS.length} callers, HTML and RSC`, async () => {
      const problems: string[] = [];
      for (const route of pages) {
        const rule = PAGES[route]!;
        const path = rule.id ? route.replace(/\[[^\]]+\]/, rule.id(w)) : route;
        const url = "query" in rule && rule.query ? `${path}?${rule.query(w)}` : path;
        await Promise.all(
          CALLERS.flatMap((caller) =>
            [false, true].map(async (rsc) => {
              const cell = `${route} as ${caller}${rsc ? " (RSC)" : ""}`;
              checked.pages += rsc ? 0 : 1;
              const expected = pageAnswer(rule, caller, w);
              const got = await fetchPage(w.as[caller].request, url, rsc);
              if (got.answer !== expected.answer) {
                problems.push(`${cell}: expected ${expected.answer}, got ${got.answer}`);
              } else if (expected.shows) {
                const missing = Array.isArray(expected.shows)
                  ? expected.shows.filter((s) => !got.body.includes(s))
                  : expected.shows.test(got.body)
                    ? []
                    : [String(expected.shows)];
                if (missing.length) problems.push(`${cell}: does not show ${missing.join(", ")}`);
                // (What the URL itself names comes back in the page's payload: no leak.)
                const shown = (expected.hides ?? []).filter(
                  (s) => !url.includes(s) && got.body.includes(s),
                );
                if (shown.length) problems.push(`${cell}: refused, yet shows ${shown.join(", ")}`);
              }
              if (caller === "other") {
                const found = leaked(w, got.body, url);
                if (found.length)
                  problems.push(`${cell}: shows organization A's ${found.join(", ")}`);
              }
            }),
          ),
        );
      }
      expect.soft(problems, "page cells that broke").toEqual([]);
    });

    await test.step(`server actions: ${actions.length} × ${CALLERS.length} callers`, async () => {
      const problems: string[] = [];
      for (const action of actions) {
        const rules = [ACTIONS[action.name]!].flat();
        for (const [i, rule] of rules.entries()) {
          const name = rules.length > 1 ? `${action.name} (input ${i + 1})` : action.name;
          // Refusals first, so the allowed calls come after every refused one had its target.
          const plan = CALLERS.map((caller) => ({
            caller,
            answer: actionAnswer(rule, caller),
          })).sort((x, y) => Number(x.answer === "allowed") - Number(y.answer === "allowed"));
          for (const { caller, answer } of plan) {
            const cell = `${name} as ${caller}`;
            checked.actions++;
            const input = await rule.input(w, { caller, allowed: answer === "allowed" });
            const before = JSON.stringify(await w.stateOfA());
            const { status, text } = await postAction(w.as[caller], action, input);
            await w.quiet();
            const changed = JSON.stringify(await w.stateOfA()) !== before;
            const result = actionResult(text);
            const error = result?.serverError ?? "";
            if (status !== 200 || !result) {
              problems.push(`${cell}: no action result (HTTP ${status})`);
              continue;
            }
            if (result.validationErrors) {
              problems.push(
                `${cell}: the input in ACTIONS is not valid, so no role check ran: ${JSON.stringify(result.validationErrors)}`,
              );
              continue;
            }
            if (answer === "allowed") {
              if (error) problems.push(`${cell}: expected to be allowed, got "${error}"`);
              if (rule.changes && caller !== "other" && !changed)
                problems.push(`${cell}: allowed, but organization A's rows did not change`);
              const missing =
                caller === "other" ? [] : (rule.shows?.(w) ?? []).filter((s) => !text.includes(s));
              if (missing.length)
                problems.push(`${cell}: the answer does not show ${missing.join(", ")}`);
            } else {
              const pattern =
                answer === "forbidden" ? FORBIDDEN : answer === "not found" ? NOT_FOUND : answer;
              if (!pattern.test(error))
                problems.push(
                  `${cell}: expected ${answer}, got ${error ? `"${error}"` : JSON.stringify(result)}`,
                );
            }
            if (changed && (answer !== "allowed" || caller === "other"))
              problems.push(`${cell}: organization A's rows changed`);
            if (caller === "other") {
              const found = leaked(w, text, JSON.stringify(input));
              if (found.length)
                problems.push(`${cell}: answers organization A's ${found.join(", ")}`);
            }
          }
        }
      }
      expect.soft(problems, "server action cells that broke").toEqual([]);
    });

    await test.step(`API routes: ${routes.length} × ${CALLERS.length + 1} callers`, async () => {
      const problems: string[] = [];
      for (const { route } of routes) {
        for (const caller of ["anonymous", ...CALLERS] as const) {
          const context = caller === "anonymous" ? request : w.as[caller].request;
          const result = await ROUTES[route]!.check(w, caller, context);
          checked.routes++;
          problems.push(...result.problems.map((p) => `${route} as ${caller}: ${p}`));
          if (caller === "other" || caller === "anonymous") {
            const found = result.bodies.flatMap((body) => leaked(w, body, ""));
            if (found.length)
              problems.push(`${route} as ${caller}: answers organization A's ${found.join(", ")}`);
          }
        }
      }
      expect.soft(problems, "API route cells that broke").toEqual([]);
    });
  } finally {
    await w.close();
    await joiner.dispose();
  }
  console.log(
    `checked ${checked.pages} page cells (each as HTML and RSC), ${checked.actions} action calls ` +
      `(inputs × callers) and ${checked.routes} route cells in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
});
