import { existsSync } from "node:fs";

// The browser both Playwright configurations launch: $CHROMIUM_PATH, then Debian's Chromium,
// then Playwright's own download; with the flags a closed network and a root user need.
export const launchOptions = {
  executablePath:
    process.env.CHROMIUM_PATH ??
    (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined),
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};
