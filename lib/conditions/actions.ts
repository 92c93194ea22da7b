"use server";

import { backtestConditions } from "@/lib/conditions/backtest";
import { backtestSchema } from "@/lib/conditions/schemas";
import { orgAction } from "@/lib/safe-action";

// The webhook form's live backtest of its conditions.

export const backtestConditionsAction = orgAction
  .inputSchema(backtestSchema)
  .action(({ ctx, parsedInput }) => backtestConditions(ctx.actor, parsedInput));
