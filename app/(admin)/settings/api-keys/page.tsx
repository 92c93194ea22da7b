import { NoAccess } from "@/components/shell/no-access";
import { ApiKeyForm } from "@/components/api-keys/api-key-form";
import { RevokeApiKeyButton } from "@/components/api-keys/revoke-api-key-button";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from "@/components/ui/table";
import { listApiKeys } from "@/lib/api-keys/service";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { fullTime, timeAgo } from "@/lib/format";

export const metadata = { title: "API keys" };

// Settings → API keys: the keys the chat platform sends events with.
export default async function ApiKeysPage() {
  const actor = await requireActor();
  const breadcrumbs = [{ label: "Admin Panel" }, { label: "Settings" }, { label: "API keys" }];
  if (!can(actor.role, "apiKeys.manage"))
    return (
      <NoAccess actor={actor} title="API keys" breadcrumbs={breadcrumbs} what="manage API keys" />
    );
  const keys = await listApiKeys(actor);
  return (
    <>
      <PageHeader
        breadcrumbs={breadcrumbs}
        title="API keys"
        description="Your chat platform sends events to POST /api/v1/events with one of these keys. Keys are stored hashed: copy a new key when it is shown."
      />
      <div className="mt-6 space-y-6">
        <Card>
          <CardHeader>
            <CardTitle as="h2">Create a key</CardTitle>
            <CardDescription>
              One key per system that sends events, so you can revoke one without the others.
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ApiKeyForm />
          </CardContent>
        </Card>
        {keys.length > 0 && (
          <Table aria-label="API keys">
            <TableHeader>
              <TableRow>
                <TableHead>Name</TableHead>
                <TableHead>Key</TableHead>
                <TableHead className="hidden sm:table-cell">Created</TableHead>
                <TableHead>Last used</TableHead>
                <TableHead className="w-24">
                  <span className="sr-only">Actions</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {keys.map((k) => (
                <TableRow key={k.id}>
                  <TableCell className="font-medium">{k.name}</TableCell>
                  <TableCell className="font-mono text-xs">{k.prefix}…</TableCell>
                  <TableCell
                    className="text-muted-foreground hidden text-sm sm:table-cell"
                    title={fullTime(k.createdAt)}
                  >
                    {timeAgo(k.createdAt)}
                  </TableCell>
                  <TableCell className="text-muted-foreground text-sm">
                    {k.revokedAt ? (
                      <Badge variant="destructive">Revoked</Badge>
                    ) : k.lastUsedAt ? (
                      timeAgo(k.lastUsedAt)
                    ) : (
                      "Never"
                    )}
                  </TableCell>
                  <TableCell>
                    {!k.revokedAt && <RevokeApiKeyButton id={k.id} name={k.name} />}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </div>
    </>
  );
}
