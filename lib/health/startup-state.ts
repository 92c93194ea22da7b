// Whether a server process is starting, serving or stopping, for /api/health. Kept on globalThis:
// instrumentation (which starts the process) and the route are separate bundles in one process.

/**
 * `waiting-for-database`: the database has not answered yet and the process keeps trying;
 * `stopping`: a SIGTERM came, and the attempts under way are finishing before it exits.
 */
export type StartupPhase = "waiting-for-database" | "ready" | "stopping";

const holder = globalThis as unknown as { webhooksStartupPhase?: StartupPhase };

export function setStartupPhase(phase: StartupPhase) {
  holder.webhooksStartupPhase = phase;
}

/** Unset in processes that never ran startup (a test's): nothing to wait for. */
export function startupPhase(): StartupPhase {
  return holder.webhooksStartupPhase ?? "ready";
}
