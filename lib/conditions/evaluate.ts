import type { EventData } from "@/lib/events/event-data";
import type { Conditions, Rule } from "@/lib/conditions/schemas";
import { resolveToken, tokenText } from "@/lib/payload/resolve-token";

// Whether an event's data meets a webhook's conditions. Text comparisons ignore case and
// surrounding spaces; "greater/less than" compare numbers, or else dates; "one of" takes a
// comma-separated list. Linear in the size of the data and the conditions.

const norm = (s: string) => s.trim().toLowerCase();

function ordered(a: string, b: string): number | null {
  const x = Number(a);
  const y = Number(b);
  if (a.trim() !== "" && b.trim() !== "" && Number.isFinite(x) && Number.isFinite(y)) return x - y;
  const s = Date.parse(a);
  const t = Date.parse(b);
  if (!Number.isNaN(s) && !Number.isNaN(t)) return s - t;
  return null;
}

export function ruleHolds(rule: Rule, data: EventData): boolean {
  const actual = norm(tokenText(resolveToken(data, rule.token)));
  const wanted = norm(rule.value);
  switch (rule.operator) {
    case "equals":
      return actual === wanted;
    case "not_equals":
      return actual !== wanted;
    case "contains":
      return actual.includes(wanted);
    case "not_contains":
      return !actual.includes(wanted);
    case "is_empty":
      return actual === "";
    case "is_not_empty":
      return actual !== "";
    case "greater_than": {
      const d = ordered(actual, wanted);
      return d !== null && d > 0;
    }
    case "less_than": {
      const d = ordered(actual, wanted);
      return d !== null && d < 0;
    }
    case "one_of":
      return wanted.split(",").some((option) => norm(option) === actual);
  }
}

/** True when there are no conditions, or every rule of some group holds. */
export function meetsConditions(conditions: Conditions, data: EventData): boolean {
  return (
    conditions.length === 0 || conditions.some((g) => g.rules.every((r) => ruleHolds(r, data)))
  );
}
