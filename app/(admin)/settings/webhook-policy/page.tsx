import { Lock } from "lucide-react";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { VerificationPolicySwitch } from "@/components/webhook-policy/verification-policy-switch";
import { requireActor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { getVerificationPolicy } from "@/lib/webhooks/policy";

export const metadata = { title: "Webhook policy" };

// Settings → Webhook policy: rules every webhook of the organization follows; Owners change them.
export default async function WebhookPolicyPage() {
  const actor = await requireActor();
  const { requireVerifiedUrl } = await getVerificationPolicy(actor);
  const canChange = can(actor.role, "organization.manage");
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Admin Panel" }, { label: "Settings" }, { label: "Webhook policy" }]}
        title="Webhook policy"
        description={`Rules every webhook of ${actor.organizationName} follows.`}
      />
      <div className="mt-6 space-y-6">
        <Card>
          <CardHeader>
            <CardTitle as="h2">URL verification</CardTitle>
            <CardDescription>
              Verify URL sends <code>GET &lt;url&gt;?echo=&lt;random value&gt;</code>; the endpoint
              must answer 2xx with that value as <code>text/plain</code>.
            </CardDescription>
          </CardHeader>
          <CardContent className="space-y-3 text-sm">
            <VerificationPolicySwitch on={requireVerifiedUrl} canChange={canChange} />
            <ul className="text-muted-foreground list-disc space-y-1 pl-5">
              <li>
                When on, a webhook leaves Test mode (in its form or with Go live) only if its
                current URL is verified.
              </li>
              <li>
                Webhooks already live stay live. Their URL cannot be changed while they are live:
                switch to Test mode with the new URL, verify it, then go live.
              </li>
            </ul>
            {!canChange && (
              <p className="text-muted-foreground flex items-start gap-2">
                <Lock className="mt-0.5 size-4 shrink-0" aria-hidden />
                Only Owners can change the webhook policy.
              </p>
            )}
          </CardContent>
        </Card>
      </div>
    </>
  );
}
