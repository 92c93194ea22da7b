import { Inngest } from "inngest";

/** The event that asks for a delivery to be attempted (one per delivery). */
export const DELIVERY_REQUESTED = "webhooks/delivery.requested";

// The Inngest client. It reads INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_DEV and
// INNGEST_BASE_URL itself; lib/env.ts decides whether Inngest is the engine at all.
export const inngest = new Inngest({ id: "webhooks-admin" });
