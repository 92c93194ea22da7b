import { describe, expect, it } from "vitest";
import { groupCommit } from "@/lib/db/group-commit";

// The queue under the ingest and the attempt log: what goes into each write, and who hears of
// a failure. `write` here records its calls and fails on the item "bad", as a statement would.

function recorder() {
  const writes: string[][] = [];
  const write = async (items: string[]) => {
    writes.push(items);
    await new Promise((r) => setTimeout(r, 5)); // a round trip
    if (items.includes("bad")) throw new Error("refused");
    return items.map((item) => item.toUpperCase());
  };
  return { writes, write };
}

describe("groupCommit", () => {
  it("writes what arrives together in one write, and what arrives during it in the next", async () => {
    const { writes, write } = recorder();
    const add = groupCommit(write, { max: 100 });
    const first = [add("a"), add("b"), add("c")];
    await new Promise((r) => setImmediate(r)); // the first write is under way
    const second = [add("d"), add("e")];
    expect(await Promise.all([...first, ...second])).toEqual(["A", "B", "C", "D", "E"]);
    expect(writes).toEqual([
      ["a", "b", "c"],
      ["d", "e"],
    ]);
  });

  it("writes at most `max` items at once, and keys apart", async () => {
    const { writes, write } = recorder();
    const add = groupCommit(write, { max: 3, key: (item) => item[0]! });
    await Promise.all(["x1", "y1", "x2", "x3", "y2"].map(add));
    expect(writes).toEqual([["x1", "x2"], ["y1"], ["x3"], ["y2"]]);
  });

  it("fails only the item that failed its write: the others are written again alone", async () => {
    const { writes, write } = recorder();
    const add = groupCommit(write, { max: 100 });
    const results = await Promise.allSettled(["a", "bad", "c"].map(add));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "rejected"))).toEqual([
      "A",
      "rejected",
      "C",
    ]);
    expect(writes).toEqual([["a", "bad", "c"], ["a"], ["bad"], ["c"]]);
  });
});
