// Runs once when a server process starts; the work is in lib/startup.ts, loaded only in the
// Node.js runtime (it uses Node APIs the Edge build of this file must not see).
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startup } = await import("@/lib/startup");
  await startup();
}
