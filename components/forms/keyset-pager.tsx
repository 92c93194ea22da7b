import Link from "next/link";
import { Button } from "@/components/ui/button";

/**
 * "← Newest" and "Older →" for a keyset-paged list: links to `path` with the same filters and
 * the next page's cursor (see lib/keyset.ts).
 */
export function KeysetPager({
  path,
  filters,
  next,
}: {
  path: string;
  filters: Record<string, string | undefined> & { cursor?: string };
  next: string | null;
}) {
  const href = (cursor: string | null) => {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
    if (cursor) params.set("cursor", cursor);
    else params.delete("cursor");
    return `${path}${params.size ? `?${params}` : ""}`;
  };
  return (
    <nav aria-label="Pages" className="flex justify-between gap-2">
      {filters.cursor ? (
        <Button variant="outline" size="sm" asChild>
          <Link href={href(null)}>← Newest</Link>
        </Button>
      ) : (
        <span />
      )}
      {next && (
        <Button variant="outline" size="sm" asChild>
          <Link href={href(next)}>Older →</Link>
        </Button>
      )}
    </nav>
  );
}
