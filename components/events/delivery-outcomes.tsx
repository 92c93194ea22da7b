"use client";

import { useQuery } from "@tanstack/react-query";
import { CheckCircle2, Clock, Mail, XCircle } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import { explainAttempt } from "@/lib/delivery-log/explain";
import { deliveryOutcomesAction } from "@/lib/events/actions";
import type { DeliveryOutcome } from "@/lib/events/service";
import { fullTime, plural } from "@/lib/format";

/** Query keys for delivery outcomes. */
export const deliveryKeys = {
  outcomes: (ids: string[]) => ["deliveries", "outcomes", ...ids] as const,
};

/** Pending with its latest claimed attempt not yet recorded: being sent right now. */
const inFlight = (d: DeliveryOutcome) =>
  d.status === "PENDING" && (d.lastAttempt?.number ?? 0) < d.attemptCount;

const link = "focus-ring text-primary rounded-sm font-medium underline-offset-4 hover:underline";

/**
 * Where a Test-mode delivery's e-mail went: mailed over SMTP_URL, or — with no mail server
 * configured — only kept in the app's Test e-mails inbox, so never "check your inbox" then.
 */
export function TestEmailOutcome({
  webhookId,
  email,
}: {
  webhookId: string;
  email: { id: string; status: string } | null;
}): ReactNode {
  if (email?.status !== "STORED_ONLY") return "Test e-mail sent — check your inbox.";
  return (
    <>
      Kept in{" "}
      <Link href={`/test-emails?webhook=${webhookId}`} className={link}>
        Test e-mails
      </Link>{" "}
      (no mail server configured).{" "}
      <Link href={`/test-emails/${email.id}`} className={link}>
        Read it
      </Link>
    </>
  );
}

function describe(d: DeliveryOutcome): ReactNode {
  const a = d.lastAttempt;
  if (d.status === "SUCCEEDED") {
    return d.mode === "TEST" ? (
      <TestEmailOutcome webhookId={d.webhookId} email={a?.testEmail ?? null} />
    ) : (
      `Delivered: ${a?.responseStatus ?? ""} in ${a?.durationMs ?? "?"} ms.`
    );
  }
  if (d.status === "FAILED")
    return `Failed after ${plural(d.attemptCount, "attempt")}: ${a?.errorMessage ?? "unknown error"}`;
  if (d.attemptCount === 0 || inFlight(d)) return "Sending…";
  const next = d.nextAttemptAt ? fullTime(d.nextAttemptAt) : "soon";
  // An attempt without a message is still explained in words, never as a bare "error".
  const why = a?.errorMessage ?? (a && explainAttempt(a)?.title) ?? "no reason was recorded";
  return `Attempt ${d.attemptCount} failed (${why}); retrying at ${next}.`;
}

/** Live outcome of some deliveries: polls until each one succeeded, failed or is retrying. */
export function DeliveryOutcomes({ ids }: { ids: string[] }) {
  const query = useQuery({
    queryKey: deliveryKeys.outcomes(ids),
    queryFn: async () => {
      const result = await deliveryOutcomesAction({ ids });
      if (!result?.data) throw new Error(result?.serverError ?? "Could not load the outcome.");
      return result.data;
    },
    enabled: ids.length > 0,
    refetchInterval: (q) => {
      const rows = q.state.data;
      // Settled once each delivery is terminal or waiting for a scheduled retry.
      const settled =
        rows?.length === ids.length && rows.every((d) => d.attemptCount > 0 && !inFlight(d));
      return settled ? false : 500;
    },
  });

  if (ids.length === 0) {
    return (
      <p className="text-muted-foreground text-sm">
        No enabled webhook listens to this event type, so nothing was delivered.
      </p>
    );
  }
  if (query.isError)
    return (
      <p role="alert" className="text-destructive text-sm">
        {query.error.message}
      </p>
    );
  if (!query.data) return <Spinner label="Delivering…" />;
  return (
    <ul aria-live="polite" className="divide-y rounded-md border" data-testid="delivery-outcomes">
      {query.data.map((d) => {
        const Icon =
          d.status === "SUCCEEDED"
            ? d.mode === "TEST"
              ? Mail
              : CheckCircle2
            : d.status === "FAILED"
              ? XCircle
              : Clock;
        const tone =
          d.status === "SUCCEEDED"
            ? "text-success"
            : d.status === "FAILED"
              ? "text-destructive"
              : "text-warning";
        return (
          <li key={d.id} className="flex items-start gap-3 p-3 text-sm" data-status={d.status}>
            <Icon className={`mt-0.5 size-4 shrink-0 ${tone}`} aria-hidden />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2 font-medium">
                {d.webhookName} <Badge variant={d.mode === "TEST" ? "test" : "live"} />
              </div>
              <p className="text-muted-foreground" data-testid="delivery-outcome">
                {describe(d)}
              </p>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
