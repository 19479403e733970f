/**
 * What can go wrong when talking to a platform, as the engine needs to know it. Every adapter
 * throws only these; the engine's outcome step switches on `kind`:
 *
 * - `retryable`: the platform said no for a passing reason (5xx, connection refused before the
 *   request left). Nothing was posted; try again later.
 * - `rate_limited`: 429 or a documented quota answer. Pause the account until `retryAfterMs`.
 * - `auth`: the credentials are bad or revoked. Fail now; the account needs reconnecting.
 * - `permanent`: the platform rejected this post (validation, duplicate, forbidden content).
 *   Retrying would fail the same way.
 * - `unknown_outcome`: the request may have been acted on but we never saw the answer (timeout
 *   after send, connection dropped mid-response, gateway timeout). Never re-send blindly.
 */
export type AdapterErrorKind = "retryable" | "rate_limited" | "auth" | "permanent" | "unknown_outcome";

export interface AdapterErrorInit {
  httpStatus?: number | null;
  /** First few hundred characters of the answer, for the job monitor. */
  responseExcerpt?: string | null;
  /** Platform's own error code, when it gives one. */
  platformCode?: string | null;
  retryAfterMs?: number | null;
  cause?: unknown;
}

export class AdapterError extends Error {
  readonly kind: AdapterErrorKind;
  readonly httpStatus: number | null;
  readonly responseExcerpt: string | null;
  readonly platformCode: string | null;
  readonly retryAfterMs: number | null;

  constructor(kind: AdapterErrorKind, message: string, init: AdapterErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = "AdapterError";
    this.kind = kind;
    this.httpStatus = init.httpStatus ?? null;
    this.responseExcerpt = init.responseExcerpt ?? null;
    this.platformCode = init.platformCode ?? null;
    this.retryAfterMs = init.retryAfterMs ?? null;
  }
}

export class RetryableError extends AdapterError {
  constructor(message: string, init?: AdapterErrorInit) {
    super("retryable", message, init);
    this.name = "RetryableError";
  }
}

export class RateLimitedError extends AdapterError {
  constructor(message: string, init?: AdapterErrorInit) {
    super("rate_limited", message, init);
    this.name = "RateLimitedError";
  }
}

export class AuthError extends AdapterError {
  constructor(message: string, init?: AdapterErrorInit) {
    super("auth", message, init);
    this.name = "AuthError";
  }
}

export class PermanentError extends AdapterError {
  constructor(message: string, init?: AdapterErrorInit) {
    super("permanent", message, init);
    this.name = "PermanentError";
  }
}

export class UnknownOutcomeError extends AdapterError {
  constructor(message: string, init?: AdapterErrorInit) {
    super("unknown_outcome", message, init);
    this.name = "UnknownOutcomeError";
  }
}

export function isAdapterError(err: unknown): err is AdapterError {
  return err instanceof AdapterError;
}

/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3). Null when
 * absent or unreadable; never negative.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now);
}
