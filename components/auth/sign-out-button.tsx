"use client";

import { LogOut } from "lucide-react";
import { Button } from "@/components/ui/button";
import { signOutTo } from "@/lib/auth/browser-session";

/** Ends the session and returns to the sign-in page. */
export function SignOutButton() {
  return (
    <Button variant="outline" onClick={() => void signOutTo("/signin")}>
      <LogOut aria-hidden /> Sign out
    </Button>
  );
}
