/**
 * The client's address from X-Forwarded-For, trusting only as many proxies as configured
 * (TRUST_PROXY_HOPS). A client can put anything at the front of that header; each trusted proxy
 * appends the address it saw, so the real one is `hops` entries from the end. With no trusted
 * proxy the header means nothing, and there is no address.
 */
export function clientAddress(forwardedFor: string | null | undefined, trustedHops: number): string | null {
  if (trustedHops <= 0 || !forwardedFor) return null;
  const entries = forwardedFor
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  return entries[entries.length - trustedHops] ?? null;
}
