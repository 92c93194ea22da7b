import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/lib/auth/callback-url";

describe("safeCallbackUrl", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeCallbackUrl("/deliveries?status=FAILED")).toBe("/deliveries?status=FAILED");
    expect(safeCallbackUrl("/webhooks/abc/edit")).toBe("/webhooks/abc/edit");
  });

  it("goes straight to the Webhooks list instead of the root, which only redirects there", () => {
    expect(safeCallbackUrl("/")).toBe("/webhooks");
    expect(safeCallbackUrl("/?x=1")).toBe("/webhooks");
    expect(safeCallbackUrl(undefined)).toBe("/webhooks");
    expect(safeCallbackUrl("")).toBe("/webhooks");
    expect(safeCallbackUrl(["/a", "/b"])).toBe("/webhooks");
  });

  it("never sends back to sign-in", () => {
    expect(safeCallbackUrl("/signin")).toBe("/webhooks");
    expect(safeCallbackUrl("/signin?callbackUrl=%2Fsignin")).toBe("/webhooks");
  });

  it("never leaves the site", () => {
    for (const url of [
      "https://evil.example/",
      "//evil.example/x",
      "/\\evil.example",
      "javascript:alert(1)",
      "webhooks",
    ]) {
      expect(safeCallbackUrl(url), url).toBe("/webhooks");
    }
  });
});
