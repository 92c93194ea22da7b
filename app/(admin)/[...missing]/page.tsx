import { notFound } from "next/navigation";

export const metadata = { title: "Not found" };

// Any URL no other route matches lands here, inside the admin shell, so a mistyped or stale
// address shows the shell's 404 (app/(admin)/not-found.tsx) with the navigation around it
// rather than a bare page. Specific routes always win over this catch-all.
export default function MissingPage(): never {
  notFound();
}
