import type { WebhookStats } from "@/lib/webhooks/stats";
import { plural } from "@/lib/format";

const pct = (n: number | null) => (n === null ? "—" : `${(n * 100).toFixed(n === 1 ? 0 : 1)}%`);
const msText = (n: number | null) => (n === null ? "—" : `${Math.round(n)} ms`);

/**
 * Success rate (bars: green share delivered, red share failed) and p50 latency per bucket,
 * with the totals as text (the figures a screen reader gets).
 */
export function StatsChart({
  title,
  stats,
  bucketLabel,
}: {
  title: string;
  stats: WebhookStats;
  bucketLabel: (d: Date) => string;
}) {
  return (
    <figure className="bg-card space-y-3 rounded-lg border p-4">
      <figcaption className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{title}</span>
        <span className="text-muted-foreground text-sm tabular-nums">
          {plural(stats.attempts, "attempt")}
          {stats.attempts > 0 &&
            ` · success ${pct(stats.successRate)} · p50 ${msText(stats.p50)} · p95 ${msText(stats.p95)}`}
        </span>
      </figcaption>
      {stats.attempts === 0 ? (
        // Two blank chart areas read as broken: say why there is nothing to draw.
        <div className="text-muted-foreground flex h-[9.5rem] items-center justify-center rounded-md border border-dashed text-sm">
          No deliveries in this period
        </div>
      ) : (
        <Charts stats={stats} bucketLabel={bucketLabel} />
      )}
    </figure>
  );
}

/** The success-rate and latency bars, one per bucket. */
function Charts({ stats, bucketLabel }: { stats: WebhookStats; bucketLabel: (d: Date) => string }) {
  const maxLatency = Math.max(1, ...stats.buckets.map((b) => b.p95 ?? 0));
  const width = 100 / stats.buckets.length;
  return (
    <>
      <div>
        <p className="text-muted-foreground mb-1 text-xs">Success rate</p>
        <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-16 w-full" aria-hidden>
          {stats.buckets.map((b, i) => {
            if (b.attempts === 0) return null;
            const ok = (b.succeeded / b.attempts) * 30;
            return (
              <g key={i}>
                <title>{`${bucketLabel(b.at)}: ${b.succeeded}/${b.attempts} succeeded`}</title>
                <rect
                  x={i * width + 0.3}
                  y={0}
                  width={width - 0.6}
                  height={30 - ok}
                  className="fill-destructive/70"
                />
                <rect
                  x={i * width + 0.3}
                  y={30 - ok}
                  width={width - 0.6}
                  height={ok}
                  className="fill-success/80"
                />
              </g>
            );
          })}
        </svg>
      </div>
      <div>
        <p className="text-muted-foreground mb-1 text-xs">Latency p50 (bar) and p95 (tick)</p>
        <svg viewBox="0 0 100 30" preserveAspectRatio="none" className="h-16 w-full" aria-hidden>
          {stats.buckets.map((b, i) => {
            if (b.p50 === null) return null;
            const h50 = (b.p50 / maxLatency) * 30;
            const h95 = ((b.p95 ?? b.p50) / maxLatency) * 30;
            return (
              <g key={i}>
                <title>{`${bucketLabel(b.at)}: p50 ${msText(b.p50)}, p95 ${msText(b.p95)}`}</title>
                <rect
                  x={i * width + 0.3}
                  y={30 - h50}
                  width={width - 0.6}
                  height={h50}
                  className="fill-primary/70"
                />
                <rect
                  x={i * width + 0.3}
                  y={30 - h95}
                  width={width - 0.6}
                  height={0.8}
                  className="fill-foreground/60"
                />
              </g>
            );
          })}
        </svg>
        <div className="text-muted-foreground flex justify-between text-xs">
          <span>{bucketLabel(stats.buckets[0]!.at)}</span>
          <span>{bucketLabel(stats.buckets.at(-1)!.at)}</span>
        </div>
      </div>
    </>
  );
}
