"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import * as deliveries from "@/lib/delivery-log/service";
import { deliveryFiltersSchema, deliveryIdSchema, recoverSchema } from "@/lib/delivery-log/schemas";
import { orgAction } from "@/lib/safe-action";

// Server actions of the delivery log: live refresh of a page, Redeliver, Recover.

export const listDeliveriesAction = orgAction
  .inputSchema(deliveryFiltersSchema)
  .action(({ ctx, parsedInput }) => deliveries.listDeliveries(ctx.actor, parsedInput));

export const redeliverAction = orgAction
  .inputSchema(deliveryIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await deliveries.redeliver(ctx.actor, parsedInput.id);
    revalidatePath(`/deliveries/${parsedInput.id}`);
    return result;
  });

export const countRecoverableAction = orgAction
  .inputSchema(recoverSchema)
  .action(({ ctx, parsedInput }) =>
    deliveries.countRecoverable(ctx.actor, parsedInput.webhookId, new Date(parsedInput.since)),
  );

export const recoverFailedAction = orgAction
  .inputSchema(recoverSchema.extend({ confirm: z.literal(true) }))
  .action(async ({ ctx, parsedInput }) => {
    const result = await deliveries.recoverFailed(
      ctx.actor,
      parsedInput.webhookId,
      new Date(parsedInput.since),
    );
    revalidatePath(`/webhooks/${parsedInput.webhookId}`);
    return result;
  });
