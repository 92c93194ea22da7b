import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";

/**
 * Every page under app/, as a route with its dynamic segments kept ("/webhooks/[id]/edit"),
 * route groups left out. Found from the files, so a new page is covered by the tests using it.
 */
export function appPages(dir = "app", route = ""): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      // A catch-all (app/(admin)/[...missing]) is the 404 for unknown addresses, not a page
      // of its own; first-minute.spec.ts checks it.
      if (entry === "api" || entry.startsWith("[...") || entry.startsWith("[[...")) continue;
      found.push(...appPages(full, /^\(.*\)$/.test(entry) ? route : `${route}/${entry}`));
    } else if (entry === "page.tsx") {
      found.push(route || "/");
    }
  }
  return found;
}

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/**
 * Every route handler under app/api, as a route ("/api/v1/events", "/api/auth/[...nextauth]")
 * with the HTTP methods its route.ts exports. Found from the files, like appPages.
 */
export function apiRoutes(dir = "app/api", route = "/api"): { route: string; methods: string[] }[] {
  const found: { route: string; methods: string[] }[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      found.push(...apiRoutes(full, /^\(.*\)$/.test(entry) ? route : `${route}/${entry}`));
    } else if (/^route\.(ts|js)x?$/.test(entry)) {
      const source = readFileSync(full, "utf8");
      // `export async function GET`, `export const POST =`, `export { handler as GET }`.
      const declared = [
        ...source.matchAll(/export\s+(?:async\s+)?(?:function|const|let)\s+([A-Z]+)\b/g),
      ].map((m) => m[1]!);
      const renamed = [...source.matchAll(/export\s*\{([^}]*)\}/g)].flatMap((m) =>
        m[1]!.split(",").map((part) =>
          part
            .trim()
            .split(/\s+as\s+/)
            .at(-1)!,
        ),
      );
      found.push({ route, methods: METHODS.filter((m) => [...declared, ...renamed].includes(m)) });
    }
  }
  return found;
}
