import { mkdir } from "node:fs/promises";
import { PGlite } from "@electric-sql/pglite";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";

// PostgreSQL with zero setup: PGlite (PostgreSQL compiled to WebAssembly, in this process)
// served over the wire protocol, so `pg` and Prisma's adapter connect as to any server.
// Caveats (PGlite is a single-user PostgreSQL): all connections share one session, a
// connection inside a transaction has the database to itself, and a synchronous child-process
// call (execFileSync) in this process hangs it.

// Where the data lives and where to listen (port 0: any free port).
export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  /** The server's default is 1, which breaks connection pools. */
  maxConnections?: number;
};

// A running embedded server: its connection URL and how to shut it down.
export type EmbeddedPostgres = { url: string; stop(): Promise<void> };

// Starts PGlite on dataDir (created on first use, kept across restarts) on 127.0.0.1:port.
export async function startEmbeddedPostgres({
  dataDir,
  port,
  maxConnections = 64,
}: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db, host: "127.0.0.1", port, maxConnections });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw error;
  }
  // "127.0.0.1:<port>", with the port the OS picked when asked for 0.
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres?sslmode=disable`,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}
