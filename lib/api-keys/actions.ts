"use server";

import { revalidatePath } from "next/cache";
import { apiKeyIdSchema, createApiKeySchema } from "@/lib/api-keys/schemas";
import * as apiKeys from "@/lib/api-keys/service";
import { orgAction } from "@/lib/safe-action";

export const createApiKeyAction = orgAction
  .inputSchema(createApiKeySchema)
  .action(async ({ ctx, parsedInput }) => {
    const { key, prefix } = await apiKeys.createApiKey(ctx.actor, parsedInput.name);
    revalidatePath("/settings/api-keys");
    return { key, prefix };
  });

export const revokeApiKeyAction = orgAction
  .inputSchema(apiKeyIdSchema)
  .action(async ({ ctx, parsedInput }) => {
    await apiKeys.revokeApiKey(ctx.actor, parsedInput.id);
    revalidatePath("/settings/api-keys");
  });
