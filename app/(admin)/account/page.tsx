import { ChangePasswordForm } from "@/components/account/change-password-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireActor } from "@/lib/auth/actor";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "@/lib/auth/session-policy";

export const metadata = { title: "Account" };

// The signed-in person's account: their password and how long sessions last.
export default async function AccountPage() {
  const actor = await requireActor();
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Account" }]}
        title="Account"
        description={`Signed in as ${actor.name} (${actor.email}).`}
      />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle as="h2">Change password</CardTitle>
          <CardDescription>
            Changing it signs you out everywhere else. Sessions also end after{" "}
            {SESSION_IDLE_SECONDS / 3600} hours without use, and {SESSION_ABSOLUTE_SECONDS / 86400}{" "}
            days after signing in.
          </CardDescription>
        </CardHeader>
        <CardContent>
          <ChangePasswordForm />
        </CardContent>
      </Card>
    </>
  );
}
