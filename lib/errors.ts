// Expected errors: their message is meant for the person who caused them and is shown
// word for word. Anything else is logged and replaced by a generic message.
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** A row that does not exist — or belongs to another organization (never "forbidden"). */
export class NotFoundError extends UserError {
  constructor(what = "That item") {
    super(`${what} was not found. It may have been deleted.`);
    this.name = "NotFoundError";
  }
}

/** The caller is a member, but their role does not allow the operation. */
export class ForbiddenError extends UserError {
  constructor(message = "Your role does not allow this. Ask an Owner or Admin.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** The caller has no valid session. */
export class UnauthenticatedError extends UserError {
  constructor() {
    super("Your session has ended. Sign in again.");
    this.name = "UnauthenticatedError";
  }
}
