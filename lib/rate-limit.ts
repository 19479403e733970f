import type { Db } from "@/db/client";
import { countRequest } from "@/db/queries/rate-limits";
import { AppError } from "./errors";

/** Fixed one-minute windows, counted in the database (see db/queries/rate-limits.ts). */
export const RATE_WINDOW_SECONDS = 60;

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  reset: number;
  allowed: boolean;
}

/**
 * Counts a request against `bucket` (`token:<id>`, `user:<id>` or `addr:<address>`) and says
 * whether it is within `limit` per minute. A limit of 0 turns limiting off: nothing is counted.
 */
export async function consumeRateLimit(db: Db, bucket: string, limit: number): Promise<RateLimitState | null> {
  if (limit <= 0) return null;
  const { count, resetSeconds } = await countRequest(db, bucket, RATE_WINDOW_SECONDS);
  return { limit, remaining: Math.max(0, limit - count), reset: resetSeconds, allowed: count <= limit };
}

/** The IETF draft's RateLimit-* fields, on every answer that was counted. */
export function rateLimitHeaders(state: RateLimitState | null): Record<string, string> {
  if (!state) return {};
  const h: Record<string, string> = {
    "ratelimit-limit": String(state.limit),
    "ratelimit-remaining": String(state.remaining),
    "ratelimit-reset": String(state.reset),
  };
  if (!state.allowed) h["retry-after"] = String(state.reset);
  return h;
}

export function rateLimited(state: RateLimitState): AppError {
  const err = new AppError("rate_limited", `too many requests: at most ${state.limit} a minute; retry in ${state.reset} s`, { limit: state.limit, retry_after: state.reset });
  err.headers = rateLimitHeaders(state);
  return err;
}

/**
 * The address an unauthenticated request is counted under. Behind trusted proxies it is the one
 * they saw (TRUST_PROXY_HOPS); otherwise the address Next.js put in X-Forwarded-For from the socket
 * (a client that sends its own header only moves itself to another bucket, so it cannot use up
 * someone else's allowance unless it knows and forges their address — set TRUST_PROXY_HOPS behind a proxy).
 */
export function rateLimitAddress(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const addr = trustedHops > 0 ? entries[entries.length - trustedHops] : entries[entries.length - 1];
  return addr ?? "unknown";
}
