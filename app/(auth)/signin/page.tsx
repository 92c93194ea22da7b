import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/actor";
import { safeCallbackUrl } from "@/lib/auth/callback-url";
import { needsSetup } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await needsSetup()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  if (await getViewer()) redirect(callbackUrl);
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h1">Sign in</CardTitle>
        <CardDescription>Admin Panel → Integrations &amp; Partners → Webhooks</CardDescription>
      </CardHeader>
      <CardContent>
        <SignInForm
          callbackUrl={callbackUrl}
          email={typeof params.email === "string" ? params.email : undefined}
        />
      </CardContent>
    </Card>
  );
}
