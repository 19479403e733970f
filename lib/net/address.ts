/**
 * Outgoing requests to addresses people type (webhook URLs, links in posts) must not reach the
 * server's own network: loopback, private, link-local (cloud metadata), carrier-grade NAT,
 * unique-local IPv6 and the like are refused unless the operator allows them.
 */
import { lookup } from "node:dns/promises";
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

/**
 * Resolves the URL's host and refuses it when any of its addresses is private (so a name that
 * resolves to both cannot slip through). `allowPrivate` is for tests and closed networks.
 */
export async function assertPublicUrl(raw: string, opts: { allowPrivate: boolean; what: string }): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("bad_request:url", `${opts.what} is not a valid URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("bad_request:url", `${opts.what} must be an http(s) URL`);
  if (opts.allowPrivate) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map((a) => a.address);
  if (!addresses.length) throw new AppError("bad_request:url", `${opts.what}: ${host} does not resolve`);
  if (addresses.some(isPrivateAddress)) throw new AppError("bad_request:private_address", `${opts.what} points to a private network address (${host}); this is refused`);
  return url;
}
