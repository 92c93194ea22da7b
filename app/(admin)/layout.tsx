import { Webhook } from "lucide-react";
import Link from "next/link";
import { QueryProvider } from "@/components/providers/query-provider";
import { AdminNav } from "@/components/shell/admin-nav";
import { OrganizationSwitcher } from "@/components/shell/organization-switcher";
import { HealthAlerts } from "@/components/shell/health-alerts";
import { UserMenu } from "@/components/shell/user-menu";
import { Toaster } from "@/components/ui/toaster";
import { getViewer, requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { webhooksInTrouble } from "@/lib/webhooks/stats";

export const dynamic = "force-dynamic";

// The Admin Panel shell: header (organization, account) and navigation around every admin page.
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [viewer, troubled] = await Promise.all([getViewer(), webhooksInTrouble(actor)]);
  return (
    <QueryProvider>
      <div className="bg-muted/30 min-h-dvh">
        <header className="bg-background/95 sticky top-0 z-30 border-b backdrop-blur">
          <div className="flex h-14 items-center gap-3 px-4 md:px-6">
            <Link
              href="/webhooks"
              className="focus-ring flex items-center gap-2 rounded-md text-sm font-semibold"
            >
              <span className="bg-primary text-primary-foreground flex size-7 items-center justify-center rounded-md">
                <Webhook className="size-4" aria-hidden />
              </span>
              <span className="hidden sm:inline">Admin Panel</span>
            </Link>
            <div className="ml-auto flex items-center gap-2">
              {viewer!.memberships.length > 1 ? (
                <OrganizationSwitcher
                  current={actor.organizationId}
                  organizations={viewer!.memberships}
                />
              ) : (
                <span className="text-muted-foreground max-w-48 truncate text-sm">
                  {actor.organizationName}
                </span>
              )}
              <UserMenu
                name={actor.name}
                email={actor.email}
                role={actor.role}
                organizationName={actor.organizationName}
              />
            </div>
          </div>
          <div className="border-t px-4 py-2 md:hidden">
            <AdminNav canWrite={can(actor.role, "webhooks.write")} />
          </div>
        </header>
        <div className="flex">
          <aside className="bg-background sticky top-14 hidden h-[calc(100dvh-3.5rem)] w-60 shrink-0 border-r px-3 py-5 md:block">
            <AdminNav canWrite={can(actor.role, "webhooks.write")} />
          </aside>
          <main id="main" className="min-w-0 flex-1 px-4 py-6 md:px-8">
            <div className="mx-auto max-w-6xl">
              <HealthAlerts webhooks={troubled} />
              {children}
            </div>
          </main>
        </div>
      </div>
      <Toaster />
    </QueryProvider>
  );
}
