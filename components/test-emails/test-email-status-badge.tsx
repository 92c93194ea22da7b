import { Badge } from "@/components/ui/badge";

type Status = "SENT" | "STORED_ONLY" | "FAILED";

const badges = {
  SENT: { variant: "success", label: "Sent" },
  STORED_ONLY: { variant: "secondary", label: "Stored only" },
  FAILED: { variant: "destructive", label: "Send failed" },
} as const;

/** Whether the mail server took a test e-mail; the SMTP response, if given, is its tooltip. */
export function TestEmailStatusBadge({
  status,
  smtpResponse,
}: {
  status: Status;
  smtpResponse?: string | null;
}) {
  const { variant, label } = badges[status];
  return (
    <Badge variant={variant} title={smtpResponse ?? undefined}>
      {label}
    </Badge>
  );
}
