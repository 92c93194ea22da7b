// After `next build`: puts the static assets (and public/, when there is one) into
// .next/standalone, which `next build` leaves out of it, so the folder alone is the server —
// what `npm start` runs and what the Dockerfile copies into the image. Without standalone
// output (a Vercel build) there is nothing to do. Plain Node: it runs in the image's build.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Completes <root>/.next/standalone; returns whether there was one to complete. */
export function completeStandalone(root = process.cwd()) {
  const standalone = path.join(root, ".next/standalone");
  if (!existsSync(path.join(standalone, "server.js"))) return false;
  cpSync(path.join(root, ".next/static"), path.join(standalone, ".next/static"), {
    recursive: true,
  });
  if (existsSync(path.join(root, "public"))) {
    cpSync(path.join(root, "public"), path.join(standalone, "public"), { recursive: true });
  }
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) completeStandalone();
