"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import { useState } from "react";
import { DeliveryOutcomes } from "@/components/events/delivery-outcomes";
import { FormError } from "@/components/forms/form-error";
import { HydratedFieldset } from "@/components/forms/hydrated-fieldset";
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

  return (
    <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
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
      <section aria-labelledby="sim-outcome" className="space-y-2">
        <h2 id="sim-outcome" className="text-sm font-semibold">
          Deliveries
        </h2>
        {send.data ? (
          <DeliveryOutcomes ids={send.data.deliveryIds} />
        ) : (
          <p className="text-muted-foreground text-sm">
            Send an event to see each matching webhook&apos;s delivery here, live.
          </p>
        )}
      </section>
    </div>
  );
}
