import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/service";
import { listAuditActors, listAuditEntries } from "@/lib/audit/service";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { redeliver } from "@/lib/delivery-log/service";
import { ForbiddenError, UserError } from "@/lib/errors";
import { changeMemberRole, removeMember } from "@/lib/organizations/service";
import { setRetention } from "@/lib/retention/service";
import { goLive } from "@/lib/test-emails/service";
import { resetDatabase } from "@/lib/testing/db";
import {
  createTestActor,
  createTestOrg,
  createTestWebhook,
  ingestTestEvent,
  webhookFormDefaults,
  type TestOrg,
} from "@/lib/testing/fixtures";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import {
  deleteWebhook,
  duplicateWebhook,
  rotateSigningSecret,
  setWebhookEnabled,
  updateWebhook,
} from "@/lib/webhooks/service";

// The audit trail: every change an admin makes leaves one entry — who, what, which object, and
// a field-level diff with secrets shown only as changed — written in the change's transaction.

let org: TestOrg;
let owner: Actor;
let admin: Actor;
let viewer: Actor;

beforeAll(() => resetDatabase());
afterAll(() => db.$disconnect());

beforeEach(async () => {
  org = await createTestOrg("Acme Support");
  owner = await createTestActor(org, "OWNER");
  admin = await createTestActor(org, "ADMIN");
  viewer = await createTestActor(org, "VIEWER");
});

const entries = async (actor: Actor = owner, filters = {}) =>
  (await listAuditEntries(actor, filters)).rows;

const editValues = (id: string, changes: object) => ({
  ...createWebhookSchema.parse({ ...webhookFormDefaults, name: "CRM" }),
  id,
  ...changes,
});

describe("webhook changes", () => {
  it("records create, edit (field by field), disable, enable, rotate, duplicate and delete", async () => {
    const { id } = await createTestWebhook(admin, { name: "CRM" });
    await updateWebhook(
      admin,
      editValues(id, {
        url: "https://crm.example.com/in",
        authType: "BEARER",
        authToken: "tok_super_secret",
        redactTokens: ["chat.customer_email"],
      }),
    );
    await setWebhookEnabled(admin, id, false);
    await setWebhookEnabled(owner, id, true);
    const { signingSecret } = await rotateSigningSecret(admin, id);
    const copy = await duplicateWebhook(admin, id);
    await deleteWebhook(owner, copy.id);

    const log = await entries();
    expect(log.map((e) => [e.action, e.actorLabel, e.targetLabel])).toEqual([
      ["webhook.deleted", owner.email, "CRM (copy)"],
      ["webhook.duplicated", admin.email, "CRM (copy)"],
      ["webhook.secret_rotated", admin.email, "CRM"],
      ["webhook.enabled", owner.email, "CRM"],
      ["webhook.disabled", admin.email, "CRM"],
      ["webhook.updated", admin.email, "CRM"],
      ["webhook.created", admin.email, "CRM"],
    ]);
    expect(log.find((e) => e.action === "webhook.updated")!.changes).toEqual([
      {
        field: "URL",
        from: "https://receiver.example.com/hooks",
        to: "https://crm.example.com/in",
      },
      { field: "Authentication", from: "None", to: "Bearer" },
      { field: "Masked tokens", from: null, to: "chat.customer_email" },
      { field: "Credential", secret: true },
    ]);
    expect(log.find((e) => e.action === "webhook.secret_rotated")!.changes).toEqual([
      { field: "Signing secret", secret: true },
    ]);
    // Neither the credential nor the signing secret, nor their ciphertexts, are in the log.
    const stored = await db.webhook.findUniqueOrThrow({ where: { id } });
    const raw = JSON.stringify(await db.auditEntry.findMany());
    for (const secret of [
      "tok_super_secret",
      signingSecret,
      signingSecret.slice(6),
      stored.authCredentialsEnc!,
      stored.signingSecretEnc,
    ]) {
      expect(raw).not.toContain(secret);
    }
  });

  it("records nothing for a save that changes nothing, or a change that fails", async () => {
    const { id } = await createTestWebhook(admin, { name: "CRM" });
    await updateWebhook(admin, editValues(id, {}));
    await expect(
      updateWebhook(admin, editValues(id, { authType: "BEARER", authToken: "" })),
    ).rejects.toThrow(UserError);
    await expect(setWebhookEnabled(viewer, id, false)).rejects.toThrow(ForbiddenError);

    expect((await entries()).map((e) => e.action)).toEqual(["webhook.created"]);
  });

  it("records going live from the Test e-mails inbox, and redelivery", async () => {
    const { id } = await createTestWebhook(admin, {
      name: "CRM",
      testMode: true,
      testEmails: "qa@example.com",
    });
    await goLive(admin, id);
    const { deliveries } = await ingestTestEvent(org.id, { webhookId: id });
    await db.delivery.update({ where: { id: deliveries[0]!.id }, data: { status: "FAILED" } });
    await redeliver(owner, deliveries[0]!.id);

    const [redelivered, live] = await entries();
    expect(redelivered).toMatchObject({
      action: "delivery.redelivered",
      targetId: deliveries[0]!.id,
      targetLabel: "chat.closed → CRM",
    });
    expect(live).toMatchObject({
      action: "webhook.updated",
      changes: [{ field: "Test mode", from: "On", to: "Off" }],
    });
  });
});

