/**
 * When to try again. `retry` is the number of the retry about to be scheduled (1 = the first
 * retry). Retry-After from the platform is a floor, never shortened.
 */
export type RetryStrategy = "exponential" | "linear" | "custom";

export const RETRY_BASE_SECONDS = 60;
export const RETRY_CAP_SECONDS = 6 * 3600;

export function retryDelayMs(strategy: RetryStrategy, retry: number, customDelaysSeconds: number[] | null, retryAfterMs: number | null = null): number {
  const n = Math.max(1, retry);
  let seconds: number;
  if (strategy === "custom" && customDelaysSeconds?.length) {
    seconds = customDelaysSeconds[Math.min(n, customDelaysSeconds.length) - 1] as number;
  } else if (strategy === "linear") {
    seconds = RETRY_BASE_SECONDS * 5 * n;
  } else {
    seconds = RETRY_BASE_SECONDS * 2 ** (n - 1);
  }
  const ms = Math.min(seconds, RETRY_CAP_SECONDS) * 1000;
  return Math.max(ms, retryAfterMs ?? 0);
}
