"use client";

import {
  Copy,
  FlaskConical,
  MoreHorizontal,
  Pencil,
  Power,
  Rocket,
  Send,
  Trash2,
} from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { useActionRunner } from "@/components/forms/use-action-runner";
import { TestEventDialog } from "@/components/events/send-test-event-button";
import { SecretRevealDialog } from "@/components/webhooks/secret-reveal-dialog";
import {
  AlertDialog,
  AlertDialogAction,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
import { Badge } from "@/components/ui/badge";
import { VerificationBadge } from "@/components/webhooks/verification-badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { Tooltip, TooltipContent, TooltipTrigger } from "@/components/ui/tooltip";
import { WebhookModeDialog } from "@/components/webhooks/webhook-mode-switch";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { CertificateExpiryNote } from "@/components/webhooks/certificate-expiry-note";
import { certificateExpiry } from "@/lib/webhooks/certificate-expiry";
import { getEventType } from "@/lib/events/catalog";
import { fullTime, timeAgo, urlHost } from "@/lib/format";
import {
  deleteWebhookAction,
  duplicateWebhookAction,
  setWebhookEnabledAction,
} from "@/lib/webhooks/actions";

export type WebhookRow = {
  lastDelivery: {
    outcome: string;
    responseStatus: number | null;
    errorClass: string | null;
    at: string;
  } | null;
  disabledReason: string | null;
  /** The mTLS client certificate's expiry, if there is one. */
  clientCertExpiresAt: string | null;
  id: string;
  name: string;
  eventType: string;
  verb: string;
  url: string;
  testMode: boolean;
  /** Where Test mode e-mails its deliveries. */
  testEmails: string[];
  /** Whether the current URL passed the echo check (Verify URL). */
  verified: boolean;
  enabled: boolean;
  updatedAt: string;
};

const eventLabel = (key: string) => getEventType(key)?.label ?? key;

/** Kept in the app, not mailed: what Test mode does without SMTP_URL. */
export const MAIL_KEPT = "Kept in Test e-mails (no mail server configured)";

/**
 * The Test / Live badge. Without a mail server a Test badge says where the e-mails went
 * instead — the Test e-mails inbox, which it links to (filtered to the webhook).
 */
function ModeBadge({ row, mailKept }: { row: WebhookRow; mailKept: boolean }) {
  if (!row.testMode || !mailKept) return <Badge variant={row.testMode ? "test" : "live"} />;
  return (
    <Tooltip>
      <TooltipTrigger asChild>
        <Link
          href={`/test-emails?webhook=${row.id}`}
          aria-label={`Test: ${MAIL_KEPT}`}
          className="focus-ring rounded-md"
        >
          <Badge variant="test" className="hover:underline">
            Test
          </Badge>
        </Link>
      </TooltipTrigger>
      <TooltipContent>{MAIL_KEPT}</TooltipContent>
    </Tooltip>
  );
}

/** The webhooks table with its row actions (edit, go live, duplicate, enable/disable, delete). */
export function WebhookTable({
  rows,
  canWrite,
  mailKept,
}: {
  rows: WebhookRow[];
  canWrite: boolean;
  /** No SMTP_URL: Test mode keeps e-mails in the app's Test e-mails inbox. */
  mailKept: boolean;
}) {
  const { pending, run } = useActionRunner();
  const [deleting, setDeleting] = useState<WebhookRow | null>(null);
  const [switching, setSwitching] = useState<WebhookRow | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [testing, setTesting] = useState<WebhookRow | null>(null);

  const duplicate = (row: WebhookRow) =>
    run(
      () => duplicateWebhookAction({ id: row.id }),
      `Duplicated “${row.name}”. The copy is disabled until you enable it.`,
      (result) => setSecret(result.data?.signingSecret ?? null),
    );

  return (
    <>
      {/* Nine columns fit beside the sidebar at 1280 px only with tighter cell padding. */}
      <Table aria-label="Webhooks" aria-busy={pending} stack className="[&_td]:px-2 [&_th]:px-2">
        <TableHeader>
          <TableRow>
            <TableHead>Name</TableHead>
            <TableHead className="hidden sm:table-cell">Event type</TableHead>
            <TableHead className="hidden md:table-cell">Verb</TableHead>
            <TableHead className="hidden sm:table-cell">URL host</TableHead>
            <TableHead>Mode</TableHead>
            <TableHead>Enabled</TableHead>
            <TableHead className="hidden lg:table-cell">Last delivery</TableHead>
            <TableHead className="hidden xl:table-cell">Last updated</TableHead>
            {canWrite && (
              <TableHead className="w-10">
                <span className="sr-only">Actions</span>
              </TableHead>
            )}
          </TableRow>
        </TableHeader>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.id} data-testid="webhook-row">
              {/* The width limit is on the link: a table cell's max-width is ignored, so a long
                  name would widen the table and push the ⋯ menu off screen. */}
              <TableCell className="font-medium">
                <Link
                  href={`/webhooks/${row.id}`}
                  title={row.name}
                  className="focus-ring block max-w-full truncate rounded-sm hover:underline sm:max-w-44"
                >
                  {row.name}
                </Link>
                {!row.enabled && row.disabledReason && (
                  <span
                    className="text-destructive block truncate text-xs font-normal"
                    title={row.disabledReason}
                  >
                    {row.disabledReason}
                  </span>
                )}
                {row.clientCertExpiresAt &&
                  certificateExpiry(new Date(row.clientCertExpiresAt), new Date()) !== "valid" && (
                    <CertificateExpiryNote
                      expiresAt={row.clientCertExpiresAt}
                      className="font-normal"
                      prefix="Client certificate: "
                    />
                  )}
                {/* On phones the event type and host move under the name. */}
                <span className="text-muted-foreground block truncate text-xs font-normal sm:hidden">
                  {eventLabel(row.eventType)} · {urlHost(row.url)}
                </span>
              </TableCell>
              <TableCell className="hidden whitespace-nowrap sm:table-cell">
                {eventLabel(row.eventType)}
              </TableCell>
              <TableCell className="hidden font-mono text-xs md:table-cell">{row.verb}</TableCell>
              <TableCell className="hidden font-mono text-xs sm:table-cell" title={row.url}>
                <span className="block max-w-36 truncate">{urlHost(row.url)}</span>
              </TableCell>
              <TableCell data-label="Mode">
                <div className="flex flex-wrap gap-1">
                  <ModeBadge row={row} mailKept={mailKept} />
                  <VerificationBadge verified={row.verified} />
                </div>
              </TableCell>
              <TableCell data-label="Enabled">
                {canWrite ? (
                  <Switch
                    checked={row.enabled}
                    disabled={pending}
                    aria-label={`${row.enabled ? "Disable" : "Enable"} ${row.name}`}
                    onCheckedChange={(enabled) =>
                      run(
                        () => setWebhookEnabledAction({ id: row.id, enabled }),
                        `${row.name} ${enabled ? "enabled" : "disabled"}.`,
                      )
                    }
                  />
                ) : (
                  <span className="text-muted-foreground text-sm">
                    {row.enabled ? "On" : "Off"}
                  </span>
                )}
              </TableCell>
              <TableCell data-label="Last delivery" className="sm:max-lg:hidden">
                <LastDeliveryCell last={row.lastDelivery} />
              </TableCell>
              <TableCell className="text-muted-foreground hidden text-sm whitespace-nowrap xl:table-cell">
                <time
                  dateTime={row.updatedAt}
                  title={fullTime(row.updatedAt)}
                  suppressHydrationWarning
                >
                  {timeAgo(row.updatedAt)}
                </time>
              </TableCell>
              {canWrite && (
                <TableCell data-row-actions>
                  <DropdownMenu>
                    <DropdownMenuTrigger asChild>
                      <Button variant="ghost" size="icon-sm" aria-label={`Actions for ${row.name}`}>
                        <MoreHorizontal aria-hidden />
                      </Button>
                    </DropdownMenuTrigger>
                    <DropdownMenuContent align="end">
                      <DropdownMenuItem asChild>
                        <Link href={`/webhooks/${row.id}/edit`}>
                          <Pencil aria-hidden /> Edit
                        </Link>
                      </DropdownMenuItem>
                      <DropdownMenuItem disabled={!row.enabled} onSelect={() => setTesting(row)}>
                        <Send aria-hidden /> Send test event
                      </DropdownMenuItem>
                      <DropdownMenuItem onSelect={() => setSwitching(row)}>
                        {row.testMode ? (
                          <>
                            <Rocket aria-hidden /> Go live
                          </>
                        ) : (
                          <>
                            <FlaskConical aria-hidden /> Back to Test mode
                          </>
                        )}
                      </DropdownMenuItem>
                      <DropdownMenuItem onSelect={() => duplicate(row)}>
                        <Copy aria-hidden /> Duplicate
                      </DropdownMenuItem>
                      <DropdownMenuItem
                        onSelect={() =>
                          run(
                            () => setWebhookEnabledAction({ id: row.id, enabled: !row.enabled }),
                            `${row.name} ${row.enabled ? "disabled" : "enabled"}.`,
                          )
                        }
                      >
                        <Power aria-hidden /> {row.enabled ? "Disable" : "Enable"}
                      </DropdownMenuItem>
                      <DropdownMenuSeparator />
                      <DropdownMenuItem variant="destructive" onSelect={() => setDeleting(row)}>
                        <Trash2 aria-hidden /> Delete
                      </DropdownMenuItem>
                    </DropdownMenuContent>
                  </DropdownMenu>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <AlertDialog open={deleting !== null} onOpenChange={(open) => !open && setDeleting(null)}>
        <AlertDialogContent>
          <AlertDialogHeader>
            <AlertDialogTitle>Delete “{deleting?.name}”?</AlertDialogTitle>
            <AlertDialogDescription>
              Its events will no longer be delivered to{" "}
              {deleting ? urlHost(deleting.url) : "its URL"}. This cannot be undone.
            </AlertDialogDescription>
          </AlertDialogHeader>
          <AlertDialogFooter>
            <AlertDialogCancel>Cancel</AlertDialogCancel>
            <AlertDialogAction
              onClick={() => {
                const row = deleting!;
                run(() => deleteWebhookAction({ id: row.id }), `Deleted “${row.name}”.`);
              }}
            >
              Delete webhook
            </AlertDialogAction>
          </AlertDialogFooter>
        </AlertDialogContent>
      </AlertDialog>

      <TestEventDialog webhook={testing} onClose={() => setTesting(null)} />

      <WebhookModeDialog
        webhook={switching}
        mailKept={mailKept}
        onClose={() => setSwitching(null)}
      />

      <SecretRevealDialog
        secret={secret}
        title="Signing secret of the copy"
        onClose={() => setSecret(null)}
      />
    </>
  );
}

const errorLabels: Record<string, string> = {
  DNS: "DNS error",
  CONNECT: "Connection failed",
  TLS: "TLS error",
  TIMEOUT: "Timed out",
  REDIRECT: "Redirect",
  BLOCKED: "Blocked address",
  SMTP: "E-mail failed",
  CONFIG: "Configuration",
};

/** The latest attempt: outcome, HTTP status or error, and when. */
function LastDeliveryCell({ last }: { last: WebhookRow["lastDelivery"] }) {
  if (!last) return <span className="text-muted-foreground text-sm">None yet</span>;
  const label =
    last.outcome === "succeeded"
      ? last.responseStatus
        ? `${last.responseStatus} OK`
        : "E-mailed"
      : last.responseStatus
        ? `${last.responseStatus}`
        : (errorLabels[last.errorClass ?? ""] ?? "Failed");
  const variant =
    last.outcome === "succeeded" ? "success" : last.outcome === "retry" ? "warning" : "destructive";
  return (
    <span className="flex flex-col items-start gap-0.5 text-sm whitespace-nowrap">
      <Badge variant={variant}>{label}</Badge>
      <time
        dateTime={last.at}
        title={fullTime(last.at)}
        className="text-muted-foreground"
        suppressHydrationWarning
      >
        {timeAgo(last.at)}
      </time>
    </span>
  );
}
