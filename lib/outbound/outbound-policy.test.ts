import { readFileSync } from "node:fs";
import ipaddr from "ipaddr.js";
import { describe, expect, it } from "vitest";
import { checkAddress, parseAllowCidrs } from "./outbound-policy";

// The SSRF matrix: one representative address per blocked range, with the words an admin sees.
const BLOCKED: [address: string, reason: RegExp][] = [
  ["127.0.0.1", /^127\.0\.0\.1 is a loopback address \(this server itself\)$/],
  ["127.255.255.254", /loopback/],
  ["0.0.0.0", /this network/],
  ["0.1.2.3", /this network/],
  ["10.0.0.1", /private network address \(RFC 1918\)/],
  ["172.16.0.1", /private network address/],
  ["172.31.255.255", /private network address/],
  ["192.168.1.1", /private network address/],
  ["100.64.0.1", /carrier-grade NAT/],
  ["100.127.255.254", /carrier-grade NAT/],
  ["169.254.169.254", /^169\.254\.169\.254 is the cloud metadata address/],
  ["169.254.1.1", /link-local/],
  ["192.0.0.8", /IETF protocol assignments/],
  ["198.18.0.1", /benchmarking/],
  ["198.19.255.255", /benchmarking/],
  ["224.0.0.1", /multicast/],
  ["239.255.255.250", /multicast/],
  ["240.0.0.1", /reserved/],
  ["255.255.255.255", /broadcast/],
  ["::1", /IPv6 loopback address \(this server itself\)/],
  ["::", /unspecified IPv6 address/],
  ["fc00::1", /unique local/],
  ["fd12:3456:789a::1", /unique local/],
  ["fd00:ec2::254", /cloud metadata address/],
  ["fe80::1", /link-local IPv6/],
  ["fe80::1%eth0", /link-local IPv6/],
  ["ff02::1", /IPv6 multicast/],
  ["::ffff:127.0.0.1", /IPv4-mapped IPv6 address for 127\.0\.0\.1, which is a loopback/],
  ["::ffff:7f00:1", /IPv4-mapped IPv6 address for 127\.0\.0\.1, which is a loopback/],
  ["::ffff:169.254.169.254", /for 169\.254\.169\.254, which is the cloud metadata address/],
  ["::ffff:10.0.0.1", /IPv4-mapped .* private network/],
  ["::ffff:0:7f00:1", /IPv4-translated IPv6 address for 127\.0\.0\.1/],
  ["::127.0.0.1", /IPv4-compatible IPv6 address for 127\.0\.0\.1/],
  ["::a00:1", /IPv4-compatible IPv6 address for 10\.0\.0\.1/],
  ["2002:7f00:1::", /6to4 IPv6 address for 127\.0\.0\.1, which is a loopback/],
  ["2002:a9fe:a9fe::1", /6to4 .* for 169\.254\.169\.254, which is the cloud metadata/],
  ["64:ff9b::a00:1", /NAT64 IPv6 address for 10\.0\.0\.1, which is a private network/],
  ["64:ff9b::127.0.0.1", /NAT64 .* loopback/],
];

const PUBLIC = [
  "8.8.8.8",
  "1.1.1.1",
  "93.184.215.14",
  "172.32.0.1", // just outside 172.16.0.0/12
  "100.128.0.1", // just outside 100.64.0.0/10
  "2606:4700::1111",
  "2001:4860:4860::8888",
  "::ffff:8.8.8.8", // IPv4-mapped public address
  "2002:808:808::1", // 6to4 around 8.8.8.8
  "64:ff9b::808:808", // NAT64 around 8.8.8.8
];

