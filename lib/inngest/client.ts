import { Inngest } from "inngest";

/** The event that asks for a delivery to be attempted (one per delivery). */
export const DELIVERY_REQUESTED = "webhooks/delivery.requested";

/** An opening event started a time-based webhook's timer (one per timer). */
export const TIMER_STARTED = "webhooks/timer.started";

/** An answering event arrived for a chat or message (data.matchKey, as in TIMER_STARTED). */
export const TIMER_ANSWERED = "webhooks/timer.answered";

// The Inngest client. It reads INNGEST_EVENT_KEY, INNGEST_SIGNING_KEY, INNGEST_DEV and
// INNGEST_BASE_URL itself; lib/env.ts decides whether Inngest is the engine at all.
export const inngest = new Inngest({ id: "webhooks-admin" });
