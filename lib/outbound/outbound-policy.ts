import ipaddr from "ipaddr.js";

// The SSRF policy of the outbound guard: which addresses a webhook may never reach, and why.
// Pure (ipaddr.js only), so the webhook form can explain a warning with the same words.

type Address = ipaddr.IPv4 | ipaddr.IPv6;
type Cidr = [Address, number];
type Rule = { range: Cidr; what: string };

export type AddressCheck = { blocked: false } | { blocked: true; reason: string };

const rule = (cidr: string, what: string): Rule => ({ range: ipaddr.parseCIDR(cidr), what });

// Order matters: the first matching rule names the reason, so specific entries come first.
const IPV4_RULES: Rule[] = [
  rule("127.0.0.0/8", "a loopback address (this server itself)"),
  rule("0.0.0.0/8", 'in 0.0.0.0/8 ("this network"), which reaches this server itself'),
  rule("10.0.0.0/8", "a private network address (RFC 1918), not on the public internet"),
  rule("172.16.0.0/12", "a private network address (RFC 1918), not on the public internet"),
  rule("192.168.0.0/16", "a private network address (RFC 1918), not on the public internet"),
  rule(
    "100.64.0.0/10",
    "a carrier-grade NAT address (100.64.0.0/10), shared inside a provider's network",
  ),
  rule(
    "169.254.169.254/32",
    "the cloud metadata address, which hands out this server's cloud credentials",
  ),
  rule("169.254.0.0/16", "a link-local address (169.254.0.0/16), only valid on the local network"),
  rule("192.0.0.0/24", "in 192.0.0.0/24, reserved for IETF protocol assignments"),
  rule("192.0.2.0/24", "a documentation address (TEST-NET-1, 192.0.2.0/24), not a real server"),
  rule(
    "198.51.100.0/24",
    "a documentation address (TEST-NET-2, 198.51.100.0/24), not a real server",
  ),
  rule("203.0.113.0/24", "a documentation address (TEST-NET-3, 203.0.113.0/24), not a real server"),
  rule("192.88.99.0/24", "in 192.88.99.0/24, the retired 6to4 relay range"),
  rule("198.18.0.0/15", "in 198.18.0.0/15, reserved for network benchmarking"),
  rule("224.0.0.0/4", "a multicast address (224.0.0.0/4), not a single server"),
  rule("255.255.255.255/32", "the broadcast address"),
  rule("240.0.0.0/4", "in 240.0.0.0/4, reserved and not routable"),
];

const IPV6_RULES: Rule[] = [
  rule("::1/128", "the IPv6 loopback address (this server itself)"),
  rule("::/128", "the unspecified IPv6 address, which reaches this server itself"),
  // AWS's IPv6 instance metadata endpoint; already inside fc00::/7, named for a clearer reason.
  rule(
    "fd00:ec2::254/128",
    "the cloud metadata address, which hands out this server's credentials",
  ),
  rule("fc00::/7", "a unique local IPv6 address (fc00::/7), the IPv6 form of a private network"),
  rule("fe80::/10", "a link-local IPv6 address (fe80::/10), only valid on the local network"),
  rule("fec0::/10", "a site-local IPv6 address (fec0::/10, deprecated), only valid inside a site"),
  // Teredo hides its far end (the client's IPv4 is obfuscated): refused whole. 6to4 (2002::/16)
  // is judged by the IPv4 address it carries, below.
  rule("2001::/32", "a Teredo tunnel address (2001::/32), which can lead to any network"),
  rule("2001::/23", "in 2001::/23, reserved for IETF protocol assignments"),
  rule("2001:db8::/32", "a documentation address (2001:db8::/32), not a real server"),
  rule("3fff::/20", "a documentation address (3fff::/20), not a real server"),
  rule("64:ff9b:1::/48", "a local-use NAT64 address (64:ff9b:1::/48), inside a provider's network"),
  rule("100::/64", "in 100::/64, the discard-only prefix"),
  rule("100:0:0:1::/64", "in 100:0:0:1::/64, the dummy prefix"),
  rule("5f00::/16", "an SRv6 segment identifier (5f00::/16), not a server"),
  rule("ff00::/8", "an IPv6 multicast address (ff00::/8), not a single server"),
];

// ipaddr's "rfc6052" range also covers the local-use 64:ff9b:1::/48, whose layout depends on a
// prefix length we cannot know; only the well-known /96 has the IPv4 address in its last 32 bits.
const NAT64_WELL_KNOWN = ipaddr.parseCIDR("64:ff9b::/96");
const IPV4_COMPATIBLE = ipaddr.parseCIDR("::/96");

/**
 * Parses the allow-list (e.g. OUTBOUND_ALLOW_CIDRS). A bare address counts as a single-address
 * range. Throws an Error naming the bad entry, so a misconfigured server refuses to start.
 */
