"use client";

import { LogOut } from "lucide-react";
import { signOut } from "next-auth/react";
import { Button } from "@/components/ui/button";

/** Ends the session and returns to the sign-in page. */
export function SignOutButton() {
  return (
    <Button variant="outline" onClick={() => signOut({ callbackUrl: "/signin" })}>
      <LogOut aria-hidden /> Sign out
    </Button>
  );
}
