"use server";

import {
  deliveryOutcomesSchema,
  sendTestEventSchema,
  simulateEventSchema,
} from "@/lib/events/schemas";
import * as events from "@/lib/events/service";
import { orgAction } from "@/lib/safe-action";

// Server actions: Send test event, the Event simulator, and their live outcomes.

export const sendTestEventAction = orgAction
  .inputSchema(sendTestEventSchema)
  .action(({ ctx, parsedInput }) => events.sendTestEvent(ctx.actor, parsedInput.webhookId));

export const simulateEventAction = orgAction
  .inputSchema(simulateEventSchema)
  .action(({ ctx, parsedInput }) =>
    events.simulateEvent(ctx.actor, parsedInput.type, parsedInput.data),
  );

export const deliveryOutcomesAction = orgAction
  .inputSchema(deliveryOutcomesSchema)
  .action(({ ctx, parsedInput }) => events.deliveryOutcomes(ctx.actor, parsedInput.ids));
