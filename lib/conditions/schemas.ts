import { z } from "zod";
import { eventTypeKeys } from "@/lib/events/catalog";

// A webhook's conditions, as Live Helper Chat offers them: rules of token, operator and value.
// Every rule of a group must hold; groups are alternatives ("Start of OR"). No conditions: the
// webhook fires for every event of its type. No regular expressions, so nothing a user types
// can make the fan-out slow.

export const operators = [
  "equals",
  "not_equals",
  "contains",
  "not_contains",
  "is_empty",
  "is_not_empty",
  "greater_than",
  "less_than",
  "one_of",
] as const;
export type Operator = (typeof operators)[number];

export const operatorLabels: Record<Operator, string> = {
  equals: "equals",
  not_equals: "does not equal",
  contains: "contains",
  not_contains: "does not contain",
  is_empty: "is empty",
  is_not_empty: "is not empty",
  greater_than: "is greater than",
  less_than: "is less than",
  one_of: "is one of",
};

/** Operators that compare with no value. */
export const VALUELESS: readonly Operator[] = ["is_empty", "is_not_empty"];

export const ruleSchema = z.object({
  token: z.string().min(1, "Choose a token.").max(200),
  operator: z.enum(operators, { error: "Choose how to compare." }),
  value: z.string().max(1000, "Keep the value under 1000 characters."),
});

export const conditionsSchema = z
  .array(z.object({ rules: z.array(ruleSchema).min(1).max(20, "At most 20 rules in a group.") }))
  .max(10, "At most 10 OR groups.");

export type Rule = z.infer<typeof ruleSchema>;
export type Conditions = z.infer<typeof conditionsSchema>;

/** The form's live backtest: these conditions against the organization's recent events. */
export const backtestSchema = z.object({
  eventType: z.enum(eventTypeKeys, { error: "Choose an event type." }),
  conditions: conditionsSchema,
});
