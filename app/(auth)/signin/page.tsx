import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/actor";
import { needsSetup } from "@/lib/organizations/service";

export const dynamic = "force-dynamic";
export const metadata = { title: "Sign in" };

/** Only same-site paths are followed after sign-in. */
function safeCallback(value: string | string[] | undefined) {
  const raw = typeof value === "string" ? value : "";
  try {
    const url = new URL(raw, "http://x");
    return url.host === "x" && url.pathname.startsWith("/")
      ? url.pathname + url.search
      : "/webhooks";
  } catch {
    return "/webhooks";
  }
}

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  if (await needsSetup()) redirect("/setup");
  const params = await searchParams;
  const callbackUrl = safeCallback(params.callbackUrl);
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
