import { conditionsInWords } from "@/lib/conditions/describe";
import type { Conditions } from "@/lib/conditions/schemas";
import { plural } from "@/lib/format";

/**
 * The webhook's conditions in words on its own page: each rule with the token's label and
 * the operator's words ("Customer country equals “DE”"), OR groups one per line, and how many
 * events they held back.
 */
export function ConditionsSummary({
  eventType,
  eventLabel,
  conditions,
  skippedEvents,
}: {
  eventType: string;
  eventLabel: string;
  conditions: Conditions;
  skippedEvents: number;
}) {
  const groups = conditionsInWords(eventType, conditions);
  return (
    <section aria-label="Conditions" className="min-w-0 space-y-1">
      <h3 className="text-muted-foreground text-xs font-normal">Conditions</h3>
      {groups.length === 0 ? (
        <p className="text-sm">None — it fires for every {eventLabel} event.</p>
      ) : groups.length === 1 ? (
        <p className="text-sm break-words">Fires only when {groups[0]}.</p>
      ) : (
        <div className="text-sm">
          <p>Fires only when one of these holds:</p>
          <ul className="mt-1 space-y-1">
            {groups.map((group, i) => (
              <li key={i} className="break-words">
                {i > 0 && <span className="text-muted-foreground mr-1 text-xs uppercase">or</span>}
                {group}
              </li>
            ))}
          </ul>
        </div>
      )}
      {groups.length > 0 && (
        <p className="text-muted-foreground text-sm">
          {plural(skippedEvents, "event")} did not meet the conditions.
        </p>
      )}
    </section>
  );
}
