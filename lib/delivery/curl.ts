// A curl command that reproduces a delivery's request, for test e-mails and the delivery
// log: paste it into a POSIX shell and the receiver gets the same method, URL, headers and
// body bytes.

export type CurlRequest = {
  method: string;
  url: string;
  headers: [string, string][];
  body: string | null;
};

const PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One shell word: left bare when it is plainly safe, else single-quoted ('\'' for a quote). */
export function shellQuote(value: string): string {
  if (PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command, one option per line. Choices that keep it faithful:
 * - `--globoff`, so `[` `]` `{` `}` in a URL are sent, not expanded by curl's globbing;
 * - `-H 'Name;'` for an empty value (`-H 'Name:'` would delete the header instead);
 * - `-H 'Accept:'`, and `-H 'Content-Type:'` with a body, remove the defaults curl would add
 *   that the request itself does not send;
 * - `--data-binary` sends the body byte for byte, but reads a file when the body starts with
 *   `@`; such a body goes through `--data-raw`, which is the same without the `@` rule.
 * A body containing a NUL byte cannot be a shell argument; JSON, XML, form and text bodies
 * never contain one.
 */
export function curlCommand(request: CurlRequest): string {
  const parts = ["curl --globoff", `-X ${shellQuote(request.method)}`, shellQuote(request.url)];
  const names = new Set(request.headers.map(([name]) => name.toLowerCase()));
  for (const [name, value] of request.headers) {
    parts.push(`-H ${shellQuote(value === "" ? `${name};` : `${name}: ${value}`)}`);
  }
  if (!names.has("accept")) parts.push("-H 'Accept:'");
  if (request.body !== null) {
    if (!names.has("content-type")) parts.push("-H 'Content-Type:'");
    const option = request.body.startsWith("@") ? "--data-raw" : "--data-binary";
    parts.push(`${option} ${shellQuote(request.body)}`);
  }
  return parts.join(" \\\n  ");
}
