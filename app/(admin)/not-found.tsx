import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// The admin shell's 404: an address nothing lives at, or a webhook, delivery or e-mail that
// was deleted or belongs to another organization (which is "not found", never "forbidden").
export default function AdminNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      headingLevel="h1"
      title="Not found"
      description="Nothing is at this address. The link may be mistyped, or what it pointed to was deleted or belongs to another organization."
      className="bg-background mt-4"
      action={
        <Button asChild>
          <Link href="/webhooks">Back to Webhooks</Link>
        </Button>
      }
    />
  );
}
