import { SignOutButton } from "@/components/auth/sign-out-button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

export const metadata = { title: "No organization" };

// Shown to a signed-in user who belongs to no organization any more.
export default function NoOrganizationPage() {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">You are not a member of any organization</CardTitle>
        <CardDescription>
          Ask an Owner or Admin of your organization to invite you again.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SignOutButton />
      </CardContent>
    </Card>
  );
}
