"use client";

import { useQuery } from "@tanstack/react-query";
import { Plus, X } from "lucide-react";
import { useEffect, useState } from "react";
import type { FieldErrors } from "react-hook-form";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { NativeSelect, NativeSelectOption } from "@/components/ui/native-select";
import { backtestConditionsAction } from "@/lib/conditions/actions";
import {
  backtestSchema,
  operatorLabels,
  operators,
  VALUELESS,
  type Conditions,
  type Rule,
} from "@/lib/conditions/schemas";
import type { EventType } from "@/lib/events/catalog";
import { fullTime } from "@/lib/format";

type Props = {
  eventType: EventType;
  value: Conditions;
  onChange(next: Conditions): void;
  errors?: FieldErrors<{ rules: Rule[] }>[];
  disabled?: boolean;
};

/**
 * When the webhook fires: groups of rules (all must hold) joined by OR, as Live Helper Chat
 * offers them, with a live backtest over the organization's recent events of the type.
 */
export function ConditionsEditor({ eventType, value, onChange, errors, disabled }: Props) {
  const firstToken = eventType.tokens[0]?.path ?? "";
  const newRule = (): Rule => ({ token: firstToken, operator: "equals", value: "" });
  const setRule = (g: number, r: number, patch: Partial<Rule>) =>
    onChange(
      value.map((group, gi) =>
        gi !== g
          ? group
          : { rules: group.rules.map((rule, ri) => (ri === r ? { ...rule, ...patch } : rule)) },
      ),
    );
  const removeRule = (g: number, r: number) =>
    onChange(
      value
        .map((group, gi) => (gi === g ? { rules: group.rules.filter((_, ri) => ri !== r) } : group))
        .filter((group) => group.rules.length > 0),
    );
  const addRule = (g: number) =>
    onChange(value.map((group, gi) => (gi === g ? { rules: [...group.rules, newRule()] } : group)));
  const addGroup = () => onChange([...value, { rules: [newRule()] }]);

  return (
    <div className="space-y-3">
      {value.length === 0 && (
        <p className="text-muted-foreground text-sm">
          Fires for every {eventType.label} event. Add a condition to fire only for some.
        </p>
      )}
      {value.map((group, g) => (
        <div key={g} className="space-y-3">
          {g > 0 && (
            <div className="text-muted-foreground flex items-center gap-3 text-xs font-semibold uppercase">
              <span className="bg-border h-px flex-1" /> or{" "}
              <span className="bg-border h-px flex-1" />
            </div>
          )}
          <div
            role="group"
            aria-label={`Condition group ${g + 1}`}
            className="space-y-2 rounded-md border p-3"
          >
            {group.rules.map((rule, r) => {
              const error = errors?.[g]?.rules?.[r];
              const n = `${g + 1}.${r + 1}`;
              return (
                <div key={r} className="space-y-1">
                  <div className="flex flex-wrap items-center gap-2">
                    {r > 0 && (
                      <span className="text-muted-foreground w-9 text-xs font-semibold">AND</span>
                    )}
                    <NativeSelect
                      aria-label={`Token of condition ${n}`}
                      value={rule.token}
                      onChange={(e) => setRule(g, r, { token: e.target.value })}
                      wrapperClassName="w-full sm:w-56"
                      disabled={disabled}
                    >
                      {eventType.sections.map((section) => (
                        <optgroup key={section.key} label={section.label}>
                          {section.tokens.map((t) => (
                            <NativeSelectOption key={t.path} value={t.path}>
                              {t.label}
                            </NativeSelectOption>
                          ))}
                        </optgroup>
                      ))}
                    </NativeSelect>
                    <NativeSelect
                      aria-label={`Operator of condition ${n}`}
                      value={rule.operator}
                      onChange={(e) =>
                        setRule(g, r, { operator: e.target.value as Rule["operator"] })
                      }
                      wrapperClassName="w-full sm:w-44"
                      disabled={disabled}
                    >
                      {operators.map((op) => (
                        <NativeSelectOption key={op} value={op}>
                          {operatorLabels[op]}
                        </NativeSelectOption>
                      ))}
                    </NativeSelect>
                    {!VALUELESS.includes(rule.operator) && (
                      <Input
                        aria-label={`Value of condition ${n}`}
                        aria-invalid={error?.value ? true : undefined}
                        placeholder={rule.operator === "one_of" ? "4, 7, 12" : "Value"}
                        value={rule.value}
                        onChange={(e) => setRule(g, r, { value: e.target.value })}
                        className="w-full sm:w-56"
                        disabled={disabled}
                      />
                    )}
                    <Button
                      type="button"
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove condition ${n}`}
                      onClick={() => removeRule(g, r)}
                      disabled={disabled}
                    >
                      <X aria-hidden />
                    </Button>
                  </div>
                  {(error?.token?.message || error?.value?.message) && (
                    <p role="alert" className="text-destructive text-sm">
                      {error?.token?.message ?? error?.value?.message}
                    </p>
                  )}
                </div>
              );
            })}
            <Button
              type="button"
              variant="ghost"
              size="sm"
              onClick={() => addRule(g)}
              disabled={disabled}
            >
              <Plus aria-hidden /> And
            </Button>
          </div>
        </div>
      ))}
      <Button type="button" variant="outline" size="sm" onClick={addGroup} disabled={disabled}>
        <Plus aria-hidden /> {value.length === 0 ? "Add condition" : "Start of OR"}
      </Button>
      {value.length > 0 && <Backtest eventType={eventType} conditions={value} />}
    </div>
  );
}

/** "Would have fired for N of the last 100 events", computed on the server as rules change. */
function Backtest({ eventType, conditions }: { eventType: EventType; conditions: Conditions }) {
  const input = useDebounced({ eventType: eventType.key, conditions }, 300);
  const valid = backtestSchema.safeParse(input).success;
  const { data, isFetching } = useQuery({
    queryKey: ["backtest", input],
    queryFn: async () => {
      const result = await backtestConditionsAction(input);
      if (!result?.data) throw new Error(result?.serverError ?? "Could not run the backtest.");
      return result.data;
    },
    enabled: valid,
    staleTime: 10_000,
  });
  if (!data) {
    return (
      <p className="text-muted-foreground text-sm" aria-live="polite">
        {valid || isFetching
          ? "Testing against recent events…"
          : "Complete the conditions to test them against recent events."}
      </p>
    );
  }
  if (data.total === 0) {
    return (
      <p className="text-muted-foreground text-sm" aria-live="polite" data-testid="backtest">
        No {eventType.label} events received yet to test these conditions against.
      </p>
    );
  }
  return (
    <details className="text-sm" data-testid="backtest">
      <summary className="cursor-pointer" aria-live="polite">
        Would have fired for <strong>{data.matched.length}</strong> of the last {data.total}{" "}
        {eventType.label} events{data.matched.length > 0 && " — show which"}
      </summary>
      {data.matched.length > 0 && (
        <ul className="text-muted-foreground mt-2 max-h-48 space-y-1 overflow-y-auto">
          {data.matched.map((e) => (
            <li key={e.id} className="font-mono text-xs">
              {fullTime(e.receivedAt)} · {e.externalId ?? e.id}
              {e.chatId && ` · chat ${e.chatId}`}
            </li>
          ))}
        </ul>
      )}
    </details>
  );
}

/** `value`, once it has stopped changing for `ms` (compared by content). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(JSON.parse(key) as T), ms);
    return () => clearTimeout(timer);
  }, [key, ms]);
  return settled;
}
