"use server";

import { changePassword } from "@/lib/auth/account";
import { changePasswordSchema } from "@/lib/auth/schemas";
import { userAction } from "@/lib/safe-action";

// Server actions for the signed-in person's account.

export const changePasswordAction = userAction
  .inputSchema(changePasswordSchema)
  .action(async ({ ctx, parsedInput }) => {
    await changePassword(ctx.viewer.user.id, parsedInput);
    return { email: ctx.viewer.user.email };
  });
