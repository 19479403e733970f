/**
 * Meta's Graph API (Facebook Pages, Instagram, Threads) answers every failure with one shape:
 * `{ error: { message, type, code, error_subcode, error_user_title, error_user_msg, is_transient,
 * fbtrace_id } }`, usually with HTTP 400 whatever the cause — so the status says little and the
 * `code` says everything. Sources: Graph API "Handling Errors", "Rate Limits", and Instagram's
 * error-code table.
 */
import type { AdapterError } from "../errors";
import { AuthError, PermanentError, RateLimitedError, RetryableError, parseRetryAfter } from "../errors";
import { excerpt, type HttpResponse } from "../http";

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  is_transient?: boolean;
  fbtrace_id?: string;
}

export function graphErrorOf(data: unknown): GraphErrorBody | null {
  const err = (data as { error?: unknown } | null)?.error;
  if (!err || typeof err !== "object") return null;
  const e = err as Record<string, unknown>;
  const num = (v: unknown) => (typeof v === "number" ? v : typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : undefined);
  const str = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : undefined);
  return {
    message: str(e.message),
    type: str(e.type),
    code: num(e.code),
    error_subcode: num(e.error_subcode),
    error_user_title: str(e.error_user_title),
    error_user_msg: str(e.error_user_msg),
    is_transient: e.is_transient === true,
    fbtrace_id: str(e.fbtrace_id),
  };
}

/** 190 = invalid/expired token (any type); 102 session, 463 expired, 467 invalid (OAuthException). */
const TOKEN_CODES = new Set([102, 463, 467]);
/**
 * Throttling: 4 app, 17 user, 32 Page, 341 feed action limit, 613 custom rate limit, 80000–80014
 * business-use-case limits; 9 + subcode 2207042 is Instagram's (and, we assume, Threads') 24-hour
 * content-publishing quota.
 */
const RATE_CODES = new Set([4, 9, 17, 32, 341, 613]);
/** 1 unknown, 2 service unavailable; Instagram's -1 server error and -2 media download timeout. */
const RETRY_CODES = new Set([1, 2, -1, -2]);
/** Instagram 9007/2207027 and Threads: the container is still processing — publish again shortly. */
const NOT_READY = { code: 9007, subcode: 2207027 };
/** Instagram 4/2207051: the publish looked like spam — waiting does not help. */
const SPAM_SUBCODE = 2207051;
const QUOTA_SUBCODE = 2207042;

/** Docs give no wait for these; a conservative pause of ours, overridden by any header hint. */
export const DEFAULT_THROTTLE_MS = 10 * 60_000;
/** The publishing quotas are a moving 24-hour window with no reset time: look again in an hour. */
export const QUOTA_WAIT_MS = 60 * 60_000;

const USAGE_HEADERS = ["x-business-use-case-usage", "x-page-usage", "x-app-usage", "x-ad-account-usage"];

function regainMinutes(value: unknown, out: number[]): void {
  if (Array.isArray(value)) value.forEach((v) => regainMinutes(v, out));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (k === "estimated_time_to_regain_access" && typeof v === "number") out.push(v);
      else regainMinutes(v, out);
    }
  }
}

/**
 * The wait Meta announces in its usage headers: `estimated_time_to_regain_access` is in minutes
 * (x-business-use-case-usage nests it per business id and use-case type; x-page-usage and
 * x-ad-account-usage carry it flat; x-app-usage only has percentages). Null when none says.
 */
export function usageWaitMs(headers: Headers): number | null {
  const minutes: number[] = [];
  for (const name of USAGE_HEADERS) {
    const raw = headers.get(name);
    if (!raw) continue;
    try {
      regainMinutes(JSON.parse(raw), minutes);
    } catch {
      // An unreadable header is no hint; fall back to Retry-After or our default.
    }
  }
  const max = minutes.length ? Math.max(...minutes) : 0;
  return max > 0 ? max * 60_000 : null;
}

function waitText(ms: number): string {
  const min = Math.round(ms / 60_000);
  return min >= 1 ? `about ${min} minute${min === 1 ? "" : "s"}` : `${Math.ceil(ms / 1000)} seconds`;
}

/**
 * Maps a Graph error answer to an AdapterError; null when the body is not a Graph error (the
 * default status mapping of `send` applies) and for a gateway timeout on a write (unknown outcome).
 * `action` completes "<platform> refused to …".
 */
export function classifyGraph(platform: string, action: string, res: HttpResponse, write: boolean, now = Date.now()): AdapterError | null {
  const body = graphErrorOf(res.data);
  if (!body) return null;
  if (write && (res.status === 504 || res.status === 408)) return null;
  const code = body.code ?? 0;
  const sub = body.error_subcode;
  const said = body.error_user_msg ?? body.message ?? "no details given";
  const init = {
    httpStatus: res.status,
    responseExcerpt: excerpt(res.text),
    platformCode: sub === undefined ? String(code) : `${code}/${sub}`,
  };
  if (code === 190 || (body.type === "OAuthException" && TOKEN_CODES.has(code))) {
    return new AuthError(
      `${platform} no longer accepts this account's access token (expired, revoked or the password changed): ${said}. Reconnect the account.`,
      init,
    );
  }
  // 10 and 200–299 are missing permissions: only reconnecting with the scope granted fixes them.
  if (code === 10 || (code >= 200 && code <= 299)) {
    return new AuthError(
      `${platform} says the app lacks a permission for this account: ${said}. Reconnect the account and grant every requested permission.`,
      init,
    );
  }
  if (sub === SPAM_SUBCODE) return new PermanentError(`${platform} blocked the post as suspected spam: ${said}`, init);
  if (RATE_CODES.has(code) || (code >= 80000 && code <= 80014) || res.status === 429) {
    const quota = sub === QUOTA_SUBCODE;
    const wait = usageWaitMs(res.headers) ?? parseRetryAfter(res.headers.get("retry-after"), now) ?? (quota ? QUOTA_WAIT_MS : DEFAULT_THROTTLE_MS);
    const what = quota ? `${platform}'s 24-hour publishing limit is reached` : `${platform} is throttling this account`;
    return new RateLimitedError(`${what}: ${said}; trying again in ${waitText(wait)}`, { ...init, retryAfterMs: wait });
  }
  if ((code === NOT_READY.code || sub === NOT_READY.subcode) && write) {
    return new RetryableError(`${platform} is still processing the media: ${said}`, { ...init, retryAfterMs: 30_000 });
  }
  if (RETRY_CODES.has(code) || body.is_transient || res.status >= 500) {
    return new RetryableError(`${platform} had a temporary problem: ${said}`, { ...init, retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now) });
  }
  return new PermanentError(`${platform} refused to ${action}: ${said}`, init);
}
