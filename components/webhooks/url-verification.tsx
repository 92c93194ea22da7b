import { VerificationBadge } from "@/components/webhooks/verification-badge";
import { VerifyUrlButton } from "@/components/webhooks/verify-url-button";

type Props = {
  webhookId: string;
  verified: boolean;
  error: string | null;
  /** The URL field differs from the saved URL: the check runs against saved URLs only. */
  unsaved: boolean;
  readOnly: boolean;
};

/** Under the form's URL field: the saved URL's verification, and Verify URL. */
export function UrlVerification({ webhookId, verified, error, unsaved, readOnly }: Props) {
  const note = unsaved
    ? "Save to verify the new URL: Verify URL checks the saved URL."
    : verified
      ? "The endpoint echoed the check value back."
      : (error ??
        "Verify URL sends GET with ?echo=<value>; the endpoint answers the value as text/plain.");
  return (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-sm">
      {!unsaved && <VerificationBadge verified={verified} />}
      <span className="text-muted-foreground min-w-0 flex-1" data-testid="verification-note">
        {note}
      </span>
      {!readOnly && <VerifyUrlButton webhookId={webhookId} disabled={unsaved} />}
    </div>
  );
}
