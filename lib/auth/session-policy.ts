// How long a session lasts. next-auth renews the session cookie while it is used, so
// SESSION_IDLE_SECONDS alone would let a session live for ever: every session also ends
// SESSION_ABSOLUTE_SECONDS after its sign-in, and when the password changes (sessionVersion).

/** A session unused this long ends (next-auth's maxAge). */
export const SESSION_IDLE_SECONDS = 12 * 60 * 60;
/** Every session ends this long after its sign-in, used or not. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;

/** Whether a session (its claims) may still act for a user whose sessionVersion is `current`. */
export function isSessionValid(
  claims: { sv?: number; authAt?: number },
  current: number,
  nowMs = Date.now(),
): boolean {
  if (claims.sv !== current || typeof claims.authAt !== "number") return false;
  return nowMs / 1000 - claims.authAt <= SESSION_ABSOLUTE_SECONDS;
}
