"use client";

import { Tabs } from "radix-ui";
import { SendTestEventButton } from "@/components/events/send-test-event-button";
import {
  Card,
  CardAction,
  CardContent,
  CardDescription,
  CardHeader,
  CardTitle,
} from "@/components/ui/card";
import { CodeBlock } from "@/components/ui/code-block";
import { RECEIVER_LANGUAGES, receiverSnippet } from "@/lib/receive/snippets";

type Props = {
  webhookId: string;
  /** Shown in the test event dialog's title. */
  webhookName?: string;
  /** Whether the viewer may send a test event (shows the button). */
  canSend: boolean;
  /** The path the receiver serves, e.g. the webhook URL's path; "/webhooks" by default. */
  path?: string;
};

/** "How to receive": receiver code to copy, per language, that verifies our signature. */
export function HowToReceive({ webhookId, webhookName, canSend, path }: Props) {
  return (
    <Card>
      <CardHeader>
        <CardTitle as="h2">How to receive</CardTitle>
        <CardDescription>
          Verify the signature of every delivery before you trust it: anyone can post to your URL.
          Compute it over the raw request body, exactly as it arrived, before parsing the JSON.
        </CardDescription>
        {canSend && (
          <CardAction>
            <SendTestEventButton webhook={{ id: webhookId, name: webhookName ?? "this webhook" }} />
          </CardAction>
        )}
      </CardHeader>
      <CardContent>
        <Tabs.Root defaultValue={RECEIVER_LANGUAGES[0].id}>
          <Tabs.List
            aria-label="Language"
            className="bg-muted text-muted-foreground inline-flex max-w-full gap-1 overflow-x-auto rounded-md p-1"
          >
            {RECEIVER_LANGUAGES.map((language) => (
              <Tabs.Trigger
                key={language.id}
                value={language.id}
                className="focus-ring hover:text-foreground data-[state=active]:bg-background data-[state=active]:text-foreground h-7 cursor-pointer rounded-sm px-3 text-[13px] font-medium whitespace-nowrap transition-colors data-[state=active]:shadow-xs"
              >
                {language.label}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {RECEIVER_LANGUAGES.map((language) => (
            <Tabs.Content
              key={language.id}
              value={language.id}
              className="focus-ring mt-3 rounded-md"
            >
              <CodeBlock
                code={receiverSnippet(language.id, { path })}
                title={language.fileName}
                copyLabel={`Copy ${language.label} code`}
                preClassName="max-h-[28rem]"
              />
            </Tabs.Content>
          ))}
        </Tabs.Root>
        <p className="text-muted-foreground mt-3 text-xs">
          Set <code className="font-mono">WEBHOOK_SECRET</code> to this webhook&apos;s signing
          secret. Answer 2xx quickly: any other status counts as a failed attempt.
        </p>
      </CardContent>
    </Card>
  );
}
