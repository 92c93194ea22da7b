import type { Clock } from "@/lib/delivery/attempt";

// A clock for *.int.test.ts: time is moved forward by the test, never waited for.

/** Real time plus an offset the test moves forward; counts how often it was read. */
export class TestClock implements Clock {
  private offset = 0;
  reads = 0;
  now = () => {
    this.reads++;
    return new Date(Date.now() + this.offset);
  };
  /** From now on the clock reads at least `at`. */
  set(at: Date) {
    this.offset = Math.max(this.offset, at.getTime() - Date.now());
  }
  advance(ms: number) {
    this.offset += ms;
  }
}
