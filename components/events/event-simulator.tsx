"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useEffect, useRef, useState } from "react";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
import { SimulatorResult } from "@/components/events/simulator-result";
import { Button } from "@/components/ui/button";
import { FormField } from "@/components/ui/form-field";
import { NativeSelect } from "@/components/ui/native-select";
import { EventTypeOptions } from "@/components/events/event-type-options";
import { Textarea } from "@/components/ui/textarea";
import { type EventTypeKey } from "@/lib/events/catalog";
import { sampleData } from "@/lib/events/sample-data";
import { simulateEventAction } from "@/lib/events/actions";

const sample = (type: EventTypeKey) => JSON.stringify(sampleData(type), null, 2);

/** Choose an event type, edit its sample data, send it to every matching webhook. */
export function EventSimulator() {
  const [type, setType] = useState<EventTypeKey>("chat.closed");
  const [data, setData] = useState(() => sample("chat.closed"));
  const result = useRef<HTMLHeadingElement>(null);
  const send = useMutation({
    mutationFn: async () => {
      const result = await simulateEventAction({ type, data });
      if (!result?.data)
        throw new Error(
          result?.serverError ??
            result?.validationErrors?.formErrors[0] ??
            "The event could not be sent.",
        );
      return result.data;
    },
  });

  // The Send button sits below a tall textarea: take the admin to what happened (and let a
  // screen reader say so), wherever the result panel is on this screen width.
  const sentEvent = send.data?.eventId;
  useEffect(() => {
    if (!sentEvent || !result.current) return;
    result.current.focus({ preventScroll: true });
    result.current.scrollIntoView({ block: "start", behavior: "instant" });
  }, [sentEvent]);

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_24rem]">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate();
        }}
      >
        <HydratedFieldset className="space-y-4">
          <FormField label="Event type" htmlFor="sim-type">
            <NativeSelect
              id="sim-type"
              value={type}
              onChange={(e) => {
                const next = e.target.value as EventTypeKey;
                setType(next);
                setData(sample(next));
                send.reset();
              }}
            >
              <EventTypeOptions sendable />
            </NativeSelect>
          </FormField>
          <FormField
            label="Event data (JSON)"
            htmlFor="sim-data"
            description="One object per token section, as the ingest API receives it."
          >
            <Textarea
              id="sim-data"
              rows={18}
              spellCheck={false}
              className="font-mono text-xs"
              value={data}
              onChange={(e) => setData(e.target.value)}
            />
          </FormField>
          <FormError message={send.isError ? send.error.message : undefined} />
          <div className="flex gap-2">
            <Button type="submit" loading={send.isPending}>
              <Send aria-hidden /> Send event
            </Button>
            <Button variant="outline" onClick={() => setData(sample(type))}>
              Reset sample data
            </Button>
          </div>
        </HydratedFieldset>
      </form>
      {/* Above the form on narrow screens, beside it (and kept in view) on wide ones. */}
      <section
        aria-labelledby="sim-outcome"
        className="order-first space-y-2 self-start lg:sticky lg:top-20 lg:order-last"
      >
        <h2
          id="sim-outcome"
          ref={result}
          tabIndex={-1}
          className="focus-ring scroll-mt-32 rounded-sm text-sm font-semibold md:scroll-mt-20"
        >
          Result
        </h2>
        {send.data ? (
          <SimulatorResult fanOut={send.data} />
        ) : (
          <p className="text-muted-foreground text-sm">
            Send an event to see what each matching webhook did with it here, live.
          </p>
        )}
      </section>
    </div>
  );
}
