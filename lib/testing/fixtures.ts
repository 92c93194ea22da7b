import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import type { Role } from "@/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { EventTypeKey } from "@/lib/events/catalog";
import { ingestEvent } from "@/lib/events/ingest";
import { sampleData, type SampleData } from "@/lib/events/sample-data";
import { createWebhookSchema, type WebhookFormValues } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/service";

// Rows for *.int.test.ts, made through the same services and schemas the app uses, so a test
// starts from data the product itself could have written.

export type TestOrg = { id: string; name: string };

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A new organization. */
export async function createTestOrg(name = `Org ${unique()}`): Promise<TestOrg> {
  return db.organization.create({ data: { name }, select: { id: true, name: true } });
}

/** A user with `role` in `org`, as the Actor the services take. */
export async function createTestActor(
  org: TestOrg,
  role: Role = "OWNER",
  email = `${role.toLowerCase()}-${unique()}@example.test`,
): Promise<Actor> {
  const name = `${role} of ${org.name}`;
  // No test signs in through these users: any stored string will do as the hash.
  const user = await db.user.create({ data: { email, name, passwordHash: "unused" } });
  await db.membership.create({ data: { userId: user.id, organizationId: org.id, role } });
  return { userId: user.id, email, name, organizationId: org.id, organizationName: org.name, role };
}

/** A new organization and its Owner. */
export async function createTestOwner(): Promise<{ org: TestOrg; actor: Actor }> {
  const org = await createTestOrg();
  return { org, actor: await createTestActor(org, "OWNER") };
}

/** Add Event form values for a Live Chat Closed webhook with a small JSON payload. */
export const webhookFormDefaults: WebhookFormValues = {
  ...newWebhookDefaults(""),
  payloadTemplate: '{"session": "{{chat.session_id}}", "country": "{{customer.country}}"}',
  url: "https://receiver.example.com/hooks",
  testMode: false,
  timeoutSeconds: 5,
};

/** Creates a webhook as `actor` from the defaults and `overrides`, parsed as the action parses. */
export async function createTestWebhook(
  actor: Actor,
  overrides: Partial<WebhookFormValues> = {},
): Promise<{ id: string; signingSecret: string }> {
  const values = createWebhookSchema.parse({ ...webhookFormDefaults, ...overrides });
  return createWebhook(actor, values);
}

/** Event data for `type` from the catalog's samples, with `patch` merged in per section. */
export function testEventData(
  type: EventTypeKey = "chat.closed",
  patch: SampleData = {},
): SampleData {
  const data = sampleData(type);
  for (const [section, values] of Object.entries(patch)) {
    data[section] = { ...data[section], ...values };
  }
  return data;
}

/** Ingests one event as the API would (for `webhookId` only, if given); returns its deliveries. */
export async function ingestTestEvent(
  organizationId: string,
  {
    type = "chat.closed",
    patch = {},
    webhookId,
  }: { type?: EventTypeKey; patch?: SampleData; webhookId?: string } = {},
) {
  const body = { type, data: testEventData(type, patch) };
  return ingestEvent(organizationId, body, "api", webhookId ? { webhookId } : undefined);
}
