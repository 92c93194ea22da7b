import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { invalidUtf8Offset } from "@/lib/events/ingest-request";

// The UTF-8 check of ingest bodies agrees with a strict decoder on any bytes, and points at
// where the first bad sequence starts.

const strict = new TextDecoder("utf-8", { fatal: true });
const decodes = (bytes: Uint8Array) => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("invalidUtf8Offset", () => {
  it("finds the first byte that starts no well-formed character", () => {
    const bytes = (s: string) => Uint8Array.from(Buffer.from(s, "latin1"));
    expect(invalidUtf8Offset(Buffer.from('{"id":"x-é€😀"}'))).toBe(-1);
    expect(invalidUtf8Offset(bytes('{"id":"x-\xff"}'))).toBe(9);
    expect(invalidUtf8Offset(bytes('{"id":"x-\xfe"}'))).toBe(9);
    expect(invalidUtf8Offset(bytes("ab\xc0\xaf"))).toBe(2); // overlong "/"
    expect(invalidUtf8Offset(bytes("ab\xed\xa0\x80"))).toBe(2); // a surrogate
    expect(invalidUtf8Offset(bytes("ab\xf4\x90\x80\x80"))).toBe(2); // past U+10FFFF
    expect(invalidUtf8Offset(bytes("ab\xe2\x82"))).toBe(2); // cut short
  });

  it("agrees with a strict decoder on any bytes, and everything before the offset decodes", () => {
    const mostlyText = fc.array(
      fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })),
      { maxLength: 40 },
    );
    const withCharacters = fc
      .array(
        fc.oneof(
          fc.string({ unit: "grapheme" }),
          mostlyText.map((a) => Uint8Array.from(a)),
        ),
      )
      .map((parts) =>
        Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p)))),
      );
    fc.assert(
      fc.property(withCharacters, (bytes) => {
        const offset = invalidUtf8Offset(bytes);
        expect(offset === -1).toBe(decodes(bytes));
        if (offset >= 0) expect(decodes(bytes.subarray(0, offset))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});
