"use client";

import { Suspense, lazy, useState } from "react";
import { UserMenuButton } from "@/components/shell/user-menu-button";

export type UserMenuProps = { name: string; email: string; role: string; organizationName: string };

// The dropdown (Radix menu, popper, focus scope, scroll lock: ~25 kB of gzipped JavaScript) is
// on every admin page but seldom opened, so its code is fetched when the person first opens
// it — or points at or focuses the button, to have it ready — not with the page.
const loadDropdown = () => import("@/components/shell/user-menu-dropdown");
const UserMenuDropdown = lazy(() => loadDropdown().then((m) => ({ default: m.UserMenuDropdown })));

/** The signed-in person, their role here, Account and Sign out. */
export function UserMenu(props: UserMenuProps) {
  const [opened, setOpened] = useState(false);
  const idle = (
    <UserMenuButton
      name={props.name}
      aria-expanded={false}
      onPointerEnter={() => void loadDropdown()}
      onFocus={() => void loadDropdown()}
      onClick={() => setOpened(true)}
    />
  );
  if (!opened) return idle;
  return (
    <Suspense fallback={idle}>
      <UserMenuDropdown {...props} />
    </Suspense>
  );
}
