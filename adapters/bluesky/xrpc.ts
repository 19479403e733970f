/**
 * XRPC to the account's PDS (`ctx.baseUrl`) with a cached session.
 *
 * Sign-in: `com.atproto.server.createSession { identifier, password }` with the account's
 * `credentials.handle` and `credentials.app_password` (an app password, never the main one). The
 * session (`accessJwt`, `refreshJwt`, `did`) is cached in the credentials via `saveCredentials`,
 * with the access token's `exp` as the expiry. An access token the PDS calls expired
 * (`400 ExpiredToken`) is renewed with `refreshSession` (Bearer refreshJwt; the PDS rotates both
 * tokens); a refused refresh falls back to a new sign-in; the call is then retried once.
 * Retrying is safe: a call refused at the auth check did nothing.
 *
 * AT Protocol errors are `{ error, message }`; 429 carries `ratelimit-reset` (Unix seconds).
 */
import type { AdapterContext } from "../adapter";
import { AdapterError, AuthError, PermanentError, RateLimitedError, RetryableError, UnknownOutcomeError, parseRetryAfter } from "../errors";
import { credential, excerpt, send, type HttpRequest, type HttpResponse } from "../http";

export interface Session {
  did: string;
  accessJwt: string;
  refreshJwt: string;
  handle?: string;
}

const ERRORS = { retryable: RetryableError, rate_limited: RateLimitedError, auth: AuthError, permanent: PermanentError, unknown_outcome: UnknownOutcomeError };
/** Error names the PDS uses for a token or login problem (some with 400, not 401). */
const AUTH_CODES = new Set(["ExpiredToken", "InvalidToken", "AuthenticationRequired", "AuthMissing", "AccountTakedown", "AccountDeactivated"]);

function said(res: HttpResponse): { code: string | null; message: string } {
  const d = res.data as { error?: unknown; message?: unknown } | null;
  const code = typeof d?.error === "string" ? d.error : null;
  const message = typeof d?.message === "string" && d.message.trim() ? d.message.trim() : (code ?? (res.text.trim().slice(0, 200) || `HTTP ${res.status}`));
  return { code, message };
}

/** `ratelimit-reset` is a Unix time in seconds; Retry-After as a fallback. */
export function resetDelay(headers: Headers, now = Date.now()): number | null {
  const reset = Number(headers.get("ratelimit-reset") ?? NaN);
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : parseRetryAfter(headers.get("retry-after"), now);
}

export function classify(res: HttpResponse, write: boolean): AdapterError {
  const { code, message } = said(res);
  const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text), platformCode: code };
  const s = res.status;
  if (s === 429)
    return new RateLimitedError(`Bluesky is rate limiting this account (${message}); posting resumes when the limit resets`, {
      ...init,
      retryAfterMs: resetDelay(res.headers),
    });
  if (s === 401 || s === 403 || (code !== null && AUTH_CODES.has(code))) {
    return new AuthError(`Bluesky refused the sign-in (${message}); check the handle and app password and reconnect the account`, init);
  }
  if (s === 413) return new PermanentError(`Bluesky refused the file as too large (${message})`, init);
  if (write && (s === 504 || s === 408)) return new UnknownOutcomeError(`Bluesky timed out (HTTP ${s}); the post may have been published`, init);
  if (s >= 500 || s === 408)
    return new RetryableError(`Bluesky had a server problem (HTTP ${s}: ${message}); will try again`, {
      ...init,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
    });
  // A read refused (getRecord, getPosts: a PDS without an App View answers 400) is no refused post.
  return new PermanentError(`Bluesky refused the ${write ? "post" : "request"}: ${message}`, init);
}