describe("API keys, members and settings", () => {
  it("records API key creation and revocation, never the key", async () => {
    const { id, key } = await createApiKey(admin, "Chat server");
    await revokeApiKey(owner, id);

    const log = await entries();
    expect(log.map((e) => [e.action, e.targetId])).toEqual([
      ["api_key.revoked", id],
      ["api_key.created", id],
    ]);
    expect(log[0]!.targetLabel).toBe(`Chat server (${key.slice(0, 12)}…)`);
    expect(JSON.stringify(await db.auditEntry.findMany())).not.toContain(key.slice(12));
  });

  it("records role changes, removals and the retention period", async () => {
    const membership = (a: Actor) =>
      db.membership.findFirstOrThrow({ where: { userId: a.userId, organizationId: org.id } });
    await changeMemberRole(owner, (await membership(viewer)).id, "ADMIN");
    await removeMember(owner, (await membership(admin)).id);
    await setRetention(owner, 7);
    await setRetention(owner, 7);

    const [retention, removed, role] = await entries();
    expect(retention).toMatchObject({
      action: "retention.changed",
      changes: [{ field: "Keep for", from: "30 days", to: "7 days" }],
    });
    expect(removed).toMatchObject({
      action: "member.removed",
      targetLabel: admin.email,
      changes: [{ field: "Role", from: "Admin", to: null }],
    });
    expect(role).toMatchObject({
      action: "member.role_changed",
      targetLabel: viewer.email,
      changes: [{ field: "Role", from: "Viewer", to: "Admin" }],
    });
    expect(await entries()).toHaveLength(3);
  });
});

describe("reading the log", () => {
  it("is for Owners and Admins of the organization only", async () => {
    await createTestWebhook(owner, { name: "Ours" });
    const other = await createTestActor(await createTestOrg(), "OWNER");
    await createTestWebhook(other, { name: "Theirs" });

    expect((await entries(admin)).map((e) => e.targetLabel)).toEqual(["Ours"]);
    expect((await entries(other)).map((e) => e.targetLabel)).toEqual(["Theirs"]);
    await expect(listAuditEntries(viewer, {})).rejects.toThrow(ForbiddenError);
  });

  it("filters by action, person, object, name and time, and pages newest first", async () => {
    const a = await createTestWebhook(owner, { name: "Alpha" });
    const b = await createTestWebhook(admin, { name: "Beta" });
    await setWebhookEnabled(admin, a.id, false);

    expect(
      (await entries(owner, { action: "webhook.disabled" })).map((e) => e.targetLabel),
    ).toEqual(["Alpha"]);
    expect((await entries(owner, { actor: admin.userId })).map((e) => e.action)).toEqual([
      "webhook.disabled",
      "webhook.created",
    ]);
    expect((await entries(owner, { target: b.id })).map((e) => e.action)).toEqual([
      "webhook.created",
    ]);
    expect((await entries(owner, { q: "alp" })).map((e) => e.action)).toEqual([
      "webhook.disabled",
      "webhook.created",
    ]);
    expect(await entries(owner, { from: new Date(Date.now() + 60_000).toISOString() })).toEqual([]);
    expect((await listAuditActors(owner)).map((a) => a.label)).toEqual(
      [owner.email, admin.email].sort(),
    );

    const first = await listAuditEntries(owner, {});
    expect(first.next).toBeNull();
    expect(first.rows).toHaveLength(3);
  });
});
