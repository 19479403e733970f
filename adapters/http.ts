/**
 * The one way adapters talk HTTP: fetch with a timeout, JSON in and out, and every failure turned
 * into a typed AdapterError the engine understands. Adapters refine the mapping with `classify`
 * (X's duplicate 403, Facebook's OAuth error codes …).
 */
import type { AdapterContext } from "./adapter";
import { AdapterError, AuthError, PermanentError, RateLimitedError, RetryableError, UnknownOutcomeError, parseRetryAfter } from "./errors";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method?: HttpMethod;
  /** Appended to ctx.baseUrl; or an absolute http(s) URL (upload URLs handed out by the platform). */
  path: string;
  query?: Record<string, string | number | boolean | undefined | null>;
  headers?: Record<string, string>;
  json?: unknown;
  /** application/x-www-form-urlencoded body (Meta's Graph API, OAuth token endpoints). */
  form?: Record<string, string | number | boolean | undefined | null>;
  body?: Buffer | Uint8Array | string;
  /** Overrides ctx.timeoutMs for this call (media processing polls, slow uploads). */
  timeoutMs?: number;
}

export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the answer is JSON, else null. */
  data: T;
  text: string;
}

export const EXCERPT_CHARS = 500;

export function excerpt(text: string): string {
  return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
}

/** Joins the account's base URL and a path, keeping any path prefix of the base. */
export function buildUrl(baseUrl: string, path: string, query?: HttpRequest["query"]): string {
  const base = baseUrl.replace(/\/+$/, "");
  const url = /^https?:\/\//.test(path) ? new URL(path) : new URL(path === "" ? base : base + (path.startsWith("/") ? path : `/${path}`));
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== null) url.searchParams.set(k, String(v));
  return url.toString();
}

/** The platform's own words for an error, from the usual JSON shapes. */
export function platformMessage(data: unknown, text: string): string {
  const d = data as Record<string, unknown> | null;
  const pick = (v: unknown): string | null => (typeof v === "string" && v.trim() ? v.trim() : null);
  const nested = d && typeof d.error === "object" && d.error ? (d.error as Record<string, unknown>) : null;
  const errors = d && Array.isArray(d.errors) ? (d.errors[0] as Record<string, unknown> | undefined) : undefined;
  const found =
    pick(nested?.message) ??
    pick(nested?.error_user_msg) ??
    pick(d?.error_description) ??
    pick(d?.message) ??
    pick(d?.error) ??
    pick(d?.detail) ??
    pick(errors?.message) ??
    pick(errors?.detail) ??
    pick(d?.title);
  return (found ?? text.trim().slice(0, 200)) || "no details given";
}

/** Default mapping of a non-2xx answer; `write` = the request may have created something. */
export function classifyStatus(res: HttpResponse, write: boolean, now = Date.now()): AdapterError {
  const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  const said = platformMessage(res.data, res.text);
  const s = res.status;
  if (s === 429) {
    return new RateLimitedError(`rate limited by the platform: ${said}`, { ...init, retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now) });
  }
  if (s === 401) return new AuthError(`the platform refused the credentials: ${said}`, init);
  // A gateway that timed out may have passed the request on: the post may exist.
  if (write && (s === 504 || s === 408)) return new UnknownOutcomeError(`the platform timed out (HTTP ${s}); the post may exist`, init);
  if (s >= 500 || s === 408) {
    return new RetryableError(`the platform failed (HTTP ${s}): ${said}`, { ...init, retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), now) });
  }
  return new PermanentError(`the platform rejected the post (HTTP ${s}): ${said}`, init);
}

function transportCode(err: unknown): string {
  const e = err as { name?: unknown; code?: unknown; cause?: { code?: unknown; name?: unknown } };
  // Only text codes: a DOMException's `code` is a number (23 for the TimeoutError of AbortSignal.timeout).
  const text = (v: unknown) => (typeof v === "string" ? v : undefined);
  return text(e?.cause?.code) ?? text(e?.code) ?? text(e?.cause?.name) ?? text(e?.name) ?? "unknown";
}

/** Connection errors that prove the request never reached the platform. */
const NOT_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "UND_ERR_CONNECT_TIMEOUT", "ERR_INVALID_URL"]);

/** A fetch that threw: before sending is retryable; after sending a write, the outcome is unknown. */
export function classifyTransport(err: unknown, write: boolean, timeoutMs: number): AdapterError {
  const code = transportCode(err);
  if (NOT_SENT.has(code)) return new RetryableError(`could not reach the platform (${code})`, { cause: err });
  const what = code === "TimeoutError" || code === "AbortError" ? `no answer within ${timeoutMs} ms` : `the connection failed (${code})`;
  if (!write) return new RetryableError(`${what} while reading from the platform`, { cause: err });
  return new UnknownOutcomeError(`${what} after the request was sent; the post may exist`, { cause: err });
}

/**
 * Sends one request. 2xx → parsed response; anything else → AdapterError via `classify` (return
 * null to fall back to the default mapping).
 */
export async function send<T = unknown>(
  ctx: Pick<AdapterContext, "baseUrl" | "fetch" | "timeoutMs">,
  req: HttpRequest,
  classify?: (res: HttpResponse, write: boolean) => AdapterError | null,
): Promise<HttpResponse<T>> {
  const method = req.method ?? (req.json !== undefined || req.form !== undefined || req.body !== undefined ? "POST" : "GET");
  const write = method !== "GET";
  const headers: Record<string, string> = { accept: "application/json", ...req.headers };
  let body: BodyInit | undefined;
  if (req.json !== undefined) {
    headers["content-type"] ??= "application/json";
    body = JSON.stringify(req.json);
  } else if (req.form !== undefined) {
    headers["content-type"] ??= "application/x-www-form-urlencoded";
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(req.form)) if (v !== undefined && v !== null) form.set(k, String(v));
    body = form.toString();
  } else if (req.body !== undefined) {
    body = typeof req.body === "string" ? req.body : new Uint8Array(req.body);
  }
  const timeoutMs = req.timeoutMs ?? ctx.timeoutMs;
  let res: Response;
  let text: string;
  try {
    res = await ctx.fetch(buildUrl(ctx.baseUrl, req.path, req.query), { method, headers, body, signal: AbortSignal.timeout(timeoutMs) });
    text = await res.text();
  } catch (err) {
    if (err instanceof AdapterError) throw err;
    throw classifyTransport(err, write, timeoutMs);
  }
  let data: unknown = null;
  if (text && /json/i.test(res.headers.get("content-type") ?? "")) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  const out: HttpResponse<T> = { status: res.status, headers: res.headers, data: data as T, text };
  if (res.status >= 200 && res.status < 300) return out;
  throw classify?.(out, write) ?? classifyStatus(out, write);
}

function requiredString(source: Record<string, unknown>, key: string): string | null {
  const v = source[key];
  return typeof v === "string" && v.trim() ? v : null;
}

/** A secret the account must have; missing means it needs reconnecting (AuthError). */
export function credential(ctx: Pick<AdapterContext, "credentials">, key: string, what: string): string {
  const v = requiredString(ctx.credentials, key);
  if (v) return v;
  throw new AuthError(`the account has no ${what} (${key}); reconnect it`);
}

/** A setting the account must have; missing is a configuration mistake (PermanentError). */
export function setting(ctx: Pick<AdapterContext, "config">, key: string, what: string): string {
  const v = requiredString(ctx.config, key);
  if (v) return v;
  throw new PermanentError(`the account is missing ${what} (config.${key}); edit the account and add it`);
}
