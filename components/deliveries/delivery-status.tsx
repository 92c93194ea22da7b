import { Badge } from "@/components/ui/badge";

/** A delivery's status as a badge: Delivered / Failed / Retrying / Sending. */
export function DeliveryStatusBadge({
  status,
  attemptCount,
}: {
  status: string;
  attemptCount: number;
}) {
  if (status === "SUCCEEDED") return <Badge variant="success">Delivered</Badge>;
  if (status === "FAILED") return <Badge variant="destructive">Failed</Badge>;
  return attemptCount === 0 ? (
    <Badge variant="secondary">Sending</Badge>
  ) : (
    <Badge variant="warning">Retrying</Badge>
  );
}

export function ModeBadge({ mode }: { mode: string }) {
  return <Badge variant={mode === "TEST" ? "test" : "live"} />;
}
