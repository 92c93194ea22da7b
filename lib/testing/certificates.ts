import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";

// Certificates for TLS tests, made by openssl in a temporary folder: a private CA, a server
// certificate it issued for localhost / 127.0.0.1, a client certificate it issued, and a
// self-signed "stranger" client certificate no server trusts.

export type KeyPair = { cert: string; key: string };
export type TestPki = { ca: KeyPair; server: KeyPair; client: KeyPair; stranger: KeyPair };

const run = promisify(execFile);
const EC = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];

/** Makes the test PKI; `clientDays` is the client certificate's lifetime. */
export async function makeTestPki({ clientDays = 30 } = {}): Promise<TestPki> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "pki-"));
  const file = (name: string) => path.join(dir, name);
  const read = async (name: string): Promise<KeyPair> => ({
    cert: await readFile(file(`${name}.crt`), "utf8"),
    key: await readFile(file(`${name}.key`), "utf8"),
  });
  const selfSigned = (name: string, cn: string) =>
    run(
      "openssl",
      ["req", "-x509", ...EC, "-days", "30", "-subj", `/CN=${cn}`].concat([
        "-keyout",
        file(`${name}.key`),
        "-out",
        file(`${name}.crt`),
      ]),
    );
  const issued = async (name: string, cn: string, days: number, ext: string) => {
    await run(
      "openssl",
      ["req", ...EC, "-subj", `/CN=${cn}`].concat([
        "-keyout",
        file(`${name}.key`),
        "-out",
        file(`${name}.csr`),
      ]),
    );
    await writeFile(file(`${name}.ext`), ext);
    await run(
      "openssl",
      ["x509", "-req", "-in", file(`${name}.csr`), "-days", String(days)]
        .concat(["-CA", file("ca.crt"), "-CAkey", file("ca.key"), "-CAcreateserial"])
        .concat(["-extfile", file(`${name}.ext`), "-out", file(`${name}.crt`)]),
    );
  };
  try {
    await selfSigned("ca", "Webhooks Test CA");
    await issued("server", "localhost", 30, "subjectAltName=DNS:localhost,IP:127.0.0.1\n");
    await issued("client", "webhooks-client", clientDays, "extendedKeyUsage=clientAuth\n");
    await selfSigned("stranger", "stranger");
    return {
      ca: await read("ca"),
      server: await read("server"),
      client: await read("client"),
      stranger: await read("stranger"),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
