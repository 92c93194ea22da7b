import { z } from "zod";
import { eventTypeKeys } from "@/lib/events/catalog";

// Schemas of the test-event and simulator actions, shared with their forms.

export const sendTestEventSchema = z.object({ webhookId: z.string().min(1) });

export const simulateEventSchema = z.object({
  type: z.enum(eventTypeKeys, { error: "Choose an event type." }),
  /** The event's `data` as JSON text, as edited in the simulator. */
  data: z.string().max(256 * 1024, "The event data is limited to 256 KiB."),
});

export const deliveryOutcomesSchema = z.object({ ids: z.array(z.string().min(1)).max(100) });
