/**
 * Outgoing requests to addresses people type (webhook URLs, links in posts) must not reach the
 * server's own network: loopback, private, link-local (cloud metadata), carrier-grade NAT,
 * unique-local IPv6 and the like are refused unless the operator allows them.
 */
import dns from "node:dns";
import net from "node:net";
import { AppError } from "../errors";

const V4_BLOCKS: [string, number][] = [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
];

function v4ToInt(ip: string): number {
  return ip.split(".").reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
}

/** The eight 16-bit groups of an IPv6 address (a trailing dotted IPv4 part included). */
function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split("%")[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null];
  const parse = (part: string | null | undefined) => (part ? part.split(":").map((g) => parseInt(g, 16)) : []);
  const h = parse(head);
  const t = parse(tail);
  return tail === null ? h : [...h, ...Array<number>(8 - h.length - t.length).fill(0), ...t];
}

const v4Of = (hi: number, lo: number) => [hi >>> 8, hi & 0xff, lo >>> 8, lo & 0xff].join(".");

/**
 * True for an address that is not on the public internet. IPv6 forms that carry an IPv4 address
 * (mapped `::ffff:7f00:1`, compatible `::127.0.0.1`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are
 * judged by that address: the URL parser rewrites `[::ffff:127.0.0.1]` to its hex form, and a
 * dual-stack host connects to it as loopback.
 */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const n = v4ToInt(ip);
    return V4_BLOCKS.some(([base, bits]) => n >>> (32 - bits) === v4ToInt(base) >>> (32 - bits));
  }
  if (!net.isIPv6(ip)) return true; // not an address at all: refuse
  const g = v6Groups(ip);
  if (g.length !== 8 || g.some((x) => !Number.isInteger(x) || x < 0 || x > 0xffff)) return true;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (zeroTo(8)) return true; // ::
  if (zeroTo(5) && (g[5] === 0xffff || g[5] === 0)) return g[5] === 0 && g[6] === 0 && g[7]! <= 1 ? true : isPrivateAddress(v4Of(g[6]!, g[7]!)); // ::1, mapped, compatible
  if (g[0] === 0x64 && g[1] === 0xff9b) return g[2] !== 0 || isPrivateAddress(v4Of(g[6]!, g[7]!)); // NAT64 (local-use /48 refused)
  if (g[0] === 0x2002) return isPrivateAddress(v4Of(g[1]!, g[2]!)); // 6to4
  if (g[0] === 0x2001 && g[1] === 0) return true; // Teredo: the IPv4 inside is obscured, refuse
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true; // documentation
  if (g[0] === 0x100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return true; // discard-only
  if (g[0]! >= 0xfc00 && g[0]! <= 0xfdff) return true; // unique-local
  if (g[0]! >= 0xfe80 && g[0]! <= 0xfeff) return true; // link-local and old site-local
  return g[0]! >= 0xff00; // multicast
}

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Answers every address of a host name. Injectable so tests can play a rebinding resolver. */
export type Resolver = (hostname: string) => Promise<ResolvedAddress[]>;

/** The system resolver (what the OS would use: /etc/hosts, DNS), looked up at call time. */
export const systemResolver: Resolver = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

export interface CheckedTarget {
  url: URL;
  /** The addresses the connection may use; all of them passed the check. */
  addresses: ResolvedAddress[];
}

export interface TargetPolicy {
  /** Private, loopback and link-local addresses allowed (tests, closed networks). */
  allowPrivate: boolean;
  /** Names the URL in error messages ("webhook URL", "The link"). */
  what: string;
  resolver?: Resolver;
}

function parseHttpUrl(raw: string | URL, what: string): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("bad_request:url", `${what} is not a valid URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("bad_request:url", `${what} must be an http(s) URL`);
  return url;
}

/**
 * Parses the URL, resolves its host once and refuses it when it does not resolve or when any of
 * its addresses is private (unless allowed), so a name answering both cannot slip through.
 */
export async function resolveTarget(raw: string | URL, policy: TargetPolicy): Promise<CheckedTarget> {
  const url = parseHttpUrl(raw, policy.what);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: ResolvedAddress[];
  if (net.isIP(host)) addresses = [{ address: host, family: net.isIPv6(host) ? 6 : 4 }];
  else addresses = await (policy.resolver ?? systemResolver)(host).catch(() => []);
  if (!addresses.length) throw new AppError("bad_request:url", `${policy.what}: ${host} does not resolve`, { reason: "unresolvable" });
  if (!policy.allowPrivate && addresses.some((a) => isPrivateAddress(a.address))) {
    throw new AppError("bad_request:private_address", `${policy.what} points to a private network address (${host}); this is refused`);
  }
  return { url, addresses };
}

/**
 * Checks a URL typed by someone (when it is saved). `allowPrivate` skips the network check
 * entirely. What a name resolves to can change afterwards: requests go through `safeRequest`
 * (pinned.ts), which checks again and connects to the checked address.
 */
export async function assertPublicUrl(raw: string, opts: TargetPolicy): Promise<URL> {
  if (opts.allowPrivate) return parseHttpUrl(raw, opts.what);
  return (await resolveTarget(raw, opts)).url;
}
