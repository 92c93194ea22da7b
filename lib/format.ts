// Small display helpers shared by pages.

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const steps: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "3 minutes ago", "yesterday", "just now". */
export function timeAgo(date: Date | string, now = Date.now()): string {
  const seconds = Math.round((new Date(date).getTime() - now) / 1000);
  for (const [unit, size] of steps) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** A full timestamp for tooltips: "22 Nov 2026, 14:05:09 UTC". */
export function fullTime(date: Date | string): string {
  const formatted = new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "medium",
    timeZone: "UTC",
  }).format(new Date(date));
  return `${formatted} UTC`;
}

/** The host of a URL, or the URL itself when it does not parse. */
export function urlHost(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * An instant as an <input type="datetime-local"> value in UTC — the zone every time in the
 * app is shown in — so what a person types matches the times in the tables.
 */
export function toUtcInputValue(date: Date | string): string {
  return new Date(date).toISOString().slice(0, 16);
}

/** An <input type="datetime-local"> value read as UTC, as an ISO instant; null if no date. */
export function fromUtcInputValue(value: string): string | null {
  const time = value ? Date.parse(`${value}Z`) : NaN;
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/**
 * A count with its noun, singular only for exactly one: "1 attempt", "2 attempts",
 * "0 deliveries". `many` is for nouns whose plural is not `one` + "s".
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString("en")} ${pluralNoun(n, one, many)}`;
}

/** The noun alone, for a count styled apart from it: "day" for 1, else "days". */
export function pluralNoun(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
