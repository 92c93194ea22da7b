import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";

beforeAll(() => {
  process.env.DATABASE_URL ??= "postgresql://unused@127.0.0.1/unused";
  process.env.NEXTAUTH_SECRET ??= "x".repeat(32);
  process.env.ENCRYPTION_KEY ??= randomBytes(32).toString("base64");
});

const secrets = () => import("@/lib/crypto/secrets");

describe("secrets", () => {
  it("encrypts with a fresh IV each time and decrypts back", async () => {
    const { encryptSecret, decryptSecret } = await secrets();
    const a = encryptSecret("p@ss wörd ✓");
    const b = encryptSecret("p@ss wörd ✓");
    expect(a).not.toBe(b);
    expect(a).not.toContain("p@ss");
    expect(decryptSecret(a)).toBe("p@ss wörd ✓");
  });

  it("refuses a tampered ciphertext", async () => {
    const { encryptSecret, decryptSecret } = await secrets();
    const [v, iv, tag, ct] = encryptSecret("secret").split(".");
    const flipped = Buffer.from(ct!, "base64url");
    flipped[0] = flipped[0]! ^ 1;
    expect(() => decryptSecret([v, iv, tag, flipped.toString("base64url")].join("."))).toThrow();
    expect(() => decryptSecret("garbage")).toThrow("Unreadable encrypted value");
  });

  it("makes Standard Webhooks secrets: whsec_ and 32 random bytes in base64", async () => {
    const { generateSigningSecret } = await secrets();
    const secret = generateSigningSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(secret.slice(6), "base64")).toHaveLength(32);
    expect(generateSigningSecret()).not.toBe(secret);
  });
});
