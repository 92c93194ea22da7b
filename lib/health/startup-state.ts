// What a starting server process is still waiting for, for /api/health. Kept on globalThis:
// instrumentation (which starts the process) and the route are separate bundles in one process.

/** `waiting-for-database`: the database has not answered yet and the process keeps trying. */
export type StartupPhase = "waiting-for-database" | "ready";

const holder = globalThis as unknown as { webhooksStartupPhase?: StartupPhase };

export function setStartupPhase(phase: StartupPhase) {
  holder.webhooksStartupPhase = phase;
}

/** Unset in processes that never ran startup (a test's): nothing to wait for. */
export function startupPhase(): StartupPhase {
  return holder.webhooksStartupPhase ?? "ready";
}
