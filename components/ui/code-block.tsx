import type { ReactNode } from "react";

import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

type CodeBlockProps = {
  /** The code shown and copied. */
  code: string;
  /** Small caption in the header bar (e.g. "payload.json", "Signature header"). */
  title?: ReactNode;
  /** Accessible name of the copy button (default "Copy code"). */
  copyLabel?: string;
  /** Hide the copy button (e.g. for a redacted secret). */
  copyable?: boolean;
  /** Wrap long lines instead of scrolling horizontally. */
  wrap?: boolean;
  className?: string;
  /** Classes for the <pre>, e.g. a max height. */
  preClassName?: string;
};

// A monospace block for payloads, headers and snippets, with a copy button.
export function CodeBlock({
  code,
  title,
  copyLabel = "Copy code",
  copyable = true,
  wrap = false,
  className,
  preClassName,
}: CodeBlockProps) {
  return (
    <div
      data-slot="code-block"
      className={cn(
        "group bg-muted/50 relative min-w-0 overflow-hidden rounded-md border",
        className,
      )}
    >
      {title && (
        <div className="bg-muted/60 text-muted-foreground flex h-9 items-center justify-between gap-2 border-b pr-1 pl-3 text-xs font-medium">
          <span className="truncate">{title}</span>
          {copyable && <CopyButton value={code} label={copyLabel} />}
        </div>
      )}
      <pre
        className={cn(
          "text-foreground focus-ring overflow-auto p-3 font-mono text-[12.5px] leading-5",
          wrap ? "break-all whitespace-pre-wrap" : "whitespace-pre",
          !title && copyable && "pr-12",
          preClassName,
        )}
      >
        <code>{code}</code>
      </pre>
      {!title && copyable && (
        <CopyButton
          value={code}
          label={copyLabel}
          className="bg-muted/80 absolute top-1.5 right-1.5 backdrop-blur-sm"
        />
      )}
    </div>
  );
}
