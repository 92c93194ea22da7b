"use client";

import { Tabs } from "radix-ui";
import { useCallback, useEffect, useRef } from "react";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

const tabClasses = cn(
  "focus-ring text-muted-foreground hover:text-foreground inline-flex h-7 items-center rounded-sm px-3 text-[13px] font-medium transition-colors",
  "data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-xs",
);

/**
 * The e-mail's HTML in an iframe sandboxed to `allow-same-origin` only: no scripts, no forms,
 * no popups, no top navigation, so whatever a payload put in the e-mail cannot run. Same
 * origin (without scripts, nothing inside can use it) lets this page read the document's
 * height and show the whole e-mail at once, with no scroll inside the page's scroll. The
 * srcdoc document inherits the page's Content-Security-Policy (no remote images, no scripts).
 */
function HtmlFrame({ html }: { html: string }) {
  const frame = useRef<HTMLIFrameElement>(null);
  const fit = useCallback(() => {
    const f = frame.current;
    const doc = f?.contentDocument?.documentElement;
    if (!f || !doc) return;
    const borders = f.offsetHeight - f.clientHeight;
    // Height follows width (text wraps): shrink first so a wider frame can get shorter.
    f.style.height = "0px";
    f.style.height = `${doc.scrollHeight + borders}px`;
  }, []);
  useEffect(() => {
    // The e-mail reflows when the frame's width changes (a window resize, a phone turned).
    // The first observation also covers a frame that loaded before hydration.
    let width = -1;
    const observer = new ResizeObserver(([entry]) => {
      if (entry && Math.round(entry.contentRect.width) !== width) {
        width = Math.round(entry.contentRect.width);
        fit();
      }
    });
    if (frame.current) observer.observe(frame.current);
    return () => observer.disconnect();
  }, [fit]);
  return (
    <iframe
      ref={frame}
      sandbox="allow-same-origin"
      srcDoc={html}
      title="HTML body of the e-mail"
      referrerPolicy="no-referrer"
      onLoad={fit}
      className="block w-full rounded-md border bg-white"
    />
  );
}

/** The e-mail as its recipients see it (HTML) or as plain text. */
export function TestEmailBody({ html, text }: { html: string; text: string }) {
  return (
    <Tabs.Root defaultValue="html" className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-2">
        <Tabs.List
          aria-label="E-mail body"
          className="bg-muted inline-flex rounded-md border p-0.5"
        >
          <Tabs.Trigger value="html" className={tabClasses}>
            HTML
          </Tabs.Trigger>
          <Tabs.Trigger value="text" className={tabClasses}>
            Plain text
          </Tabs.Trigger>
        </Tabs.List>
        <CopyButton value={text} label="Copy text" showLabel size="sm" />
      </div>
      <Tabs.Content value="html" className="focus-ring rounded-md">
        <HtmlFrame html={html} />
      </Tabs.Content>
      <Tabs.Content value="text" className="focus-ring rounded-md">
        <pre
          aria-label="Plain-text body of the e-mail"
          className="bg-muted/50 text-foreground min-h-48 overflow-x-auto rounded-md border p-3 font-mono text-[12.5px] leading-5 break-words whitespace-pre-wrap"
        >
          {text}
        </pre>
      </Tabs.Content>
    </Tabs.Root>
  );
}
