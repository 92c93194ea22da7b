"use client";

import { Mail } from "lucide-react";
import { useMemo } from "react";
import { CodeBlock } from "@/components/ui/code-block";
import { isEventTypeKey } from "@/lib/events/catalog";
import { sampleMeta } from "@/lib/events/catalog-meta";
import { sampleData } from "@/lib/events/sample-data";
import { buildRequest, type RequestSpec } from "@/lib/payload/request";

type Props = { spec: RequestSpec; webhookName: string; testMode: boolean; testEmails: string };

const PLACEHOLDER_URL = "https://your-endpoint.example/";
const PREVIEW = { timestamp: 1_763_800_000, signature: "v1,<computed for each delivery>" };

/** The request this webhook would send for realistic sample data of its event type. */
export function PayloadPreview({ spec, webhookName, testMode, testEmails }: Props) {
  const result = useMemo(() => {
    if (!isEventTypeKey(spec.eventType))
      return { error: "Choose an event type to see the preview." };
    // Until a URL is entered the preview shows a placeholder host, so the body renders at once.
    const url = URL.canParse(spec.url) ? spec.url : PLACEHOLDER_URL;
    try {
      const meta = sampleMeta(spec.eventType, webhookName);
      return {
        request: buildRequest({ ...spec, url }, sampleData(spec.eventType), { ...PREVIEW, meta }),
      };
    } catch (e) {
      return {
        error: `Fix the payload to see the preview: ${e instanceof Error ? e.message : String(e)}`,
      };
    }
  }, [spec, webhookName]);

  return (
    <section aria-labelledby="preview-heading" className="space-y-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id="preview-heading" className="text-sm font-semibold">
          Live preview
        </h3>
        <p className="text-muted-foreground text-xs">
          Rendered with sample data for this event type.
        </p>
      </div>
      {testMode && (
        <p className="border-warning/30 bg-warning-soft text-warning flex items-start gap-2 rounded-md border px-3 py-2 text-xs">
          <Mail className="mt-0.5 size-3.5 shrink-0" aria-hidden />
          Test mode: this request is e-mailed to {testEmails.trim() || "your test address"} instead
          of being sent.
        </p>
      )}
      {"error" in result ? (
        <p className="text-muted-foreground rounded-md border border-dashed p-4 text-sm">
          {result.error}
        </p>
      ) : (
        <div data-testid="payload-preview" className="space-y-2">
          <CodeBlock
            title="Request"
            wrap
            code={`${result.request.method} ${result.request.url}\n${result.request.headers.map(([n, v]) => `${n}: ${v}`).join("\n")}`}
          />
          <CodeBlock
            title="Body"
            wrap
            code={result.request.body ?? "(no body)"}
            preClassName="max-h-96"
          />
        </div>
      )}
    </section>
  );
}
