import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Two tiers (docs/CONVENTIONS.md, Tests): `unit` for pure *.test.ts, `int` for *.int.test.ts against
// a real database created and migrated by lib/testing/global-setup.ts. Playwright owns e2e/.

const root = path.dirname(fileURLToPath(import.meta.url));

const exclude = ["**/node_modules/**", "**/.next/**", "**/generated/**", "**/.data/**", "e2e/**"];

export default defineConfig({
  resolve: {
    alias: [
      // tsconfig's "@/*" path; vite-tsconfig-paths is not installed.
      { find: /^@\//, replacement: `${root}/` },
      // `server-only` throws outside a Next server build; tests import server modules directly.
      { find: /^server-only$/, replacement: path.join(root, "lib/testing/empty.ts") },
    ],
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
          // A timeout catches a hang, not slowness (the bench measures speed): the property
          // tests take 2 s here and over 5 s on a loaded machine (load 11 on 2 cores, seen).
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: "int",
          environment: "node",
          include: ["**/*.int.test.ts"],
          exclude,
          globalSetup: ["lib/testing/global-setup.ts"],
          // One database for the run: test files take turns.
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
