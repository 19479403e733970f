/**
 * X (Twitter), API v2 with an OAuth 2.0 user token (Bearer).
 *
 * - Publish: `POST /2/tweets { text, reply?: { in_reply_to_tweet_id }, media?: { media_ids } }`
 *   → `{ data: { id, text } }`. A thread is a chain of replies, each part replying to the one
 *   before; parts already out (post.publishedParts) are never sent again.
 * - No idempotency, and X answers a repeated text with 403 "duplicate content", so after an
 *   unknown outcome `findExisting` reads the account's recent posts (`GET /2/users/:id/tweets`).
 * - 429 answers carry `x-rate-limit-reset` (epoch seconds) rather than Retry-After; the 24-hour
 *   per-user posting cap has its own `x-user-limit-24hour-*` headers.
 * - OAuth 2.0 with PKCE; refresh tokens are single-use (each refresh returns a new one).
 */
import type { AdapterContext, PlatformAdapter, PublishPost, PublishResult, PublishedPart } from "../adapter";
import { replyComments } from "../reply-comment";
import { AdapterError, AuthError, PermanentError, RateLimitedError, RetryableError, UnknownOutcomeError, parseRetryAfter } from "../errors";
import type { HttpResponse } from "../http";
import { credential, excerpt, platformMessage, send, setting } from "../http";
import { findUrls } from "../count";
import { descriptor, validate } from "./descriptor";
import { uploadMedia } from "./media";

interface Tweet {
  id: string;
  text: string;
  referenced_tweets?: { type: string; id: string }[];
  public_metrics?: Record<string, number | undefined>;
}

/** When X lets this account call again: its reset headers are epoch seconds. */
export function resetDelayMs(headers: Headers, now = Date.now()): number | null {
  const retryAfter = parseRetryAfter(headers.get("retry-after"), now);
  if (retryAfter !== null) return retryAfter;
  const daily = headers.get("x-user-limit-24hour-remaining") === "0" ? headers.get("x-user-limit-24hour-reset") : null;
  const reset = Number(daily ?? headers.get("x-rate-limit-reset"));
  return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - now) : null;
}

/** X's own words: a 400 puts the useful part in `errors[].message`, the rest in `detail`. */
function xMessage(res: HttpResponse): string {
  const errors = (res.data as { errors?: { message?: unknown }[] } | null)?.errors;
  const messages = Array.isArray(errors) ? errors.map((e) => e?.message).filter((m): m is string => typeof m === "string" && m !== "") : [];
  return messages.length ? messages.join("; ") : platformMessage(res.data, res.text);
}

/** X's answers in a social-media manager's words; `action` says what we were doing. */
function classifier(action: string) {
  return (res: HttpResponse): AdapterError | null => {
    const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
    const said = xMessage(res);
    const s = res.status;
    if (s === 429) {
      const retryAfterMs = resetDelayMs(res.headers);
      return new RateLimitedError(`X is rate limiting this account while ${action}; it will try again after the limit resets`, { ...init, retryAfterMs });
    }
    if (s === 401) return new AuthError(`X refused the access token while ${action} (${said}); reconnect the X account`, init);
    if (s === 403) {
      if (/duplicate content/i.test(said)) {
        return new PermanentError("X refused the post: duplicate content (this account already posted the same text)", { ...init, platformCode: "duplicate" });
      }
      if (/too long/i.test(said)) return new PermanentError("X refused the post: the text is longer than 280 weighted characters", init);
      if (/not permitted|permission|client-forbidden|not enrolled/i.test(said + res.text)) {
        return new AuthError(`X did not allow ${action} (${said}); reconnect the account with write access`, init);
      }
      return new PermanentError(`X refused ${action}: ${said}`, init);
    }
    if (s === 400) return new PermanentError(`X rejected the request while ${action}: ${said}`, init);
    return null;
  };
}

function bearer(ctx: AdapterContext): Record<string, string> {
  return { authorization: `Bearer ${credential(ctx, "access_token", "X access token")}` };
}

