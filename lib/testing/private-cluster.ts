import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";

// A PostgreSQL cluster of a test's (or the bench's) own, made with the machine's initdb and
// run with pg_ctl: it can be stopped and started again — a database outage — without touching
// the machine's shared server. Runs as the `postgres` user when we are root (PostgreSQL
// refuses to run as root).

export type PrivateCluster = {
  /** The `postgres` database of the cluster. */
  url: string;
  /** The postmaster's pid while it runs. */
  pid(): number;
  /** Stops the server (fast shutdown: open sessions are ended). */
  stop(): void;
  /** Starts it again on the same port. */
  start(): void;
  /** Stops it if it runs and deletes its files. */
  destroy(): void;
};

/** The machine's PostgreSQL binaries (Debian's layout), or null when none is installed. */
export function postgresBinaries(): string | null {
  let versions: string[] = [];
  try {
    versions = readdirSync("/usr/lib/postgresql");
  } catch {
    return null;
  }
  return (
    versions
      .map((version) => `/usr/lib/postgresql/${version}/bin`)
      .find((dir) => existsSync(`${dir}/initdb`)) ?? null
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Creates and starts a cluster; `settings` are extra `-c name=value` server settings. */
export async function startPrivateCluster(settings: string[] = []): Promise<PrivateCluster> {
  const bin = postgresBinaries();
  if (!bin) throw new Error("No PostgreSQL server binaries (initdb): apt-get install postgresql.");
  const dir = mkdtempSync(path.join(os.tmpdir(), "wh-pg-"));
  const port = await freePort();
  const root = process.getuid?.() === 0;
  const asPostgres = (command: string) =>
    root
      ? execFileSync("su", ["postgres", "-c", command], { stdio: "ignore" })
      : execFileSync("sh", ["-c", command], { stdio: "ignore" });
  if (root) execFileSync("chown", ["postgres", dir]);
  asPostgres(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1"]
    .concat(settings.map((s) => `-c ${s}`))
    .join(" ");
  let running = false;
  const cluster: PrivateCluster = {
    url: `postgresql://postgres@127.0.0.1:${port}/postgres`,
    pid: () => Number(readFileSync(`${dir}/data/postmaster.pid`, "utf8").split("\n")[0]),
    start() {
      asPostgres(`${bin}/pg_ctl -D ${dir}/data -o '${options}' -w start`);
      running = true;
    },
    stop() {
      asPostgres(`${bin}/pg_ctl -D ${dir}/data -m fast -w stop`);
      running = false;
    },
    destroy() {
      if (running) cluster.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  cluster.start();
  return cluster;
}
