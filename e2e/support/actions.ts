import { readFileSync } from "node:fs";
import type { APIRequestContext } from "@playwright/test";

/** Who posts: a page (its cookies are its session) or a bare request context. */
type Caller = { request: APIRequestContext };

type Manifest = {
  node: Record<
    string,
    { filename?: string; exportedName?: string; workers: Record<string, unknown> }
  >;
};

/** The build's server actions: id, source file, export name, and a page that serves it. */
export function serverActions() {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as Manifest;
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    file: entry.filename ?? "",
    name: entry.exportedName ?? "",
    page:
      "/" +
      (Object.keys(entry.workers)[0] ?? "app/page")
        .replace(/^app\//, "")
        .replace(/\/page$/, "")
        .replace(/\([^)]*\)\/?/g, ""),
  }));
}

/**
 * Calls a server action the way the browser does — POST with the Next-Action header — with
 * the page's cookies (its session), bypassing the UI entirely. Returns the raw response text
 * (a React Server Components stream that carries the action's result).
 */
export async function callAction(page: Caller, name: string, input: unknown) {
  const action = serverActions().find((a) => a.name === name);
  if (!action) throw new Error(`No server action named ${name} in the build`);
  return postAction(page, action, input);
}

/** Posts to one action from the build (see serverActions), from the page that serves it. */
export async function postAction(
  page: Caller,
  action: ReturnType<typeof serverActions>[number],
  input: unknown,
) {
  const path = action.page.replace(/\[[^\]]+\]/g, "x") || "/";
  const response = await page.request.post(path, {
    headers: {
      "Next-Action": action.id,
      Accept: "text/x-component",
      "Content-Type": "text/plain;charset=UTF-8",
    },
    data: JSON.stringify([input]),
    maxRedirects: 0,
  });
  return {
    status: response.status(),
    location: response.headers()["location"] ?? null,
    text: await response.text(),
  };
}

/** What next-safe-action answered: its `{ data, serverError, validationErrors }`. */
export type ActionResult = { data?: unknown; serverError?: string; validationErrors?: unknown };

/**
 * The action's result out of its RSC response: row 0 names the row that holds it ("a":"$@1").
 * Null when the response carries no result (a redirect, an error page).
 */
export function actionResult(text: string): ActionResult | null {
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const row = /^([0-9a-f]+):(.*)$/.exec(line);
    if (row && !rows.has(row[1]!)) rows.set(row[1]!, row[2]!);
  }
  try {
    const head = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
    const ref = /^\$@([0-9a-f]+)$/.exec(head?.a ?? "")?.[1];
    return ref && rows.has(ref) ? (JSON.parse(rows.get(ref)!) as ActionResult) : null;
  } catch {
    return null;
  }
}
