import "server-only";
import { createSafeActionClient } from "next-safe-action";
import { getViewer } from "@/lib/auth/actor";
import { UnauthenticatedError, UserError } from "@/lib/errors";
import { logger } from "@/lib/log";

export const GENERIC_ERROR = "Something went wrong on our side. Try again in a moment.";

// The one chain every server action goes through: input validated with the operation's zod
// schema, then who is asking and for which organization. Expected errors reach the user
// word for word; anything else is logged and replaced by GENERIC_ERROR. Permissions are
// checked by the lib/<domain> service each action calls, so tests and other callers get the
// same refusal.
export const actionClient = createSafeActionClient({
  defaultValidationErrorsShape: "flattened",
  handleServerError(error) {
    if (error instanceof UserError) return error.message;
    logger("actions").error({ err: error }, "server action failed");
    return GENERIC_ERROR;
  },
});

/** Actions that need a signed-in member of an organization: `ctx.actor`. */
export const orgAction = actionClient.use(async ({ next }) => {
  const viewer = await getViewer();
  if (!viewer?.actor) throw new UnauthenticatedError();
  return next({ ctx: { actor: viewer.actor } });
});

/** Actions that need a signed-in user, whatever organization: `ctx.viewer`. */
export const userAction = actionClient.use(async ({ next }) => {
  const viewer = await getViewer();
  if (!viewer) throw new UnauthenticatedError();
  return next({ ctx: { viewer } });
});
