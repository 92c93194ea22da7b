import { operatorLabels, VALUELESS, type Conditions, type Rule } from "@/lib/conditions/schemas";
import { metaTokens } from "@/lib/events/catalog-meta";
import { findToken, sectionLabels, type SectionKey } from "@/lib/events/catalog";

// A webhook's conditions in words, with the event catalog's token labels and the editor's
// operator words: `Customer country equals “DE”`, `Customer email is not empty`.

/** Words that already say whose value a label is, so no section name goes before them. */
const OWNERS = /^(customer|visitor|chat|chatting|browser|operator|ticket|offline|pre-chat)\b/i;

/** "Country" → "country"; an abbreviation ("IP Address", "ISP Company Name") stays as is. */
const lowerFirst = (s: string) => (/^[A-Z][a-z]/.test(s) ? s[0]!.toLowerCase() + s.slice(1) : s);

/**
 * A token's label as a phrase that stands on its own: the catalog's label, after the
 * section's name when the label does not say it ("Customer country", "Browser Name"). A path
 * the event type does not offer shows as the path itself.
 */
export function tokenPhrase(eventType: string, path: string): string {
  const token = findToken(eventType, path) ?? metaTokens.find((t) => t.path === path);
  if (!token) return path;
  const section = sectionLabels[token.section as SectionKey];
  if (!section || OWNERS.test(token.label)) return token.label;
  const owner = section.replace(/ Data$/, "");
  return `${owner} ${lowerFirst(token.label)}`;
}

/** One rule in words: `Customer country equals “DE”`. */
export function ruleInWords(eventType: string, rule: Rule): string {
  const subject = `${tokenPhrase(eventType, rule.token)} ${operatorLabels[rule.operator]}`;
  if (VALUELESS.includes(rule.operator)) return subject;
  if (rule.operator === "one_of") {
    const options = rule.value
      .split(",")
      .map((o) => o.trim())
      .filter(Boolean)
      .map((o) => `“${o}”`);
    return `${subject} ${options.join(", ")}`;
  }
  return `${subject} “${rule.value}”`;
}

/** Each OR group as one sentence, its rules joined by "and"; empty when there are none. */
export function conditionsInWords(eventType: string, conditions: Conditions): string[] {
  return conditions.map((g) => g.rules.map((r) => ruleInWords(eventType, r)).join(" and "));
}
