// Polls until a condition holds, for *.int.test.ts: waits on the database (or anything
// asynchronous) without fixed sleeps.

export type WaitForOptions = { timeoutMs?: number; intervalMs?: number; message?: string };

/**
 * Calls `probe` every intervalMs until it returns a truthy value (so a count of 0 keeps
 * waiting), and resolves with it; rejects after timeoutMs with `message` and the last value.
 */
export async function waitFor<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = 5_000, intervalMs = 20, message = "condition" }: WaitForOptions = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  for (;;) {
    last = await probe();
    if (last) return last;
    if (Date.now() >= deadline) {
      throw new Error(`waitFor: ${message} not met after ${timeoutMs} ms (last: ${String(last)})`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
