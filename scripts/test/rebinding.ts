/**
 * A DNS rebinding attacker for tests: a name that answers a public address the first time it is
 * looked up and a private one every time after. Code that checks a name and then connects by
 * name resolves twice and lands on the private address; code that connects to what it checked
 * does not.
 */
import dns from "node:dns";
import { syncBuiltinESMExports } from "node:module";
import type { Resolver } from "@/lib/net/pinned";

export function rebindingResolver(publicAddress: string, privateAddress: string) {
  const asked: string[] = [];
  const resolve: Resolver = async (hostname) => {
    asked.push(hostname);
    return [{ address: asked.length === 1 ? publicAddress : privateAddress, family: 4 }];
  };
  return { resolve, asked };
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/**
 * Makes `resolver` the process's own resolver too (dns.lookup, which sockets use, and
 * dns.promises.lookup), so a second resolution by any path gets the attacker's answer.
 * Returns the function that puts the real ones back.
 */
export function installAsSystemResolver(resolver: Resolver): () => void {
  const original = { lookup: dns.lookup, promisesLookup: dns.promises.lookup };
  const fake = (hostname: string, options: unknown, callback?: unknown) => {
    const cb = (typeof options === "function" ? options : callback) as LookupCallback;
    const all = typeof options === "object" && options !== null && (options as { all?: boolean }).all;
    resolver(hostname).then(
      (list) => (all ? cb(null, list) : cb(null, list[0]!.address, list[0]!.family)),
      (err: NodeJS.ErrnoException) => cb(err, ""),
    );
  };
  const fakePromises = async (hostname: string, options?: { all?: boolean }) => {
    const list = await resolver(hostname);
    return options?.all ? list : list[0]!;
  };
  Object.assign(dns, { lookup: fake });
  Object.assign(dns.promises, { lookup: fakePromises });
  // ES module imports of node:dns see the change only after this.
  syncBuiltinESMExports();
  return () => {
    Object.assign(dns, { lookup: original.lookup });
    Object.assign(dns.promises, { lookup: original.promisesLookup });
    syncBuiltinESMExports();
  };
}