describe("checkAddress", () => {
  it.each(BLOCKED)("blocks %s", (address, reason) => {
    const result = checkAddress(address, []);
    expect(result.blocked).toBe(true);
    if (result.blocked) expect(result.reason).toMatch(reason);
  });

  it.each(PUBLIC)("lets %s through", (address) => {
    expect(checkAddress(address, [])).toEqual({ blocked: false });
  });

  it("blocks text that is not a canonical IP address instead of guessing", () => {
    for (const text of ["", "localhost", "127.1", "0x7f000001", "2130706433", "1.2.3.4.5"]) {
      const result = checkAddress(text, []);
      expect(result).toMatchObject({ blocked: true, reason: expect.stringMatching(/not a valid/) });
    }
  });

  it("opens exceptions for addresses inside the allow-list", () => {
    const allow = ["127.0.0.0/8", "::1/128"];
    expect(checkAddress("127.0.0.1", allow)).toEqual({ blocked: false });
    expect(checkAddress("127.9.9.9", allow)).toEqual({ blocked: false });
    expect(checkAddress("::1", allow)).toEqual({ blocked: false });
    // The embedded forms of an allowed IPv4 address reach the same place, so they are allowed.
    expect(checkAddress("::ffff:127.0.0.1", allow)).toEqual({ blocked: false });
    // Everything else stays blocked.
    expect(checkAddress("10.0.0.1", allow).blocked).toBe(true);
    expect(checkAddress("169.254.169.254", allow).blocked).toBe(true);
    expect(checkAddress("::2", ["::1/128"]).blocked).toBe(true);
    expect(checkAddress("fe80::1", allow).blocked).toBe(true);
  });

  it("lets the README's allow-list example reach localhost, whichever address it resolves to", () => {
    const row = readFileSync("README.md", "utf8")
      .split("\n")
      .find((line) => line.startsWith("| `OUTBOUND_ALLOW_CIDRS`"));
    const example = /e\.g\. `([^`]+)`/.exec(row ?? "")?.[1];
    expect(example).toBeDefined();
    const allow = example!.split(",");
    // What /etc/hosts gives localhost: 127.0.0.1, and ::1 where IPv6 is on.
    for (const address of ["127.0.0.1", "::1"])
      expect(checkAddress(address, allow), address).toEqual({ blocked: false });
  });

  it("allows a single address given without a prefix length", () => {
    expect(checkAddress("192.168.1.10", ["192.168.1.10"])).toEqual({ blocked: false });
    expect(checkAddress("192.168.1.11", ["192.168.1.10"]).blocked).toBe(true);
  });
});

describe("parseAllowCidrs", () => {
  it("parses IPv4 and IPv6 ranges and bare addresses", () => {
    const parsed = parseAllowCidrs(["127.0.0.0/8", " ::1/128 ", "10.1.2.3"]);
    expect(parsed.map(([a, bits]) => `${a.toString()}/${bits}`)).toEqual([
      "127.0.0.0/8",
      "::1/128",
      "10.1.2.3/32",
    ]);
  });

  it.each(["", "localhost", "127.0.0.0/33", "::1/129", "127.0.0.0/", "1.2.3/8", "10.0.0.0/8x"])(
    "rejects %j with a message naming the entry",
    (entry) => {
      expect(() => parseAllowCidrs([entry])).toThrow(
        `Allowed outbound range "${entry}" is not a valid CIDR`,
      );
    },
  );

  it("makes checkAddress refuse a malformed allow-list rather than ignore it", () => {
    expect(() => checkAddress("8.8.8.8", ["nope"])).toThrow(/not a valid CIDR/);
  });
});

// IANA's IPv4 and IPv6 Special-Purpose Address Registries (as of 2025), each block with its
// "Globally Reachable" column; fec0::/10 (deprecated site-local, RFC 3879) from the IPv6
// Address Space registry. Blocks globally reachable are listed too, to show they were read.
const REGISTRY: [block: string, globallyReachable: boolean | "N/A"][] = [
  ["0.0.0.0/8", false],
  ["0.0.0.0/32", false],
  ["10.0.0.0/8", false],
  ["100.64.0.0/10", false],
  ["127.0.0.0/8", false],
  ["169.254.0.0/16", false],
  ["172.16.0.0/12", false],
  ["192.0.0.0/24", false],
  ["192.0.0.0/29", false],
  ["192.0.0.8/32", false],
  ["192.0.0.9/32", true],
  ["192.0.0.10/32", true],
  ["192.0.0.170/32", false],
  ["192.0.0.171/32", false],
  ["192.0.2.0/24", false],
  ["192.31.196.0/24", true],
  ["192.52.193.0/24", true],
  ["192.88.99.0/24", "N/A"],
  ["192.168.0.0/16", false],
  ["192.175.48.0/24", true],
  ["198.18.0.0/15", false],
  ["198.51.100.0/24", false],
  ["203.0.113.0/24", false],
  ["240.0.0.0/4", false],
  ["255.255.255.255/32", false],
  ["::1/128", false],
  ["::/128", false],
  ["::ffff:0:0/96", false],
  ["64:ff9b::/96", true],
  ["64:ff9b:1::/48", false],
  ["100::/64", false],
  ["100:0:0:1::/64", false],
  ["2001::/23", false],
  ["2001::/32", "N/A"],
  ["2001:1::1/128", true],
  ["2001:1::2/128", true],
  ["2001:1::3/128", true],
  ["2001:2::/48", false],
  ["2001:3::/32", true],
  ["2001:4:112::/48", true],
  ["2001:10::/28", false],
  ["2001:20::/28", true],
  ["2001:30::/28", true],
  ["2001:db8::/32", false],
  ["2002::/16", "N/A"],
  ["2620:4f:8000::/48", true],
  ["3fff::/20", false],
  ["5f00::/16", false],
  ["fc00::/7", false],
  ["fe80::/10", false],
  ["fec0::/10", false],
];

describe("the IANA special-purpose registries", () => {
  it.each(REGISTRY.filter(([, reachable]) => reachable !== true))(
    "blocks the first and the last address of %s (globally reachable: %s)",
    (block) => {
      const family =
        ipaddr.parse(block.split("/")[0]!).kind() === "ipv4" ? ipaddr.IPv4 : ipaddr.IPv6;
      const edges = [family.networkAddressFromCIDR(block), family.broadcastAddressFromCIDR(block)];
      for (const edge of edges) {
        expect(checkAddress(edge.toString(), []).blocked, edge.toString()).toBe(true);
      }
    },
  );

  it("names Teredo and site-local addresses as such", () => {
    expect(checkAddress("2001:0:4136:e378:8000:63bf:3fff:fdd2", [])).toMatchObject({
      reason: expect.stringMatching(/Teredo/),
    });
    expect(checkAddress("fec0::1", [])).toMatchObject({
      reason: expect.stringMatching(/site-local/),
    });
  });
});
