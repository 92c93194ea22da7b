"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/safe-action";
import { goLiveSchema, webhookModeSchema } from "@/lib/test-emails/schemas";
import * as testEmails from "@/lib/test-emails/service";

// Server actions for the Test e-mails pages: thin wrappers over lib/test-emails/service.

/** Go live: the webhook stops e-mailing deliveries and sends them to its URL. */
export const goLiveAction = orgAction
  .inputSchema(goLiveSchema)
  .action(async ({ ctx, parsedInput }) => {
    const webhook = await testEmails.goLive(ctx.actor, parsedInput.webhookId);
    // The mode shows on the webhooks list, its edit page and every reader of its e-mails.
    revalidatePath("/webhooks", "layout");
    revalidatePath("/test-emails", "layout");
    return webhook;
  });

/** Back to Test mode: the webhook's deliveries are e-mailed (or kept in the app) again. */
export const backToTestModeAction = orgAction
  .inputSchema(webhookModeSchema)
  .action(async ({ ctx, parsedInput }) => {
    const webhook = await testEmails.backToTestMode(ctx.actor, parsedInput.webhookId);
    revalidatePath("/webhooks", "layout");
    revalidatePath("/test-emails", "layout");
    return webhook;
  });
