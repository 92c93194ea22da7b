"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useRef, useState } from "react";

import { Button, type ButtonProps } from "@/components/ui/button";
import { cn } from "@/lib/utils";

type CopyButtonProps = Omit<ButtonProps, "children" | "onClick" | "asChild" | "value"> & {
  /** The text put on the clipboard. */
  value: string;
  /** Accessible name, e.g. "Copy signing secret" (default "Copy"). Also the visible text when showLabel. */
  label?: string;
  /** Show the label next to the icon instead of an icon-only button. */
  showLabel?: boolean;
  onCopied?: () => void;
};

// navigator.clipboard needs a secure context (https or localhost); fall back to a hidden
// textarea + execCommand so copying still works on a plain-http staging host.
async function writeClipboard(text: string) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const area = document.createElement("textarea");
  area.value = text;
  area.setAttribute("readonly", "");
  area.style.position = "fixed";
  area.style.opacity = "0";
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand("copy");
  area.remove();
  if (!ok) throw new Error("Copy failed");
}

// Copies `value` and confirms with a "Copied" state for two seconds (announced politely).
export function CopyButton({
  value,
  label = "Copy",
  showLabel = false,
  variant = "ghost",
  size,
  className,
  onCopied,
  ...props
}: CopyButtonProps) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  async function copy() {
    try {
      await writeClipboard(value);
      setState("copied");
      onCopied?.();
    } catch {
      setState("failed");
    }
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setState("idle"), 2000);
  }

  const status = state === "copied" ? "Copied" : state === "failed" ? "Copy failed" : null;
  const Icon = state === "copied" ? Check : Copy;

  return (
    <Button
      variant={variant}
      size={size ?? (showLabel ? "sm" : "icon-sm")}
      className={cn(state === "copied" && "text-success hover:text-success", className)}
      onClick={copy}
      aria-label={showLabel ? undefined : label}
      data-state={state}
      {...props}
    >
      <Icon aria-hidden="true" />
      {showLabel && <span>{state === "copied" ? "Copied" : label}</span>}
      {/* Screen readers hear the result without the button's name changing under focus. */}
      <span className="sr-only" aria-live="polite">
        {status}
      </span>
    </Button>
  );
}
