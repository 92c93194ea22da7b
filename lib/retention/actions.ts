"use server";

import { revalidatePath } from "next/cache";
import { orgAction } from "@/lib/safe-action";
import { setRetentionSchema } from "@/lib/retention/schemas";
import * as retention from "@/lib/retention/service";

// Server action for Settings → Data retention.

export const setRetentionAction = orgAction
  .inputSchema(setRetentionSchema)
  .action(async ({ ctx, parsedInput }) => {
    const { days } = await retention.setRetention(ctx.actor, parsedInput.days);
    revalidatePath("/settings/retention");
    return { days };
  });
