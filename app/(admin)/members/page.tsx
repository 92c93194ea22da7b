import { InviteForm } from "@/components/members/invite-form";
import {
  MemberRoleSelect,
  RemoveMemberButton,
  RevokeInvitationButton,
  UnlockMemberButton,
} from "@/components/members/member-actions";
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
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { fullTime, timeAgo } from "@/lib/format";
import { listMembers, listPendingInvitations } from "@/lib/organizations/service";

export const metadata = { title: "Members" };

const roleName = { OWNER: "Owner", ADMIN: "Admin", VIEWER: "Viewer" } as const;

// The organization's members and invitations.
export default async function MembersPage() {
  const actor = await requireActor();
  const [members, invitations] = await Promise.all([
    listMembers(actor),
    listPendingInvitations(actor),
  ]);
  const canInvite = can(actor.role, "members.invite");
  const canManage = can(actor.role, "members.manage");

  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Organization" }, { label: "Members" }]}
        title="Members"
        description={`People who can see ${actor.organizationName}'s webhooks. Owners and Admins manage webhooks and invite people; Viewers have read-only access.`}
      />
      <div className="mt-6 space-y-6">
        {!canInvite && (
          <p className="text-muted-foreground text-sm" data-testid="invite-refused">
            Only Owners and Admins can invite people. Ask one of them to send an invitation.
          </p>
        )}
        {canInvite && (
          <Card>
            <CardHeader>
              <CardTitle as="h2">Invite someone</CardTitle>
              <CardDescription>
                You get a link to send them. They choose their own password when they accept.
              </CardDescription>
            </CardHeader>
            <CardContent>
              <InviteForm canInviteOwner={canManage} />
            </CardContent>
          </Card>
        )}
        <Table aria-label="Members" stack>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead className="hidden sm:table-cell">E-mail</TableHead>
              <TableHead>Role</TableHead>
              <TableHead className="hidden md:table-cell">Member since</TableHead>
              <TableHead className="w-32">
                <span className="sr-only">Actions</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {members.map((m) => {
              const self = m.user.id === actor.userId;
              return (
                <TableRow key={m.id} data-testid="member-row">
                  <TableCell className="font-medium">
                    <div className="min-w-0">
                      {m.user.name} {self && <span className="text-muted-foreground">(you)</span>}
                      <div className="text-muted-foreground text-xs font-normal break-all sm:hidden">
                        {m.user.email}
                      </div>
                      {m.lockedUntil && (
                        <div className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs font-normal">
                          <Badge variant="destructive">Locked out</Badge>
                          <span className="text-muted-foreground">
                            Too many failed sign-ins: locked until {fullTime(m.lockedUntil)}
                          </span>
                        </div>
                      )}
                    </div>
                  </TableCell>
                  <TableCell className="hidden sm:table-cell">{m.user.email}</TableCell>
                  <TableCell data-label="Role">
                    {canManage ? (
                      <MemberRoleSelect membershipId={m.id} role={m.role} name={m.user.name} />
                    ) : (
                      <Badge variant="secondary">{roleName[m.role]}</Badge>
                    )}
                  </TableCell>
                  <TableCell
                    data-label="Member since"
                    className="text-muted-foreground text-sm sm:max-md:hidden"
                    title={fullTime(m.createdAt)}
                  >
                    {timeAgo(m.createdAt)}
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap justify-end gap-1 max-sm:justify-start">
                      {canManage && m.lockedUntil && (
                        <UnlockMemberButton membershipId={m.id} name={m.user.name} />
                      )}
                      {(canManage || self) && (
                        <RemoveMemberButton membershipId={m.id} name={m.user.name} self={self} />
                      )}
                    </div>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
        {invitations.length > 0 && (
          <section aria-labelledby="invitations-heading" className="space-y-2">
            <h2 id="invitations-heading" className="text-sm font-semibold">
              Pending invitations
            </h2>
            <Table aria-label="Pending invitations" stack>
              <TableHeader>
                <TableRow>
                  <TableHead>E-mail</TableHead>
                  <TableHead>Role</TableHead>
                  <TableHead>Expires</TableHead>
                  <TableHead className="w-24">
                    <span className="sr-only">Actions</span>
                  </TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {invitations.map((inv) => (
                  <TableRow key={inv.id}>
                    <TableCell className="break-all">{inv.email}</TableCell>
                    <TableCell data-label="Role">{roleName[inv.role]}</TableCell>
                    <TableCell data-label="Expires" title={fullTime(inv.expiresAt)}>
                      {inv.expired ? (
                        <Badge variant="destructive">Expired</Badge>
                      ) : (
                        timeAgo(inv.expiresAt)
                      )}
                    </TableCell>
                    <TableCell>
                      {canInvite && (canManage || inv.role !== "OWNER") && (
                        <RevokeInvitationButton id={inv.id} email={inv.email} />
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </section>
        )}
      </div>
    </>
  );
}
