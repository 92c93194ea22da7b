// Whether an error means "the database cannot be reached right now" (down, restarting, a
// connection cut) rather than "this query is wrong". The first kind is an outage: callers
// answer 503 with Retry-After, back off and try again; the second is a bug or bad data.

/** Prisma's own codes for a database it cannot reach or that dropped the connection. */
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** The driver adapter's kinds for the same (@prisma/driver-adapter-utils). */
const ADAPTER_KINDS = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/**
 * PostgreSQL's: 08 connection exceptions; 57P01–57P03 the server shutting down, restarting or
 * not yet accepting connections; 53300 too many connections.
 */
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"]);
const MESSAGES = [
  /Connection terminated/i,
  /Can't reach database server/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error/i,
  /server closed the connection unexpectedly/i,
];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length) {
    const e = queue.shift();
    if (typeof e !== "object" || e === null || seen.has(e)) continue;
    seen.add(e);
    const { code, kind, originalCode, message, cause, meta } = e as Record<string, unknown>;
    if (typeof code === "string" && (PRISMA_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof code === "string" && SOCKET_CODES.has(code)) return true;
    if (typeof kind === "string" && ADAPTER_KINDS.has(kind)) return true;
    if (typeof originalCode === "string" && SQLSTATE.test(originalCode)) return true;
    if (typeof message === "string" && MESSAGES.some((m) => m.test(message))) return true;
    // Prisma wraps the adapter's error (meta.driverAdapterError), which wraps pg's (cause).
    queue.push(cause);
    if (typeof meta === "object" && meta !== null) queue.push(...Object.values(meta));
  }
  return false;
}

/** A short line for the log: what failed and why, without the stack of a known outage. */
export function describeDatabaseError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const lines = error.message.split("\n").filter((l) => l.trim() && !l.startsWith("Invalid `"));
  return lines.join(" ").trim() || error.name;
}

/**
 * Runs `write` again while it fails because the database is unavailable, backing off from
 * 0.5 s to 5 s, for at most `forMs`; any other error, or the last one, is thrown. For writes
 * that must not be lost to a short outage and are safe to repeat.
 */
export async function retryWhileUnavailable<T>(write: () => Promise<T>, forMs: number): Promise<T> {
  const deadline = Date.now() + forMs;
  for (let wait = 500; ; wait = Math.min(wait * 2, 5_000)) {
    try {
      return await write();
    } catch (error) {
      if (!isDatabaseUnavailable(error) || Date.now() + wait > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
