import { templateTokenPaths } from "@/lib/events/catalog-meta";

// A `{{section.key}}` occurrence in a template; `end` is exclusive (editor ranges).
export type TokenMatch = { path: string; start: number; end: number };

// A `{{…}}` that isn't a valid token, e.g. `{{chat transcript}}` or an unclosed `{{chat.id`.
export type MalformedToken = { text: string; start: number; end: number };

const SPACE = "[ \\t\\r\\n]*";
const PATH = "[A-Za-z0-9_]+(?:\\.[A-Za-z0-9_]+)*";
const TOKEN_SOURCE = `\\{\\{${SPACE}(${PATH})${SPACE}\\}\\}`;

// A fresh regular expression for tokens; group 1 is the path. Flags e.g. "g" or "y".
export function tokenRegExp(flags: string): RegExp {
  return new RegExp(TOKEN_SOURCE, flags);
}

const WHOLE_TOKEN = new RegExp(`^${TOKEN_SOURCE}$`);

// The path when `text` is exactly one token (`"{{ chat.id }}"`), otherwise undefined.
export function wholeTokenPath(text: string): string | undefined {
  return WHOLE_TOKEN.exec(text)?.[1];
}

// Every token in `template`, in order, with its offsets.
export function findTokens(template: string): TokenMatch[] {
  const matches: TokenMatch[] = [];
  for (const m of template.matchAll(tokenRegExp("g"))) {
    matches.push({ path: m[1] ?? "", start: m.index, end: m.index + m[0].length });
  }
  return matches;
}

// Replaces every token of `text` with `replace(path)`, in one pass (inserted text is never rescanned).
export function replaceTokens(text: string, replace: (path: string) => string): string {
  return text.replace(tokenRegExp("g"), (_match, path: string) => replace(path));
}

// The tokens of `template` that the event type doesn't offer (meta tokens are always offered).
export function unknownTokens(template: string, eventTypeKey: string): TokenMatch[] {
  const known = new Set(templateTokenPaths(eventTypeKey));
  return findTokens(template).filter((t) => !known.has(t.path));
}

const LOOSE = /\{\{[^{}\n]*\}\}/y;
const UNCLOSED = /\{\{[ \t]*[A-Za-z0-9_.]+/y;

// `{{…}}` spans that look like tokens but aren't (they would be sent literally).
export function findMalformedTokens(template: string): MalformedToken[] {
  const found: MalformedToken[] = [];
  const strict = tokenRegExp("y");
  for (let at = template.indexOf("{{"); at !== -1; at = template.indexOf("{{", at)) {
    strict.lastIndex = at;
    if (strict.exec(template)) {
      at = strict.lastIndex;
      continue;
    }
    LOOSE.lastIndex = at;
    UNCLOSED.lastIndex = at;
    const m = LOOSE.exec(template) ?? UNCLOSED.exec(template);
    // `{{{chat.id}}}`: the real token starts one brace later, so move on by one.
    if (!m) {
      at += 1;
      continue;
    }
    found.push({ text: m[0], start: at, end: at + m[0].length });
    at += m[0].length;
  }
  return found;
}
