import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { roleLabels } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";

type Crumb = { label: string; href?: string };

/**
 * What a member sees on a page their role may not use (a Viewer on Add Event, API keys, …):
 * the page's title and why it shows nothing, instead of a silent redirect elsewhere. The page
 * loads none of its data before rendering this.
 */
export function NoAccess({
  actor,
  title,
  breadcrumbs,
  what,
}: {
  actor: Pick<Actor, "role" | "organizationName">;
  title: string;
  breadcrumbs: Crumb[];
  /** What the page does, after "Only Owners and Admins can": "add webhooks". */
  what: string;
}) {
  return (
    <>
      <PageHeader breadcrumbs={breadcrumbs} title={title} />
      <EmptyState
        icon={ShieldAlert}
        headingLevel="h2"
        title={`Only Owners and Admins can ${what}.`}
        description={`You are ${actor.role === "ADMIN" ? "an" : "a"} ${roleLabels[actor.role]} in ${actor.organizationName}: you can read its webhooks, deliveries and test e-mails. Ask an Owner or Admin if you need this.`}
        action={
          <Button asChild variant="outline">
            <Link href="/webhooks">Back to Webhooks</Link>
          </Button>
        }
      />
    </>
  );
}
