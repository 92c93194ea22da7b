"use client";

import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { Spinner } from "@/components/ui/spinner";

type Choice = { id: string; name: string; testMode: boolean };

/**
 * The inbox's webhook filter. It lives in `?webhook=` and each change is a history entry, so
 * a filtered inbox can be shared and Back returns to the previous filter. A new filter starts
 * again from the newest e-mails (the cursor belongs to the old one).
 */
export function TestEmailFilters({ webhooks, value }: { webhooks: Choice[]; value: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();

  const choose = (webhook: string) =>
    startTransition(() => {
      router.push(webhook ? `/test-emails?${new URLSearchParams({ webhook })}` : "/test-emails", {
        scroll: false,
      });
    });

  return (
    <div role="search" className="flex items-center gap-3">
      <NativeSelect
        // Remounts on Back/Forward, so the select always shows the URL's filter.
        key={value}
        aria-label="Filter by webhook"
        defaultValue={value}
        onChange={(e) => choose(e.target.value)}
        wrapperClassName="sm:w-72"
      >
        <NativeSelectOption value="">All webhooks</NativeSelectOption>
        {webhooks.map((w) => (
          <NativeSelectOption key={w.id} value={w.id}>
            {w.name}
            {w.testMode ? "" : " (Live)"}
          </NativeSelectOption>
        ))}
      </NativeSelect>
      {pending && <Spinner label="Loading…" />}
    </div>
  );
}
