import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";

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
export async function callAction(page: Page, name: string, input: unknown) {
  const action = serverActions().find((a) => a.name === name);
  if (!action) throw new Error(`No server action named ${name} in the build`);
  return postAction(page, action, input);
}

/** Posts to one action from the build (see serverActions), from the page that serves it. */
export async function postAction(
  page: Page,
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
