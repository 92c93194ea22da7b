import type { ComponentProps } from "react";
import { Button } from "@/components/ui/button";

/** The account menu's trigger: the signed-in person's initials. */
export function UserMenuButton({
  name,
  ...props
}: ComponentProps<typeof Button> & { name: string }) {
  const initials = name
    .split(/\s+/)
    .map((p) => p[0])
    .join("")
    .slice(0, 2)
    .toUpperCase();
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Account: ${name}`}
      aria-haspopup="menu"
      className="rounded-full"
      {...props}
    >
      <span className="bg-primary/10 text-primary flex size-8 items-center justify-center rounded-full text-xs font-semibold">
        {initials || "?"}
      </span>
    </Button>
  );
}
