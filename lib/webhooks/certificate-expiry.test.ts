import { describe, expect, it } from "vitest";
import { certificateExpiry, certificateExpiryText } from "@/lib/webhooks/certificate-expiry";

const now = new Date("2026-05-01T12:00:00Z");
const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000);

describe("certificateExpiry", () => {
  it("warns from 14 days before expiry", () => {
    expect(certificateExpiry(inDays(14.01), now)).toBe("valid");
    expect(certificateExpiry(inDays(14), now)).toBe("expiring");
    expect(certificateExpiry(inDays(0.5), now)).toBe("expiring");
    expect(certificateExpiry(now, now)).toBe("expired");
  });

  it("says when, and what to do", () => {
    expect(certificateExpiryText(inDays(30), now)).toBe("Expires 31 May 2026");
    expect(certificateExpiryText(inDays(9), now)).toBe(
      "Expires 10 May 2026, in 9 days: upload a renewed certificate.",
    );
    expect(certificateExpiryText(inDays(-1), now)).toBe(
      "Expired 30 Apr 2026: deliveries fail until a renewed certificate is uploaded.",
    );
  });
});
