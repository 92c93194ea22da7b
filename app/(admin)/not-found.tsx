import { SearchX } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

// A webhook or page that does not exist — or belongs to another organization.
export default function AdminNotFound() {
  return (
    <EmptyState
      icon={SearchX}
      headingLevel="h1"
      title="Not found"
      description="It may have been deleted, or it belongs to another organization."
      action={
        <Button asChild variant="outline">
          <Link href="/webhooks">Back to Webhooks</Link>
        </Button>
      }
    />
  );
}