/** One call, optionally with a bearer token; transport failures are named after Bluesky. */
export async function call<T>(ctx: AdapterContext, req: HttpRequest, token?: string): Promise<HttpResponse<T>> {
  const headers = token ? { authorization: `Bearer ${token}`, ...req.headers } : req.headers;
  try {
    return await send<T>(ctx, { ...req, headers }, classify);
  } catch (err) {
    if (!(err instanceof AdapterError) || err.httpStatus !== null) throw err;
    throw new ERRORS[err.kind](err.message.replace(/the platform/g, "Bluesky"), { cause: err.cause ?? err, retryAfterMs: err.retryAfterMs });
  }
}

/** The `exp` of a JWT as a Date (the PDS's tokens are JWTs), or null. */
export function jwtExpiry(jwt: string): Date | null {
  try {
    const exp = (JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString("utf8")) as { exp?: unknown }).exp;
    return typeof exp === "number" ? new Date(exp * 1000) : null;
  } catch {
    return null;
  }
}

async function keep(ctx: AdapterContext, res: HttpResponse<Partial<Session>>): Promise<Session> {
  const d = res.data;
  if (!d || typeof d.did !== "string" || typeof d.accessJwt !== "string" || typeof d.refreshJwt !== "string") {
    throw new RetryableError("Bluesky answered the sign-in without a session; will try again", { httpStatus: res.status, responseExcerpt: excerpt(res.text) });
  }
  const session: Session = { did: d.did, accessJwt: d.accessJwt, refreshJwt: d.refreshJwt, handle: typeof d.handle === "string" ? d.handle : undefined };
  const next = { ...ctx.credentials, accessJwt: session.accessJwt, refreshJwt: session.refreshJwt, did: session.did };
  ctx.credentials = next;
  await ctx.saveCredentials?.(next, jwtExpiry(session.accessJwt));
  return session;
}

/** Session calls change nothing a retry could duplicate: an unknown outcome is just retryable. */
function sessionFailure(err: unknown): unknown {
  return err instanceof UnknownOutcomeError
    ? new RetryableError(`${err.message.replace(/; the post may exist$/, "")} while signing in to Bluesky; will try again`, { cause: err })
    : err;
}

/** A fresh session from the handle and app password. */
export async function login(ctx: AdapterContext): Promise<Session> {
  const identifier = credential(ctx, "handle", "Bluesky handle");
  const password = credential(ctx, "app_password", "Bluesky app password");
  try {
    return await keep(
      ctx,
      await call<Partial<Session>>(ctx, { method: "POST", path: "/xrpc/com.atproto.server.createSession", json: { identifier, password } }),
    );
  } catch (err) {
    throw sessionFailure(err);
  }
}

/** Renews the session with the refresh token; signs in again when the PDS refuses it. */
export async function refresh(ctx: AdapterContext): Promise<Session> {
  const refreshJwt = ctx.credentials.refreshJwt;
  if (!refreshJwt) return login(ctx);
  try {
    return await keep(ctx, await call<Partial<Session>>(ctx, { method: "POST", path: "/xrpc/com.atproto.server.refreshSession" }, refreshJwt));
  } catch (err) {
    if (err instanceof AuthError) return login(ctx);
    throw sessionFailure(err);
  }
}

/** The cached session, or a new sign-in when there is none. */
export async function session(ctx: AdapterContext): Promise<Session> {
  const { accessJwt, refreshJwt, did } = ctx.credentials;
  return accessJwt && did ? { accessJwt, refreshJwt: refreshJwt ?? "", did } : login(ctx);
}

/** An authenticated call: an expired token is refreshed (any other token problem signs in again), then retried once. */
export async function xrpc<T>(ctx: AdapterContext, req: HttpRequest): Promise<HttpResponse<T>> {
  const cached = Boolean(ctx.credentials.accessJwt && ctx.credentials.did);
  const s = await session(ctx);
  try {
    return await call<T>(ctx, req, s.accessJwt);
  } catch (err) {
    if (!(err instanceof AuthError) || err.httpStatus === null || !cached) throw err;
    const renewed = err.platformCode === "ExpiredToken" ? await refresh(ctx) : await login(ctx);
    return call<T>(ctx, req, renewed.accessJwt);
  }
}
