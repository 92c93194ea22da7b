import { CheckCircle2, CircleAlert, RotateCw } from "lucide-react";
import { CodeBlock } from "@/components/ui/code-block";
import { explainAttempt } from "@/lib/delivery-log/explain";
import { fullTime } from "@/lib/format";
import { cn } from "@/lib/utils";

export type TimelineAttempt = {
  id: string;
  number: number;
  startedAt: Date;
  durationMs: number;
  requestMethod: string;
  requestUrl: string;
  requestHeaders: unknown;
  requestBody: string;
  responseStatus: number | null;
  responseHeaders: unknown;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  errorClass: string | null;
  errorMessage: string | null;
  outcome: string;
};

/** JSON pretty-printed; anything else as it was. */
function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

const headerText = (headers: unknown) =>
  Array.isArray(headers) ? headers.map(([n, v]: [string, string]) => `${n}: ${v}`).join("\n") : "";

function outcomeLabel(a: TimelineAttempt) {
  if (a.outcome === "succeeded")
    return a.responseStatus ? `Delivered · ${a.responseStatus}` : "Delivered";
  const what = a.responseStatus ? `HTTP ${a.responseStatus}` : (a.errorClass ?? "error");
  return a.outcome === "retry" ? `Failed · ${what} · will retry` : `Failed · ${what}`;
}

/** Every attempt of a delivery, newest first; the newest is open. */
export function AttemptTimeline({
  attempts,
  testMode,
}: {
  attempts: TimelineAttempt[];
  testMode: boolean;
}) {
  const newestFirst = [...attempts].reverse();
  return (
    <ol className="space-y-3" aria-label="Attempts">
      {newestFirst.map((a, i) => {
        const explanation = explainAttempt(a);
        const Icon =
          a.outcome === "succeeded" ? CheckCircle2 : a.outcome === "retry" ? RotateCw : CircleAlert;
        return (
          <li key={a.id}>
            <details open={i === 0} className="group bg-card rounded-lg border">
              <summary className="focus-ring flex cursor-pointer list-none flex-wrap items-center gap-x-3 gap-y-1 rounded-lg px-4 py-3">
                <Icon
                  aria-hidden
                  className={cn(
                    "size-4 shrink-0",
                    a.outcome === "succeeded" ? "text-success" : "text-destructive",
                  )}
                />
                <span className="font-medium">Attempt {a.number}</span>
                <span
                  className={cn(
                    "text-sm",
                    a.outcome === "succeeded" ? "text-success" : "text-destructive",
                  )}
                >
                  {outcomeLabel(a)}
                </span>
                <span className="text-muted-foreground ml-auto text-sm tabular-nums">
                  <time dateTime={a.startedAt.toISOString()}>{fullTime(a.startedAt)}</time> ·{" "}
                  {a.durationMs} ms
                </span>
              </summary>
              <div className="space-y-4 border-t px-4 py-4">
                {explanation && (
                  <div
                    role="note"
                    className="border-destructive/25 bg-destructive-soft rounded-md border p-3 text-sm"
                  >
                    <p className="text-destructive font-medium">{explanation.title}</p>
                    <p className="mt-1">{explanation.detail}</p>
                    <p className="mt-2">
                      <span className="font-medium">Likely fix: </span>
                      {explanation.fix}
                    </p>
                  </div>
                )}
                <section aria-label={`Request of attempt ${a.number}`} className="space-y-2">
                  <h3 className="text-sm font-semibold">Request</h3>
                  <p className="font-mono text-xs break-all">
                    {a.requestMethod} {a.requestUrl}
                  </p>
                  <CodeBlock title="Headers" code={headerText(a.requestHeaders)} wrap />
                  {a.requestBody && (
                    <CodeBlock title="Body" code={pretty(a.requestBody)} preClassName="max-h-80" />
                  )}
                </section>
                <section aria-label={`Response of attempt ${a.number}`} className="space-y-2">
                  <h3 className="text-sm font-semibold">Response</h3>
                  {a.responseStatus === null ? (
                    <p className="text-muted-foreground text-sm">
                      {testMode
                        ? "Test mode: this request was e-mailed, not sent."
                        : "No HTTP response was received."}
                    </p>
                  ) : (
                    <>
                      <p className="font-mono text-xs">HTTP {a.responseStatus}</p>
                      <CodeBlock title="Headers" code={headerText(a.responseHeaders)} wrap />
                      <CodeBlock
                        title={a.responseBodyTruncated ? "Body (first 20 KB)" : "Body"}
                        code={a.responseBody ? pretty(a.responseBody) : "(empty)"}
                        preClassName="max-h-80"
                      />
                    </>
                  )}
                </section>
              </div>
            </details>
          </li>
        );
      })}
    </ol>
  );
}
