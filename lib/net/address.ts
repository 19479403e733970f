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

/** True for an address that is not on the public internet. */
export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const n = v4ToInt(ip);
    return V4_BLOCKS.some(([base, bits]) => (n >>> (32 - bits)) === (v4ToInt(base) >>> (32 - bits)));
  }
  if (net.isIPv6(ip)) {
    const lower = ip.toLowerCase();
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
    if (mapped) return isPrivateAddress(mapped[1]!);
    return lower === "::" || lower === "::1" || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower) || /^ff/.test(lower);
  }
  return true; // not an address at all: refuse
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
