import { ArrowLeft, ArrowRight } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";

/** "← Newer" and "Older →" between keyset pages; a missing href disables its side. */
export function TestEmailPagination({
  newerHref,
  olderHref,
}: {
  newerHref: string | null;
  olderHref: string | null;
}) {
  if (!newerHref && !olderHref) return null;
  return (
    <nav aria-label="Pages of test e-mails" className="flex items-center justify-between gap-2">
      {newerHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={newerHref} rel="prev">
            <ArrowLeft aria-hidden /> Newer
          </Link>
        </Button>
      ) : (
        <Button variant="outline" size="sm" disabled>
          <ArrowLeft aria-hidden /> Newer
        </Button>
      )}
      {olderHref ? (
        <Button asChild variant="outline" size="sm">
          <Link href={olderHref} rel="next">
            Older <ArrowRight aria-hidden />
          </Link>
        </Button>
      ) : (
        <Button variant="outline" size="sm" disabled>
          Older <ArrowRight aria-hidden />
        </Button>
      )}
    </nav>
  );
}
