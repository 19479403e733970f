import type { Db } from "@/db/client";
import { countRequest, type Counted } from "@/db/queries/rate-limits";
import { AppError } from "./errors";
import { clientAddress } from "./auth/client-address";

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
  return rateState(await countRequest(db, bucket, RATE_WINDOW_SECONDS), limit);
}

/** Where a counted request stands against `limit`. */
export function rateState({ count, resetSeconds }: Counted, limit: number): RateLimitState {
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
  const err = new AppError("rate_limited", `too many requests: at most ${state.limit} a minute; retry in ${state.reset} s`, {
    limit: state.limit,
    retry_after: state.reset,
  });
  err.headers = rateLimitHeaders(state);
  return err;
}

/**
 * The address an unauthenticated request is counted under. Behind trusted proxies it is the one
 * they saw (TRUST_PROXY_HOPS); otherwise the socket's peer as the front door saw it. Never the
 * X-Forwarded-For a client wrote itself: a new value per request would be a fresh allowance each
 * time. Without either (a server started some other way) every such request shares one bucket.
 */
export function rateLimitAddress(forwardedFor: string | null, peer: string | null, trustedHops: number): string {
  if (trustedHops > 0) return clientAddress(forwardedFor, trustedHops) ?? "unknown";
  return peer || "unknown";
}
