import { SearchX, Webhook } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata = { title: "Not found" };

// The last-resort 404, for a notFound() outside the admin shell (sign-in, setup, invitation
// pages). Unknown admin addresses get the shell's own 404 (app/(admin)/[...missing]).
export default function RootNotFound() {
  return (
    <main className="bg-muted/40 flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-sm font-semibold">
        <span className="bg-primary text-primary-foreground flex size-8 items-center justify-center rounded-md">
          <Webhook className="size-4" aria-hidden />
        </span>
        Admin Panel · Webhooks
      </div>
      <EmptyState
        icon={SearchX}
        headingLevel="h1"
        title="Not found"
        description="Nothing is at this address. The link may be mistyped, or what it pointed to was deleted."
        className="bg-background w-full max-w-md"
        action={
          <Button asChild>
            <Link href="/webhooks">Back to Webhooks</Link>
          </Button>
        }
      />
    </main>
  );
}
