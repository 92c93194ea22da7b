import Link from "next/link";
import { AcceptInvitationForm } from "@/components/auth/accept-invitation-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { describeInvitation } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";
export const metadata = { title: "Invitation" };

const roleLabel = { OWNER: "an Owner", ADMIN: "an Admin", VIEWER: "a Viewer" } as const;

const unusable: Record<string, string> = {
  accepted: "This invitation was already accepted. Sign in to continue.",
  revoked: "This invitation was withdrawn. Ask the person who invited you for a new link.",
  expired: "This invitation has expired: links are valid for 7 days. Ask for a new one.",
};

// The page an invitation link opens.
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await describeInvitation(token);
  if (!invitation || invitation.state !== "open") {
    return (
      <Card>
        <CardHeader>
          <CardTitle as="h1">Invitation unavailable</CardTitle>
          <CardDescription>
            {invitation
              ? unusable[invitation.state]
              : "This invitation link is not valid. Check that you copied all of it."}
          </CardDescription>
        </CardHeader>
        <CardContent>
          <Button asChild variant="outline">
            <Link href="/signin">Go to sign in</Link>
          </Button>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Join {invitation.organizationName}</CardTitle>
        <CardDescription>
          You were invited as {roleLabel[invitation.role]} of {invitation.organizationName}.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <AcceptInvitationForm
          token={token}
          email={invitation.email}
          accountExists={invitation.accountExists}
        />
      </CardContent>
    </Card>
  );
}
