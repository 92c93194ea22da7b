import { redirect } from "next/navigation";
import { SetupForm } from "@/components/auth/setup-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { needsSetup } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";
export const metadata = { title: "Set up" };

// One-time owner setup: offered only while no user exists.
export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/signin");
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Welcome — create the owner account</CardTitle>
        <CardDescription>
          This runs once. The owner manages the organization&apos;s webhooks and invites the rest of
          the team.
        </CardDescription>
      </CardHeader>
      <CardContent>
        <SetupForm />
      </CardContent>
    </Card>
  );
}
