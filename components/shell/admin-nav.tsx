"use client";

import {
  Archive,
  FlaskConical,
  KeyRound,
  ListChecks,
  Mail,
  ScrollText,
  ShieldCheck,
  Users,
  UserX,
  Webhook,
} from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";

const sections = [
  {
    title: "Integrations & Partners",
    items: [
      { href: "/webhooks", label: "Webhooks", icon: Webhook },
      { href: "/deliveries", label: "Deliveries", icon: ListChecks },
      { href: "/test-emails", label: "Test e-mails", icon: Mail },
      { href: "/simulator", label: "Event simulator", icon: FlaskConical, write: true },
    ],
  },
  {
    title: "Settings",
    items: [
      { href: "/settings/api-keys", label: "API keys", icon: KeyRound, write: true },
      { href: "/settings/retention", label: "Data retention", icon: Archive },
      { href: "/settings/webhook-policy", label: "Webhook policy", icon: ShieldCheck },
      { href: "/settings/erasure", label: "Data erasure", icon: UserX, write: true },
      { href: "/settings/audit-log", label: "Audit log", icon: ScrollText, write: true },
    ],
  },
  { title: "Organization", items: [{ href: "/members", label: "Members", icon: Users }] },
];

/** Admin Panel navigation: a sidebar on wide screens, a scrolling strip on phones. */
export function AdminNav({ canWrite }: { canWrite: boolean }) {
  const pathname = usePathname();
  return (
    <nav
      aria-label="Admin Panel"
      className="flex gap-1 overflow-x-auto md:flex-col md:gap-5 md:overflow-visible"
    >
      {sections
        .map((s) => ({ ...s, items: s.items.filter((i) => canWrite || !("write" in i)) }))
        .filter((s) => s.items.length > 0)
        .map((section) => (
          <div key={section.title} className="flex shrink-0 gap-1 md:flex-col">
            <p className="text-muted-foreground hidden px-2 pb-1 text-xs font-medium tracking-wide uppercase md:block">
              {section.title}
            </p>
            {section.items.map(({ href, label, icon: Icon }) => {
              const active = pathname === href || pathname.startsWith(`${href}/`);
              return (
                <Link
                  key={href}
                  href={href}
                  aria-current={active ? "page" : undefined}
                  className={cn(
                    "focus-ring text-muted-foreground hover:bg-accent hover:text-foreground flex items-center gap-2 rounded-md px-2 py-1.5 text-sm font-medium transition-colors",
                    active && "bg-accent text-foreground",
                  )}
                >
                  <Icon className="size-4" aria-hidden />
                  {label}
                </Link>
              );
            })}
          </div>
        ))}
    </nav>
  );
}
