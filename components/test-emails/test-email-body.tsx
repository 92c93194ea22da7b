"use client";

import { Tabs } from "radix-ui";
import { CopyButton } from "@/components/ui/copy-button";
import { cn } from "@/lib/utils";

const tabClasses = cn(
  "focus-ring text-muted-foreground hover:text-foreground inline-flex h-7 items-center rounded-sm px-3 text-[13px] font-medium transition-colors",
  "data-[state=active]:bg-background data-[state=active]:text-foreground data-[state=active]:shadow-xs",
);

/**
 * The e-mail as its recipients see it (HTML) or as plain text. The HTML is rendered in an
 * iframe with an empty `sandbox`: no scripts, no forms, no top navigation, and an opaque
 * origin, so whatever a payload put in the e-mail cannot run or reach the app's session.
 */
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
        <iframe
          sandbox=""
          srcDoc={html}
          title="HTML body of the e-mail"
          referrerPolicy="no-referrer"
          className="h-[75vh] min-h-96 w-full rounded-md border bg-white"
        />
      </Tabs.Content>
      <Tabs.Content value="text" className="focus-ring rounded-md">
        <pre
          aria-label="Plain-text body of the e-mail"
          className="bg-muted/50 text-foreground max-h-[75vh] min-h-96 overflow-auto rounded-md border p-3 font-mono text-[12.5px] leading-5 break-words whitespace-pre-wrap"
        >
          {text}
        </pre>
      </Tabs.Content>
    </Tabs.Root>
  );
}
