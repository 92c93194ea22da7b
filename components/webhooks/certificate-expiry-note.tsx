import { TriangleAlert } from "lucide-react";
import { certificateExpiry, certificateExpiryText } from "@/lib/webhooks/certificate-expiry";
import { cn } from "@/lib/utils";

/** A client certificate's expiry date; a warning from 14 days before it. */
export function CertificateExpiryNote({
  expiresAt,
  className,
  prefix,
}: {
  expiresAt: string | Date;
  className?: string;
  /** e.g. "Client certificate: " where the context does not say it. */
  prefix?: string;
}) {
  const at = new Date(expiresAt);
  const now = new Date();
  const warn = certificateExpiry(at, now) !== "valid";
  return (
    <p
      className={cn(
        "flex items-center gap-1 text-xs",
        warn ? "text-warning font-medium" : "text-muted-foreground",
        className,
      )}
      data-testid="client-cert-expiry"
      suppressHydrationWarning
    >
      {warn && <TriangleAlert className="size-3.5 shrink-0" aria-hidden />}
      {prefix}
      {certificateExpiryText(at, now)}
    </p>
  );
}
