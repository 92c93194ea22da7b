import { Webhook } from "lucide-react";

// Sign-in, first-run setup and invitations: a centered card on a quiet background.
export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="bg-muted/40 flex min-h-dvh flex-col items-center justify-center px-4 py-10">
      <div className="mb-6 flex items-center gap-2 text-sm font-semibold">
        <span className="bg-primary text-primary-foreground flex size-8 items-center justify-center rounded-md">
          <Webhook className="size-4" aria-hidden />
        </span>
        Admin Panel · Webhooks
      </div>
      <div className="w-full max-w-md">{children}</div>
    </main>
  );
}
