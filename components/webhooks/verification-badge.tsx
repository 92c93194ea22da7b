import { ShieldCheck, ShieldQuestion } from "lucide-react";
import { Badge } from "@/components/ui/badge";

/** "Verified" / "Not verified": whether the webhook's current URL passed the echo check. */
export function VerificationBadge({ verified }: { verified: boolean }) {
  return (
    <Badge variant={verified ? "success" : "outline"} data-testid="verification">
      {verified ? <ShieldCheck aria-hidden /> : <ShieldQuestion aria-hidden />}
      {verified ? "Verified" : "Not verified"}
    </Badge>
  );
}
