import type { FieldErrors, FieldValues } from "react-hook-form";

// Save goes to the first error: every failing field is named in a summary, and the one
// highest on the page scrolls into view and takes the focus.

/** What the summary calls each field (by its top-level name). */
const sectionOf = (name: string): string => {
  if (name === "payloadTemplate" || name === "payloadFormat") return "Payload";
  if (name.startsWith("auth") || name.startsWith("oauth") || name.startsWith("tls"))
    return "Authentication";
  const labels: Record<string, string> = {
    eventType: "Event type",
    threshold: "Within",
    name: "Name",
    verb: "Verb",
    url: "URL",
    headers: "Headers",
    conditions: "Conditions",
    redactTokens: "Privacy",
    testEmails: "Test e-mail",
    retryPolicy: "Retry policy",
    timeoutSeconds: "Timeout",
  };
  return labels[name] ?? name;
};

/** The dotted paths of every error (`headers.0.name`, `url`, …). */
export function errorPaths(errors: FieldErrors<FieldValues>, prefix = ""): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(errors)) {
    if (!value || typeof value !== "object") continue;
    const path = prefix ? `${prefix}.${key}` : key;
    if ("message" in value && typeof value.message === "string" && value.message) paths.push(path);
    else if (!("ref" in value && "type" in value)) paths.push(...errorPaths(value as never, path));
  }
  return paths;
}

// The sections in the order the form shows them.
const PAGE_ORDER = [
  "Event type",
  "Within",
  "Name",
  "Verb",
  "URL",
  "Headers",
  "Payload",
  "Conditions",
  "Privacy",
  "Authentication",
  "Test e-mail",
  "Retry policy",
  "Timeout",
];

/** "2 problems: URL, Payload" — the sections with errors, in page order. */
export function errorSummary(paths: readonly string[]): { count: number; sections: string[] } {
  const sections = [...new Set(paths.map((p) => sectionOf(p.split(".")[0]!)))].sort(
    (a, b) => PAGE_ORDER.indexOf(a) - PAGE_ORDER.indexOf(b),
  );
  return { count: sections.length, sections };
}

const FOCUSABLE =
  '[aria-invalid="true"], input:not([type=hidden]), textarea, select, [contenteditable="true"], button';

/** The element showing a field's error: its control, or the section that holds it. */
function elementFor(form: HTMLElement, path: string): HTMLElement | null {
  const byId = form.querySelector<HTMLElement>(`[id="${CSS.escape(path)}"]`);
  if (byId) return byId;
  const byName = form.querySelector<HTMLElement>(`[name="${CSS.escape(path)}"]`);
  if (byName) return byName;
  return form.querySelector<HTMLElement>(`[data-field="${CSS.escape(path.split(".")[0]!)}"]`);
}

/** Scrolls to and focuses the first failing field on the page. */
export function focusFirstError(form: HTMLElement, paths: readonly string[]) {
  const elements = paths
    .map((p) => elementFor(form, p))
    .filter((e): e is HTMLElement => e !== null)
    .sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  const first = elements[0];
  if (!first) return;
  const target = first.matches(FOCUSABLE.replace(/, button$/, ""))
    ? first
    : (first.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      first.querySelector<HTMLElement>(FOCUSABLE) ??
      first);
  target.scrollIntoView({ block: "center" });
  target.focus({ preventScroll: true });
}
