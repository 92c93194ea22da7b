// Stands in for `server-only` in tests (see vitest.config.ts): that package throws when
// imported outside a React Server Components build, which is every test.
export {};
