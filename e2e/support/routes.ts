import { readdirSync, statSync } from "node:fs";
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
      if (entry === "api") continue;
      found.push(...appPages(full, /^\(.*\)$/.test(entry) ? route : `${route}/${entry}`));
    } else if (entry === "page.tsx") {
      found.push(route || "/");
    }
  }
  return found;
}
