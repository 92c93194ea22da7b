// `npm run seed -- --url <receiver URL> [--live] [--webhooks N] [--template JSON]`: creates an
// organization with an owner, N webhooks for Chat Closed pointing at the URL, and an API key,
// through the app's own services, and prints them as JSON. For demos, the bench and the crash
// test. Runs with Node's react-server condition (see package.json) so server modules load.
import { parseArgs } from "node:util";
import { createApiKey } from "@/lib/api-keys/service";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import { newWebhookDefaults } from "@/lib/webhooks/form-values";
import { createWebhookSchema } from "@/lib/webhooks/schemas";
import { createWebhook } from "@/lib/webhooks/service";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    live: { type: "boolean", default: false },
    webhooks: { type: "string", default: "1" },
    template: {
      type: "string",
      default: '{"chat": {{chat.session_id}}, "email": {{chat.customer_email}}}',
    },
    email: { type: "string", default: `owner-${Date.now()}@example.test` },
    password: { type: "string", default: "correct horse battery" },
  },
});
if (!values.url) {
  console.error(
    "Usage: npm run seed -- --url https://receiver.example/hook [--live] [--webhooks N]",
  );
  process.exit(2);
}

const org = await db.organization.create({ data: { name: "Demo Support" } });
const user = await db.user.create({
  data: {
    email: values.email!,
    name: "Demo Owner",
    passwordHash: await hashPassword(values.password!),
  },
});
await db.membership.create({ data: { userId: user.id, organizationId: org.id, role: "OWNER" } });
const actor: Actor = {
  userId: user.id,
  email: user.email,
  name: user.name,
  organizationId: org.id,
  organizationName: org.name,
  role: "OWNER",
};

const webhooks = [];
for (let i = 1; i <= Number(values.webhooks); i++) {
  const input = createWebhookSchema.parse({
    ...newWebhookDefaults(user.email),
    name: `Receiver ${i}`,
    url: values.url,
    payloadTemplate: values.template,
    testMode: !values.live,
  });
  webhooks.push({ ...(await createWebhook(actor, input)), name: input.name });
}
const apiKey = await createApiKey(actor, "Seeded key");
console.log(
  JSON.stringify({
    organizationId: org.id,
    email: user.email,
    password: values.password,
    apiKey: apiKey.key,
    webhooks,
  }),
);
await db.$disconnect();
