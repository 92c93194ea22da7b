"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/safe-action";
import {
  checkUrlSchema,
  createWebhookSchema,
  setVerificationPolicySchema,
  setWebhookEnabledSchema,
  updateWebhookSchema,
  webhookIdSchema,
} from "@/lib/webhooks/schemas";
import { setVerificationPolicy } from "@/lib/webhooks/policy";
import * as webhooks from "@/lib/webhooks/service";
import { verifyWebhookUrl } from "@/lib/webhooks/verification";

// Server actions for the Webhooks pages: thin wrappers over lib/webhooks/service.

export const createWebhookAction = orgAction
  .inputSchema(createWebhookSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await webhooks.createWebhook(ctx.actor, parsedInput);
    revalidatePath("/webhooks");
    return result;
  });

export const updateWebhookAction = orgAction
  .inputSchema(updateWebhookSchema)
  .action(async ({ ctx, parsedInput }) => {
    await webhooks.updateWebhook(ctx.actor, parsedInput);
    revalidatePath("/webhooks");
    return { id: parsedInput.id };
  });

export const duplicateWebhookAction = orgAction
  .inputSchema(webhookIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await webhooks.duplicateWebhook(ctx.actor, parsedInput.id);
    revalidatePath("/webhooks");
    return result;
  });

export const setWebhookEnabledAction = orgAction
  .inputSchema(setWebhookEnabledSchema)
  .action(async ({ ctx, parsedInput }) => {
    await webhooks.setWebhookEnabled(ctx.actor, parsedInput.id, parsedInput.enabled);
    revalidatePath("/webhooks");
    return { id: parsedInput.id, enabled: parsedInput.enabled };
  });

export const deleteWebhookAction = orgAction
  .inputSchema(webhookIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await webhooks.deleteWebhook(ctx.actor, parsedInput.id);
    revalidatePath("/webhooks");
    return { id: parsedInput.id };
  });

export const rotateSigningSecretAction = orgAction
  .inputSchema(webhookIdSchema)
  .action(async ({ ctx, parsedInput }) => webhooks.rotateSigningSecret(ctx.actor, parsedInput.id));

/** Resolves a URL the way deliveries will and says whether the outbound guard would block it. */
export const checkUrlAction = orgAction
  .inputSchema(checkUrlSchema)
  .action(({ ctx, parsedInput }) => webhooks.checkWebhookUrl(ctx.actor, parsedInput.url));

/** Verify URL: the echo check, recorded on the webhook. */
export const verifyWebhookUrlAction = orgAction
  .inputSchema(webhookIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await verifyWebhookUrl(ctx.actor, parsedInput.id);
    revalidatePath("/webhooks");
    return result;
  });

/** Settings → Webhook policy: require a verified URL before going live (Owners). */
export const setVerificationPolicyAction = orgAction
  .inputSchema(setVerificationPolicySchema)
  .action(async ({ ctx, parsedInput }) => {
    const result = await setVerificationPolicy(ctx.actor, parsedInput.requireVerifiedUrl);
    revalidatePath("/settings/webhook-policy");
    return result;
  });
