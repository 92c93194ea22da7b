"use client";

import { LogOut, UserCog } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import type { UserMenuProps } from "@/components/shell/user-menu";
import { UserMenuButton } from "@/components/shell/user-menu-button";
import { signOutTo } from "@/lib/auth/browser-session";

/** The account menu itself (Radix), loaded by UserMenu when it is first opened (hence open). */
export function UserMenuDropdown({ name, email, role, organizationName }: UserMenuProps) {
  const trigger = useRef<HTMLButtonElement>(null);
  return (
    <DropdownMenu defaultOpen>
      <DropdownMenuTrigger asChild>
        <UserMenuButton ref={trigger} name={name} />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        align="end"
        className="w-60"
        // Opened on mount, the menu would hand focus back to the placeholder button it
        // replaced (gone by then); give it to this trigger instead.
        onCloseAutoFocus={(event) => {
          event.preventDefault();
          trigger.current?.focus();
        }}
      >
        <DropdownMenuLabel>
          <div className="truncate text-sm font-medium">{name}</div>
          <div className="text-muted-foreground truncate text-xs font-normal">{email}</div>
          <div className="text-muted-foreground mt-1 text-xs font-normal">
            {role.charAt(0) + role.slice(1).toLowerCase()} of {organizationName}
          </div>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href="/account">
            <UserCog aria-hidden /> Account
          </Link>
        </DropdownMenuItem>
        <DropdownMenuItem onSelect={() => void signOutTo("/signin")}>
          <LogOut aria-hidden /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
