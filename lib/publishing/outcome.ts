/**
 * What happens to a schedule after a failed attempt (docs/publishing.md, After a failed
 * attempt). Pure: the engine applies the answer.
 */
import type { AdapterError } from "@/adapters/errors";
import { retryDelayMs, type RetryStrategy } from "./retry";

/** A 429 without Retry-After pauses the account this long. */
export const DEFAULT_RATE_PAUSE_MS = 60_000;
/** Rate-limited attempts do not use up retries, up to this many on top of max_retries. */
export const RATE_LIMIT_GRACE = 10;

export interface RetryState {
  retryCount: number;
  maxRetries: number;
  retryStrategy: RetryStrategy;
  retryDelays: number[] | null;
  /** Attempts so far, including the one that just failed. */
  attempts: number;
}

export type Decision =
  | { status: "pending"; retryCount: number; retryAt: Date; errorCode: string; errorMessage: string; pauseAccountUntil: Date | null }
  | { status: "failed" | "dead_letter"; retryCount: number; errorCode: string; errorMessage: string; needsReconnect: boolean };

export function decide(err: AdapterError, s: RetryState, now: Date): Decision {
  const message = err.message.slice(0, 1000);
  if (err.kind === "auth") return { status: "failed", retryCount: s.retryCount, errorCode: "auth", errorMessage: message, needsReconnect: true };
  if (err.kind === "permanent") return { status: "failed", retryCount: s.retryCount, errorCode: "permanent", errorMessage: message, needsReconnect: false };
  if (err.kind === "rate_limited") {
    const waitMs = err.retryAfterMs ?? DEFAULT_RATE_PAUSE_MS;
    if (s.attempts <= s.maxRetries + RATE_LIMIT_GRACE) {
      const until = new Date(now.getTime() + waitMs);
      return { status: "pending", retryCount: s.retryCount, retryAt: until, errorCode: "rate_limited", errorMessage: message, pauseAccountUntil: until };
    }
  }
  const retry = s.retryCount + 1;
  if (retry > s.maxRetries) {
    return {
      status: "dead_letter",
      retryCount: s.retryCount,
      errorCode: err.kind,
      errorMessage: `${message} (gave up after ${s.attempts} attempt${s.attempts === 1 ? "" : "s"})`,
      needsReconnect: false,
    };
  }
  const delay = retryDelayMs(s.retryStrategy, retry, s.retryDelays, err.retryAfterMs);
  return {
    status: "pending",
    retryCount: retry,
    retryAt: new Date(now.getTime() + delay),
    errorCode: err.kind,
    errorMessage: message,
    pauseAccountUntil: null,
  };
}
