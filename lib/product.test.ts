import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { USER_AGENT } from "@/lib/product";

describe("USER_AGENT", () => {
  it("names the product and this release's version, and nothing else", () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    expect(USER_AGENT).toBe(`ChatWebhooks/${version}`);
    expect(USER_AGENT).toMatch(/^ChatWebhooks\/\d+\.\d+\.\d+$/);
  });
});