function postUrl(ctx: AdapterContext, id: string): string {
  const user = typeof ctx.config.username === "string" && ctx.config.username ? ctx.config.username : "i/web";
  return `https://x.com/${user}/status/${id}`;
}

/** The texts published as separate posts: the thread parts, or the one text. */
function partsOf(post: PublishPost): string[] {
  return descriptor.thread.supported && post.parts.length > 1 ? post.parts : [post.text];
}

/** Uploads (or reuses from an earlier attempt) the media of the first part. */
async function mediaIds(ctx: AdapterContext, post: PublishPost): Promise<string[]> {
  if (post.media.length === 0) return [];
  const saved = post.state.x_media_ids;
  if (saved && Number(post.state.x_media_expires_at) > Date.now() + 60_000) return saved.split(",");
  try {
    const up = await uploadMedia(ctx, bearer(ctx), post.media, classifier("uploading media"));
    await post.saveState({ x_media_ids: up.ids.join(","), x_media_expires_at: String(up.expiresAt) });
    return up.ids;
  } catch (err) {
    // An upload is not a post: whatever happened to it, re-uploading cannot duplicate anything.
    if (err instanceof UnknownOutcomeError) throw new RetryableError(`uploading media to X failed: ${err.message}`, { cause: err });
    throw err;
  }
}

function result(parts: PublishedPart[], res?: HttpResponse): PublishResult {
  const first = parts[0] as PublishedPart;
  return {
    platformPostId: first.id,
    url: first.url ?? null,
    parts: parts.length > 1 ? parts : undefined,
    httpStatus: res?.status ?? null,
    responseExcerpt: res ? excerpt(res.text) : null,
  };
}

/** The account's numeric user id: from the account settings, else `GET /2/users/me` (cached). */
async function userId(ctx: AdapterContext): Promise<string> {
  const known = ctx.config.user_id;
  if (typeof known === "string" && known) return known;
  const res = await send<{ data?: { id?: string } }>(ctx, { path: "/2/users/me", headers: bearer(ctx) }, classifier("looking up the account"));
  const id = res.data?.data?.id;
  if (!id) throw new RetryableError("X did not say which user this token belongs to");
  ctx.config.user_id = id;
  return id;
}

/**
 * X returns post text with `&`, `<`, `>` HTML-escaped and every link replaced by a t.co link, so
 * texts are compared with entities decoded and each URL reduced to a placeholder.
 */
export function comparable(text: string): string {
  const decoded = text.normalize("NFC").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  let out = "";
  let pos = 0;
  for (const u of findUrls(decoded)) {
    out += `${decoded.slice(pos, u.start)}\u0000`;
    pos = u.end;
  }
  return (out + decoded.slice(pos)).trim();
}

/**
 * Lookups read at most this many pages of 100: X's user timeline reaches back 3,200 posts, so
 * more posts than that since the first send cannot be checked.
 */
export const TIMELINE_PAGES = 32;

/**
 * The account's posts since shortly before the first send (`start_time`), every page of them, so a
 * busy account cannot push ours out of view. Without a first-send time, the newest page only.
 */
async function timelineSince(ctx: AdapterContext, firstAttemptAt: string | undefined) {
  const uid = await userId(ctx);
  const since = firstAttemptAt ? new Date(Date.parse(firstAttemptAt) - 10 * 60_000) : null;
  const timeline: Tweet[] = [];
  let token: string | undefined;
  let res: HttpResponse<{ data?: Tweet[]; meta?: { next_token?: string } }> | undefined;
  for (let page = 0; page < (since ? TIMELINE_PAGES : 1); page++) {
    res = await send<{ data?: Tweet[]; meta?: { next_token?: string } }>(
      ctx,
      {
        path: `/2/users/${encodeURIComponent(uid)}/tweets`,
        query: {
          max_results: 100,
          exclude: "retweets",
          "tweet.fields": "created_at,referenced_tweets",
          start_time: since && !Number.isNaN(since.getTime()) ? since.toISOString().replace(/\.\d{3}Z$/, "Z") : undefined,
          pagination_token: token,
        },
        headers: bearer(ctx),
      },
      classifier("checking the account's recent posts"),
    );
    timeline.push(...(res.data?.data ?? []));
    token = res.data?.meta?.next_token;
    if (!token || !since) return { timeline, res };
  }
  throw new UnknownOutcomeError(
    `X shows more than ${TIMELINE_PAGES * 100} posts since this one was first sent; check the account on X before retrying it by hand`,
  );
}

