/**
 * Per-account token buckets: the descriptor's documented publish rate, overridable per account
 * (`platform_accounts.rate_limit = { capacity, per_seconds }`). The bucket lives in the account
 * row so every runner on the database shares it (db/queries/rate-limit.ts takes tokens atomically).
 */
import type { PlatformDescriptor } from "@/adapters/types";
import type { Db } from "@/db/client";
import { takeToken, takeTokens } from "@/db/queries/rate-limit";

export interface BucketSpec {
  capacity: number;
  /** Tokens added per second. */
  refillPerSecond: number;
}

export interface AccountLimits {
  primary: BucketSpec;
  secondary: BucketSpec | null;
}

function spec(capacity: number, perSeconds: number): BucketSpec {
  return { capacity, refillPerSecond: capacity / perSeconds };
}

/** The override, when it is a sane `{ capacity, per_seconds }`; otherwise the descriptor's rate. */
export function limitsFor(descriptor: Pick<PlatformDescriptor, "rateLimit">, override: unknown): AccountLimits {
  const o = override as { capacity?: unknown; per_seconds?: unknown } | null;
  const custom = o && Number.isFinite(o.capacity) && Number.isFinite(o.per_seconds) && (o.capacity as number) >= 1 && (o.per_seconds as number) > 0;
  const r = descriptor.rateLimit;
  return {
    primary: custom ? spec(o.capacity as number, o.per_seconds as number) : spec(r.capacity, r.perSeconds),
    secondary: !custom && r.secondary ? spec(r.secondary.capacity, r.secondary.perSeconds) : null,
  };
}

/** Milliseconds until one token is available (0 if one is). */
export function waitForToken(b: BucketSpec, tokensNow: number): number {
  if (tokensNow >= 1) return 0;
  return Math.ceil(((1 - tokensNow) / b.refillPerSecond) * 1000);
}

/** Takes a token for one publish from the account's bucket(s), or says how long to wait for one. */
export async function takeAccountToken(db: Db, accountId: string, limits: AccountLimits): Promise<{ ok: true } | { ok: false; waitMs: number }> {
  const secondary = limits.secondary ?? { capacity: 1e9, refillPerSecond: 1e9 };
  const r = await takeToken(db, accountId, limits.primary, secondary);
  if (r.took) return { ok: true };
  return { ok: false, waitMs: Math.max(waitForToken(limits.primary, r.tokens[0]), waitForToken(secondary, r.tokens[1]), 1) };
}

export type TokenResult = { ok: true } | { ok: false; waitMs: number };

const NO_SECONDARY: BucketSpec = { capacity: 1e9, refillPerSecond: 1e9 };

/**
 * Tokens for many publishes in one statement. An account's publishes get its tokens in the order
 * asked; the j-th one left without is told to wait until j+1 tokens have come back, so the ones
 * deferred do not all come back at once.
 */
export async function takeAccountTokens(db: Db, asks: { accountId: string; limits: AccountLimits }[]): Promise<TokenResult[]> {
  const byAccount = new Map<string, { limits: AccountLimits; idx: number[] }>();
  asks.forEach((a, i) => {
    const entry = byAccount.get(a.accountId);
    if (entry) entry.idx.push(i);
    else byAccount.set(a.accountId, { limits: a.limits, idx: [i] });
  });
  const taken = await takeTokens(
    db,
    [...byAccount].map(([accountId, e]) => ({ accountId, count: e.idx.length, primary: e.limits.primary, secondary: e.limits.secondary ?? NO_SECONDARY })),
  );
  const out: TokenResult[] = new Array(asks.length);
  for (const [accountId, e] of byAccount) {
    const t = taken.get(accountId);
    e.idx.forEach((i, j) => {
      if (!t || j < t.took) {
        out[i] = { ok: true }; // account gone: the publish step reports it
        return;
      }
      const short = j - t.took; // tokens owed before this one
      const secondary = e.limits.secondary ?? NO_SECONDARY;
      out[i] = {
        ok: false,
        waitMs: Math.max(waitForToken(e.limits.primary, t.tokens[0] - short), waitForToken(secondary, t.tokens[1] - short), 1),
      };
    });
  }
  return out;
}
