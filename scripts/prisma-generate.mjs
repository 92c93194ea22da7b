// postinstall: `prisma generate` without Prisma's native schema engine. Generating the client
// runs on WebAssembly; the CLI would still try to download the engine binary at start, which
// fails offline, so it is pointed at a stub unless the environment names a real one.
import { spawn } from "node:child_process";
import path from "node:path";

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? "/bin/false",
  CHECKPOINT_DISABLE: "1",
};
const cli = path.join(process.cwd(), "node_modules/prisma/build/index.js");
const child = spawn(process.execPath, [cli, "generate"], { stdio: "inherit", env });
child.on("exit", (code) => process.exit(code ?? 1));
