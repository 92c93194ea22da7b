import { CircleAlert } from "lucide-react";
import Link from "next/link";

type Troubled = { id: string; name: string; enabled: boolean; consecutiveFailures: number };

/** A strip above every admin page while some webhook is failing or was disabled by the system. */
export function HealthAlerts({ webhooks }: { webhooks: Troubled[] }) {
  if (webhooks.length === 0) return null;
  const disabled = webhooks.some((w) => !w.enabled);
  return (
    <div
      role="status"
      className={
        disabled
          ? "border-destructive/30 bg-destructive-soft mb-6 flex gap-3 rounded-lg border p-3 text-sm"
          : "border-warning/30 bg-warning-soft mb-6 flex gap-3 rounded-lg border p-3 text-sm"
      }
    >
      <CircleAlert
        className={disabled ? "text-destructive size-5 shrink-0" : "text-warning size-5 shrink-0"}
        aria-hidden
      />
      <p>
        <span className="font-medium">
          {webhooks.length === 1 ? "A webhook needs" : "Webhooks need"} attention:{" "}
        </span>
        {webhooks.map((w, i) => (
          <span key={w.id}>
            {i > 0 && ", "}
            <Link
              href={`/webhooks/${w.id}`}
              className="focus-ring font-medium underline underline-offset-4"
            >
              {w.name}
            </Link>{" "}
            ({w.enabled ? `${w.consecutiveFailures} failed in a row` : "disabled"})
          </span>
        ))}
      </p>
    </div>
  );
}
