import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The repository carries its own design: someone who clones it has nothing beside it, so no
// file may send them to a folder outside it, and the design it points to is there.

const tracked = execFileSync("git", ["ls-files", "-z"], { encoding: "utf8" })
  .split("\0")
  .filter((file) => /\.(md|ts|tsx|mjs|json|yml|yaml)$|^Dockerfile$/.test(file) && existsSync(file));

describe("the repository", () => {
  it("cites no folder outside itself", () => {
    const citing = tracked.filter((file) => /\.\.\/shared\//.test(readFileSync(file, "utf8")));
    expect(citing).toEqual([]);
  });

  it("keeps its design in docs/, linked from the README", () => {
    expect(existsSync("docs/ARCHITECTURE.md")).toBe(true);
    expect(readFileSync("README.md", "utf8")).toContain("(docs/ARCHITECTURE.md)");
  });
});