const repliedTo = (t: Tweet) => t.referenced_tweets?.find((r) => r.type === "replied_to")?.id ?? null;

export const adapter: PlatformAdapter = {
  id: "x",
  descriptor,
  validate,
  async publish(ctx, post) {
    // When this version was first sent: findExisting reads the timeline back to here.
    if (!post.state.first_attempt_at) await post.saveState({ first_attempt_at: new Date().toISOString() });
    const texts = partsOf(post);
    const parts: PublishedPart[] = [...post.publishedParts].sort((a, b) => a.index - b.index);
    const done = new Set(parts.map((p) => p.index));
    let last: HttpResponse<{ data?: { id?: string } }> | undefined;
    for (let i = 0; i < texts.length; i++) {
      if (done.has(i)) continue;
      const text = texts[i] ?? "";
      const media = i === 0 ? await mediaIds(ctx, post) : [];
      // Reply to the part just before this one, as recorded by this or an earlier attempt.
      const previous = parts.filter((p) => p.index < i).at(-1);
      const body = {
        ...(text.trim() ? { text } : {}),
        ...(previous ? { reply: { in_reply_to_tweet_id: previous.id } } : {}),
        ...(media.length ? { media: { media_ids: media } } : {}),
      };
      const what = texts.length > 1 ? `publishing thread part ${i + 1}` : "publishing the post";
      last = await send(ctx, { path: "/2/tweets", json: body, headers: bearer(ctx) }, classifier(what));
      const id = last.data?.data?.id;
      if (!id) throw new UnknownOutcomeError(`X accepted ${what} but returned no post id; the post may exist`, { httpStatus: last.status });
      const part: PublishedPart = { index: i, id, url: postUrl(ctx, id) };
      await post.onPartPublished(part);
      parts.push(part);
      parts.sort((a, b) => a.index - b.index);
    }
    return result(parts, last);
  },

  /**
   * Reads the account's latest 100 posts and walks the thread: part 1 matches by text (and is not
   * a reply), each next part by text and by replying to the part before. A whole match is the
   * result. A partial match (the lost answer was for part k) records the parts found through
   * `onPartPublished` and returns null: the rest is not there, and a re-send resumes after them.
   */
  async findExisting(ctx, post) {
    const { timeline, res } = await timelineSince(ctx, post.state.first_attempt_at);
    const texts = partsOf(post);
    const parts: PublishedPart[] = [...post.publishedParts].sort((a, b) => a.index - b.index);
    const found: PublishedPart[] = [];
    for (let i = 0; i < texts.length; i++) {
      if (parts.some((p) => p.index === i)) continue;
      const previous = parts.filter((p) => p.index < i).at(-1)?.id ?? null;
      const want = comparable(texts[i] ?? "");
      const hit = timeline.find((t) => comparable(t.text) === want && repliedTo(t) === previous);
      if (!hit) break;
      const part = { index: i, id: hit.id, url: postUrl(ctx, hit.id) };
      found.push(part);
      parts.push(part);
    }
    if (parts.length === texts.length && texts.length > 0) return result(parts, res);
    for (const part of found) await post.onPartPublished(part);
    return null;
  },

  async fetchMetrics(ctx, platformPostId) {
    const res = await send<{ data?: Tweet; errors?: { detail?: string }[] }>(
      ctx,
      { path: `/2/tweets/${encodeURIComponent(platformPostId)}`, query: { "tweet.fields": "public_metrics" }, headers: bearer(ctx) },
      classifier("reading the post's metrics"),
    );
    const m = res.data?.data?.public_metrics;
    // A deleted post is a 200 with only `errors` (resource-not-found).
    if (!m) throw new PermanentError(`X has no post ${platformPostId} any more: ${platformMessage(res.data, res.text)}`, { httpStatus: res.status });
    const n = (k: string) => m[k] ?? 0;
    // URL clicks are a non-public metric (owner only, last 30 days); reach is not exposed at all.
    return {
      likes: n("like_count"),
      shares: n("retweet_count") + n("quote_count"),
      comments: n("reply_count"),
      clicks: 0,
      impressions: n("impression_count"),
      reach: 0,
      raw: m,
    };
  },

  async verifyCredentials(ctx) {
    const res = await send<{ data?: { id?: string; username?: string; name?: string } }>(
      ctx,
      { path: "/2/users/me", headers: bearer(ctx) },
      classifier("checking the connection"),
    );
    const u = res.data?.data;
    if (!u?.id) throw new RetryableError("X did not say which user this token belongs to");
    return { externalId: u.id, name: u.username ? `@${u.username}` : (u.name ?? null), config: { user_id: u.id, username: u.username ?? null } };
  },

  /**
   * `POST /2/oauth2/token` (form) with grant_type=refresh_token and client_id; confidential
   * clients also authenticate with HTTP Basic (client id : client secret). X rotates the refresh
   * token on every use, so the new pair is saved before returning.
   */
  async refreshToken(ctx) {
    const refresh = credential(ctx, "refresh_token", "X refresh token");
    const clientId = setting(ctx, "client_id", "the X app's OAuth 2.0 client id");
    const secret = ctx.credentials.client_secret;
    const headers: Record<string, string> = secret
      ? { authorization: `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString("base64")}` }
      : {};
    let res: HttpResponse<{ access_token?: string; refresh_token?: string; expires_in?: number }>;
    try {
      res = await send(ctx, { path: "/2/oauth2/token", form: { grant_type: "refresh_token", refresh_token: refresh, client_id: clientId }, headers }, (r) => {
        const init = { httpStatus: r.status, responseExcerpt: excerpt(r.text) };
        const said = platformMessage(r.data, r.text);
        if (r.status === 400 || r.status === 401 || r.status === 403) {
          return new AuthError(`X refused to renew the access token (${said}); reconnect the X account`, init);
        }
        if (r.status >= 500 || r.status === 408) return new RetryableError(`X could not renew the access token right now (HTTP ${r.status})`, init);
        return classifier("renewing the access token")(r);
      });
    } catch (err) {
      // Nothing is posted by a refresh: a lost answer is just a failed try.
      if (err instanceof UnknownOutcomeError) throw new RetryableError(`could not reach X to renew the access token: ${err.message}`, { cause: err });
      throw err;
    }
    const access = res.data?.access_token;
    if (!access) throw new RetryableError("X answered the token refresh without an access token", { httpStatus: res.status });
    const credentials = { ...ctx.credentials, access_token: access, refresh_token: res.data?.refresh_token ?? refresh };
    const expiresAt = res.data?.expires_in ? new Date(Date.now() + res.data.expires_in * 1000) : null;
    await ctx.saveCredentials?.(credentials, expiresAt);
    return { credentials, expiresAt };
  },

  oauth: {
    authorizeUrl: "https://x.com/i/oauth2/authorize",
    tokenUrl: "/2/oauth2/token",
    // offline.access yields the refresh token; media.write is needed for the v2 media upload.
    scopes: ["tweet.read", "tweet.write", "users.read", "offline.access", "media.write"],
    scopeSeparator: " ",
    pkce: true,
  },
};

/** The first comment is a reply to the post (adapters/reply-comment.ts). */
adapter.comment = replyComments(adapter);
