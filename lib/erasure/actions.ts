"use server";

import { orgAction } from "@/lib/safe-action";
import { customerEmailSchema } from "@/lib/erasure/schemas";
import * as erasure from "@/lib/erasure/service";

// Server actions for Settings → Data erasure: count first, then erase.

export const countCustomerDataAction = orgAction
  .inputSchema(customerEmailSchema)
  .action(({ ctx, parsedInput }) => erasure.countCustomerData(ctx.actor, parsedInput.email));

export const eraseCustomerDataAction = orgAction
  .inputSchema(customerEmailSchema)
  .action(({ ctx, parsedInput }) => erasure.eraseCustomerData(ctx.actor, parsedInput.email));
