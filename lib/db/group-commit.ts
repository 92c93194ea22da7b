// Group commit: the items that arrive while a write is under way go together into the next
// one, so under load each costs a share of one round trip and one commit instead of its own,
// and an idle process adds nothing but a turn of the event loop. Used by the ingest (events)
// and the attempt log (attempts).

type Queued<T, R> = { item: T; resolve: (result: R) => void; reject: (error: unknown) => void };

/**
 * Returns a function that queues one item and resolves with its result once the write that
 * took it committed. `write` gets up to `max` items that share a `key` (items of different
 * keys are written apart, at the same time) and returns one result per item, in order; it must
 * write all or nothing. When it fails for several items, each is written again alone, so
 * whatever failed fails only its own caller.
 */
export function groupCommit<T, R>(
  write: (items: T[]) => Promise<R[]>,
  { max, key = () => "" }: { max: number; key?: (item: T) => string },
): (item: T) => Promise<R> {
  let queue: Queued<T, R>[] = [];
  let writing = false;

  async function writeGroup(group: Queued<T, R>[]) {
    try {
      const results = await write(group.map((q) => q.item));
      group.forEach((q, n) => q.resolve(results[n]!));
    } catch (error) {
      if (group.length === 1) return group[0]!.reject(error);
      await Promise.all(
        group.map((q) => write([q.item]).then(([result]) => q.resolve(result!), q.reject)),
      );
    }
  }

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.slice(0, max);
      queue = queue.slice(max);
      const groups = new Map<string, Queued<T, R>[]>();
      for (const q of batch) groups.set(key(q.item), [...(groups.get(key(q.item)) ?? []), q]);
      await Promise.all([...groups.values()].map(writeGroup));
    }
    writing = false;
  }

  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!writing) {
        writing = true;
        // Let the items queued in this turn of the event loop join the first write.
        setImmediate(drain);
      }
    });
}