export function parseAllowCidrs(list: string[]): Cidr[] {
  return list.map((raw) => {
    const entry = raw.trim();
    try {
      const [base = "", bits, ...rest] = entry.split("/");
      const address = parseAddress(base);
      if (!address || rest.length > 0) throw new Error("bad range");
      const max = address.kind() === "ipv4" ? 32 : 128;
      if (bits === undefined) return [address, max] satisfies Cidr;
      const prefix = Number(bits);
      if (!/^\d{1,3}$/.test(bits) || prefix > max) throw new Error("bad prefix length");
      return [address, prefix] satisfies Cidr;
    } catch {
      throw new Error(
        `Allowed outbound range "${raw}" is not a valid CIDR: write it like 127.0.0.0/8 or ::1/128.`,
      );
    }
  });
}

/**
 * Whether the outbound guard refuses to connect to `ip`, with a reason an admin can act on.
 * Addresses inside any of `allowCidrs` are let through. Anything unparseable is blocked.
 */
export function checkAddress(ip: string, allowCidrs: string[]): AddressCheck {
  const allowed = parseAllowCidrs(allowCidrs);
  const text = ip.trim();
  const address = parseAddress(text);
  if (!address) {
    return { blocked: true, reason: `${text || "(empty)"} is not a valid IP address` };
  }
  const embedded = address.kind() === "ipv6" ? embeddedIPv4(address as ipaddr.IPv6) : null;

  if (inAny(address, allowed) || (embedded && inAny(embedded.ipv4, allowed))) {
    return { blocked: false };
  }

  if (address.kind() === "ipv4") {
    const hit = firstMatch(address, IPV4_RULES);
    return hit ? { blocked: true, reason: `${text} is ${hit.what}` } : { blocked: false };
  }

  const direct = firstMatch(address, IPV6_RULES);
  if (direct) return { blocked: true, reason: `${text} is ${direct.what}` };

  if (embedded) {
    const hit = firstMatch(embedded.ipv4, IPV4_RULES);
    if (hit) {
      const v4 = embedded.ipv4.toString();
      return {
        blocked: true,
        reason: `${text} is ${embedded.form} for ${v4}, which is ${hit.what}`,
      };
    }
  }
  return { blocked: false };
}

/**
 * Parses dotted-quad IPv4 or standard IPv6 text, or returns null. ipaddr.parse alone accepts
 * "127.1" or "0x7f000001" too, and reads "::127.0.0.1" as "::ffff:127.0.0.1"; so an IPv6 text
 * with a dotted tail is first normalised by the WHATWG URL parser (the one that reads our URLs).
 */
function parseAddress(text: string): Address | null {
  if (ipaddr.IPv4.isValidFourPartDecimal(text)) return ipaddr.IPv4.parse(text);
  if (!ipaddr.IPv6.isValid(text)) return null;
  const [bare = "", zone] = text.split("%");
  if (!bare.includes(".")) return ipaddr.IPv6.parse(text);
  try {
    const canonical = new URL(`http://[${bare}]/`).hostname.slice(1, -1);
    return ipaddr.IPv6.parse(zone === undefined ? canonical : `${canonical}%${zone}`);
  } catch {
    return null;
  }
}

function inAny(address: Address, ranges: Cidr[]): boolean {
  return ranges.some(([base, bits]) => base.kind() === address.kind() && address.match(base, bits));
}

function firstMatch(address: Address, rules: Rule[]): Rule | undefined {
  return rules.find(({ range }) => address.match(range));
}

/**
 * The IPv4 address carried inside an IPv6 one, for the forms that deliver packets to it:
 * IPv4-mapped (::ffff:a.b.c.d), IPv4-translated (::ffff:0:a.b.c.d), IPv4-compatible
 * (::a.b.c.d), 6to4 (2002:aabb:ccdd::/48) and NAT64 (64:ff9b::a.b.c.d).
 */
function embeddedIPv4(address: ipaddr.IPv6): { ipv4: ipaddr.IPv4; form: string } | null {
  const p = address.parts;
  const fromWords = (hi: number, lo: number) =>
    new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  const last32 = () => fromWords(p[6] ?? 0, p[7] ?? 0);
  const range = address.range();

  if (range === "ipv4Mapped") return { ipv4: last32(), form: "an IPv4-mapped IPv6 address" };
  if (range === "rfc6145") return { ipv4: last32(), form: "an IPv4-translated IPv6 address" };
  if (address.match(NAT64_WELL_KNOWN)) {
    return { ipv4: last32(), form: "a NAT64 IPv6 address" };
  }
  if (range === "6to4") {
    return { ipv4: fromWords(p[1] ?? 0, p[2] ?? 0), form: "a 6to4 IPv6 address" };
  }
  if (address.match(IPV4_COMPATIBLE)) {
    return { ipv4: last32(), form: "an IPv4-compatible IPv6 address" };
  }
  return null;
}
