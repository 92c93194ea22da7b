import { Mail } from "lucide-react";
import Link from "next/link";
import { TestEmailFilters } from "@/components/test-emails/test-email-filters";
import { TestEmailPagination } from "@/components/test-emails/test-email-pagination";
import { TestEmailTable } from "@/components/test-emails/test-email-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, type KeysetCursor } from "@/lib/keyset";
import { testEmailFiltersSchema } from "@/lib/test-emails/schemas";
import { listTestEmails, listWebhookChoices } from "@/lib/test-emails/service";

export const metadata = { title: "Test e-mails" };

const PAGE_SIZE = 25;

const breadcrumbs = [
  { label: "Admin Panel" },
  { label: "Integrations & Partners" },
  { label: "Test e-mails" },
];

// Admin Panel → Integrations & Partners → Test e-mails: what Test-mode webhooks e-mailed.
export default async function TestEmailsPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const actor = await requireActor();
  const filters = testEmailFiltersSchema.parse(await searchParams);
  const cursor = (filters.cursor && decodeCursor(filters.cursor)) || undefined;
  const [page, webhooks] = await Promise.all([
    listTestEmails(actor, {
      webhookId: filters.webhook,
      cursor,
      direction: filters.dir,
      limit: PAGE_SIZE,
    }),
    listWebhookChoices(actor),
  ]);

  const href = (at: KeysetCursor | null, dir: "older" | "newer") => {
    if (!at) return null;
    const params = new URLSearchParams();
    if (filters.webhook) params.set("webhook", filters.webhook);
    params.set("cursor", encodeCursor(at));
    if (dir === "newer") params.set("dir", "newer");
    return `/test-emails?${params}`;
  };
  const firstPage = filters.webhook
    ? `/test-emails?${new URLSearchParams({ webhook: filters.webhook })}`
    : "/test-emails";
  const nothingAtAll = page.items.length === 0 && !filters.webhook && !cursor;

  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="Test e-mails"
        description="A webhook in Test mode e-mails each delivery to its test recipients instead of sending it, showing the exact request Live mode would send. Every such e-mail is kept here."
      />
      {nothingAtAll ? (
        <EmptyState
          icon={Mail}
          headingLevel="h2"
          title="No test e-mails yet"
          description={`Webhooks in Test mode e-mail each delivery instead of sending it to their URL, and the e-mails appear here — even when no mail server is configured. ${
            can(actor.role, "events.send")
              ? "Send a test event from a webhook to see one."
              : "They appear once an Owner or Admin sends a test event."
          }`}
          action={
            <Button asChild variant="outline">
              <Link href="/webhooks">Go to Webhooks</Link>
            </Button>
          }
        />
      ) : (
        <div className="space-y-3">
          <TestEmailFilters webhooks={webhooks} value={filters.webhook ?? ""} />
          {page.items.length === 0 ? (
            <EmptyState
              headingLevel="h2"
              title={cursor ? "No more test e-mails this way" : "No test e-mails from this webhook"}
              description={
                cursor
                  ? "They may have been removed since this page was opened."
                  : "It has not e-mailed a delivery yet. Only webhooks in Test mode e-mail their deliveries."
              }
              action={
                <Button asChild variant="outline">
                  <Link href={cursor ? firstPage : "/test-emails"}>
                    {cursor ? "Back to the newest" : "Show all webhooks"}
                  </Link>
                </Button>
              }
            />
          ) : (
            <>
              <TestEmailTable rows={page.items} />
              <TestEmailPagination
                newerHref={href(page.newer, "newer")}
                olderHref={href(page.older, "older")}
              />
            </>
          )}
        </div>
      )}
    </>
  );
}
