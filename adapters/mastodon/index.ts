/**
 * Mastodon (docs.joinmastodon.org). The instance is `ctx.baseUrl`; the user token is
 * `credentials.access_token` (OAuth 2, scopes below; Mastodon tokens do not expire, so there is
 * no refreshToken).
 *
 * Idempotency: `POST /api/v1/statuses` honours an `Idempotency-Key` header for one hour per
 * account (Mastodon stores the created status id under the key in Redis for 3,600 s and returns
 * that same status for a repeat). We send the post's idempotency key (thread part i > 0:
 * `<key>#<i>`), so re-sending after an unknown outcome inside the window *is* the lookup.
 * `findExisting` therefore only searches when the first send is older than 55 minutes (a
 * margin under the hour for queueing and clock skew): then it matches the account's recent
 * statuses by text (HTML stripped), reply parent and creation time.
 *
 * Limits: per-server `max_characters` (from `/api/v2/instance`, remembered by verifyCredentials
 * as `config.max_characters`; URLs count 23). A thread is checked with `validate()` against that
 * limit before its first part goes out, so an over-long later part cannot leave half a thread.
 * Single posts are left to the server to judge (422 → PermanentError with Mastodon's words).
 *
 * Media: `POST /api/v2/media` (multipart `file` + `description`); 202 means still processing, so
 * we poll `GET /api/v1/media/:id` (206 while processing) every `config.media_poll_interval_ms`
 * (default 1 s) up to `config.media_poll_timeout_ms` (default 2 min). The ids are checkpointed
 * in `state.media_ids` so a retry does not upload again (unattached media lives about a day on
 * Mastodon; we reuse it for 12 hours).
 */
import type { AdapterContext, PlatformAdapter, PublishMedia, PublishPost, PublishedPart } from "../adapter";
import { replyComments } from "../reply-comment";
import { AdapterError, AuthError, PermanentError, RateLimitedError, RetryableError, UnknownOutcomeError, parseRetryAfter } from "../errors";
import { credential, excerpt, send, type HttpRequest, type HttpResponse } from "../http";
import { descriptor, validate } from "./descriptor";
import { threadResult } from "../thread";

/** The key is honoured 60 minutes; past 55 we stop relying on it. */
export const KEY_TRUST_MS = 55 * 60_000;
const MEDIA_REUSE_MS = 12 * 3600_000;

interface Status {
  id: string;
  url: string | null;
  content: string;
  in_reply_to_id: string | null;
  created_at: string;
  favourites_count?: number;
  reblogs_count?: number;
  replies_count?: number;
  account?: { followers_count?: number };
}
interface Attachment {
  id: string;
  url: string | null;
}
interface Account {
  id: string;
  acct: string;
}
interface Instance {
  domain?: string;
  configuration?: { statuses?: { max_characters?: number } };
}

const ERRORS = { retryable: RetryableError, rate_limited: RateLimitedError, auth: AuthError, permanent: PermanentError, unknown_outcome: UnknownOutcomeError };

/** Mastodon's own words: its errors are `{ "error": "…" }`. */
function said(res: HttpResponse): string {
  const e = (res.data as { error?: unknown } | null)?.error;
  return typeof e === "string" && e.trim() ? e.trim() : res.text.trim().slice(0, 200) || `HTTP ${res.status}`;
}

/** Mastodon's 429 carries `X-RateLimit-Reset` (ISO 8601 time); Retry-After only from proxies. */
export function resetDelay(headers: Headers, now = Date.now()): number | null {
  const at = Date.parse(headers.get("x-ratelimit-reset") ?? "");
  return Number.isNaN(at) ? parseRetryAfter(headers.get("retry-after"), now) : Math.max(0, at - now);
}

function classify(res: HttpResponse, write: boolean): AdapterError {
  const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  const why = said(res);
  const s = res.status;
  if (s === 429)
    return new RateLimitedError(`Mastodon is rate limiting this account (${why}); posting resumes when the limit resets`, {
      ...init,
      retryAfterMs: resetDelay(res.headers),
    });
  if (s === 401) return new AuthError(`Mastodon refused the access token (${why}); reconnect the account`, init);
  // 403: the token lacks a scope, or the login is disabled/suspended: the account needs attention.
  if (s === 403) return new AuthError(`Mastodon does not allow this (${why}); reconnect the account with posting permission`, init);
  if (s === 404 || s === 422) return new PermanentError(`Mastodon refused the post: ${why}`, init);
  if (write && (s === 504 || s === 408)) return new UnknownOutcomeError(`Mastodon timed out (HTTP ${s}); the post may have been published`, init);
  if (s >= 500 || s === 408) {
    return new RetryableError(`Mastodon had a server problem (HTTP ${s}: ${why}); will try again`, {
      ...init,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
    });
  }
  return new PermanentError(`Mastodon refused the request (HTTP ${s}): ${why}`, init);
}

/** Every call: bearer token, Mastodon's error mapping, transport errors named after Mastodon. */
async function api<T>(ctx: AdapterContext, req: HttpRequest): Promise<HttpResponse<T>> {
  const token = credential(ctx, "access_token", "Mastodon access token");
  try {
    return await send<T>(ctx, { ...req, headers: { authorization: `Bearer ${token}`, ...req.headers } }, classify);
  } catch (err) {
    if (!(err instanceof AdapterError) || err.httpStatus !== null) throw err;
    throw new ERRORS[err.kind](err.message.replace(/the platform/g, "Mastodon"), { cause: err.cause ?? err, retryAfterMs: err.retryAfterMs });
  }
}

export function maxCharacters(ctx: Pick<AdapterContext, "config">): number {
  const n = Number(ctx.config.max_characters);
  return Number.isInteger(n) && n > 0 ? n : 500;
}

/** Part 0 carries the post's own key; later parts a stable key of their own. */
export const partKey = (key: string, index: number): string => (index === 0 ? key : `${key}#${index}`);

const textsOf = (post: PublishPost): string[] => (post.parts.length > 1 ? post.parts : [post.text]);

/** Mastodon's `content` HTML back to the text that was posted (links keep their hidden parts). */
export function htmlToText(html: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };
  return html
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]*>/g, "")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== "#") return named[e.toLowerCase()] ?? m;
      const cp = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return Number.isFinite(cp) ? String.fromCodePoint(cp) : m;
    });
}

const sameText = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

async function uploadOne(ctx: AdapterContext, m: PublishMedia, index: number): Promise<HttpResponse<Attachment>> {
  const form = new FormData();
  const ext = m.mimeType.split("/")[1]?.replace(/[^a-z0-9]/gi, "") || "bin";
  form.append("file", new Blob([new Uint8Array(await m.read())], { type: m.mimeType }), `media-${index + 1}.${ext}`);
  if (m.altText) form.append("description", m.altText);
  const encoded = new Response(form);
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = { "content-type": encoded.headers.get("content-type") ?? "multipart/form-data" };
  try {
    return await api<Attachment>(ctx, { method: "POST", path: "/api/v2/media", body, headers, timeoutMs: Math.max(ctx.timeoutMs, 60_000) });
  } catch (err) {
    // A lost upload answer leaves at most an unattached file, never a post.
    if (err instanceof UnknownOutcomeError)
      throw new RetryableError(`the upload of attachment ${index + 1} to Mastodon was interrupted; nothing was posted`, { cause: err });
    throw err;
  }
}

async function waitProcessed(ctx: AdapterContext, id: string): Promise<void> {
  const every = Number(ctx.config.media_poll_interval_ms ?? 1000);
  const deadline = Date.now() + Number(ctx.config.media_poll_timeout_ms ?? 120_000);
  for (;;) {
    const res = await api<Attachment>(ctx, { path: `/api/v1/media/${encodeURIComponent(id)}` });
    if (res.status === 200 && res.data?.url) return;
    if (Date.now() + every > deadline) throw new RetryableError("Mastodon is still processing the attachment; will try again later");
    await new Promise((r) => setTimeout(r, every));
  }
}

/** Uploads (or reuses the checkpointed) attachments for the first part; returns their ids. */
async function mediaIds(ctx: AdapterContext, post: PublishPost): Promise<string[]> {
  if (post.media.length === 0) return [];
  const saved = (post.state.media_ids ?? "").split(",").filter(Boolean);
  const pending: string[] = [];
  let ids = saved;
  if (saved.length !== post.media.length || !(Number(post.state.media_uploaded_at) > Date.now() - MEDIA_REUSE_MS)) {
    ids = [];
    for (const [i, m] of post.media.entries()) {
      const res = await uploadOne(ctx, m, i);
      if (typeof res.data?.id !== "string") throw new RetryableError("Mastodon accepted an attachment but sent no id; will try again");
      ids.push(res.data.id);
      if (res.status !== 200 || !res.data.url) pending.push(res.data.id);
    }
    await post.saveState({ media_ids: ids.join(","), media_uploaded_at: String(Date.now()) });
  } else {
    pending.push(...ids);
  }
  for (const id of pending) await waitProcessed(ctx, id);
  return ids;
}

function checkThread(ctx: AdapterContext, post: PublishPost, texts: string[]): void {
  if (texts.length < 2 || post.publishedParts.length > 0) return;
  const draft = {
    contentType: "thread" as const,
    title: post.title,
    text: post.text,
    parts: texts,
    tags: post.tags,
    link: post.link,
    media: post.media.map((m) => ({ mimeType: m.mimeType, sizeBytes: m.sizeBytes, altText: m.altText })),
  };
  const errors = validate(draft, maxCharacters(ctx)).filter((i) => i.severity === "error");
  if (errors.length) throw new PermanentError(`${errors.map((e) => e.message).join("; ")}. Nothing was posted, so no half thread is left on Mastodon.`);
}

export const adapter: PlatformAdapter = {
  id: "mastodon",
  descriptor,
  validate: (draft) => validate(draft),
  oauth: {
    // Relative to the instance. Each instance needs its own client (POST /api/v1/apps); PKCE since 4.3.
    authorizeUrl: "/oauth/authorize",
    tokenUrl: "/oauth/token",
    scopes: ["read:accounts", "read:statuses", "write:statuses", "write:media"],
    scopeSeparator: " ",
    pkce: true,
    async registerClient(ctx, req) {
      const res = await send<{ client_id?: string; client_secret?: string }>(ctx, {
        method: "POST",
        path: "/api/v1/apps",
        form: { client_name: "Content Scheduler", redirect_uris: req.redirectUri, scopes: req.scopes.join(" "), website: req.website },
      });
      if (!res.data?.client_id || !res.data.client_secret) throw new PermanentError("the server answered without a client id");
      return { clientId: res.data.client_id, clientSecret: res.data.client_secret };
    },
  },

  async publish(ctx, post) {
    const texts = textsOf(post);
    checkThread(ctx, post, texts);
    const visibility = typeof ctx.config.visibility === "string" && ctx.config.visibility ? ctx.config.visibility : "public";
    const language = typeof ctx.config.language === "string" && ctx.config.language ? ctx.config.language : undefined;
    const done = new Map(post.publishedParts.map((p) => [p.index, p]));
    const media = done.has(0) ? [] : await mediaIds(ctx, post);
    // When the key was first used: findExisting trusts the key only within its window.
    if (!post.state.sent_at) await post.saveState({ sent_at: String(Date.now()) });
    let last: HttpResponse<Status> | null = null;
    for (const [i, status] of texts.entries()) {
      if (done.has(i)) continue;
      const res = await api<Status>(ctx, {
        method: "POST",
        path: "/api/v1/statuses",
        headers: { "idempotency-key": partKey(post.idempotencyKey, i) },
        json: { status, visibility, language, in_reply_to_id: done.get(i - 1)?.id, media_ids: i === 0 && media.length ? media : undefined },
      });
      if (typeof res.data?.id !== "string")
        throw new UnknownOutcomeError("Mastodon answered without a status id; the post may exist", {
          httpStatus: res.status,
          responseExcerpt: excerpt(res.text),
        });
      const part: PublishedPart = { index: i, id: res.data.id, url: res.data.url ?? null };
      done.set(i, part);
      await post.onPartPublished(part);
      last = res;
    }
    return threadResult(texts.length, done, last);
  },

  async findExisting(ctx, post) {
    const sentAt = Number(post.state.sent_at);
    // Never sent: nothing to find. Sent within the key window: re-sending returns the same status.
    if (!sentAt || Date.now() - sentAt < KEY_TRUST_MS) return null;
    const me = await api<Account>(ctx, { path: "/api/v1/accounts/verify_credentials" });
    const recent = await api<Status[]>(ctx, { path: `/api/v1/accounts/${encodeURIComponent(me.data.id)}/statuses`, query: { limit: 40 } });
    const statuses = Array.isArray(recent.data) ? recent.data : [];
    const texts = textsOf(post);
    const done = new Map(post.publishedParts.map((p) => [p.index, p]));
    for (const [i, text] of texts.entries()) {
      if (done.has(i)) continue;
      const parentId = i === 0 ? null : (done.get(i - 1)?.id ?? null);
      // Created after the first send (minus clock skew), so a recurring post's earlier copy never matches.
      const match = statuses.find(
        (s) => (s.in_reply_to_id ?? null) === parentId && Date.parse(s.created_at) >= sentAt - 5 * 60_000 && sameText(htmlToText(s.content ?? ""), text),
      );
      // Parts found so far are recorded, so the re-send resumes after them instead of repeating them.
      if (!match) return null;
      const part: PublishedPart = { index: i, id: match.id, url: match.url ?? null };
      done.set(i, part);
      post.publishedParts.push(part);
      await post.onPartPublished(part);
    }
    const parts = texts.map((_, i) => done.get(i) as PublishedPart);
    const first = parts[0] as PublishedPart;
    return { platformPostId: first.id, url: first.url ?? null, parts: texts.length > 1 ? parts : undefined };
  },

  async fetchMetrics(ctx, platformPostId) {
    let res: HttpResponse<Status>;
    try {
      res = await api<Status>(ctx, { path: `/api/v1/statuses/${encodeURIComponent(platformPostId)}` });
    } catch (err) {
      if (err instanceof AdapterError && err.httpStatus === 404)
        throw new PermanentError("the post is no longer on Mastodon (deleted or hidden)", { httpStatus: 404, cause: err });
      throw err;
    }
    const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    const d = res.data;
    return {
      likes: n(d.favourites_count),
      shares: n(d.reblogs_count),
      comments: n(d.replies_count),
      // Mastodon does not count clicks, impressions or reach; the author's followers stand in.
      clicks: 0,
      impressions: 0,
      reach: 0,
      followers: n(d.account?.followers_count),
      raw: { favourites_count: d.favourites_count, reblogs_count: d.reblogs_count, replies_count: d.replies_count },
    };
  },

  async verifyCredentials(ctx) {
    const me = await api<Account>(ctx, { path: "/api/v1/accounts/verify_credentials" });
    let instance: Instance | null = null;
    try {
      instance = (await api<Instance>(ctx, { path: "/api/v2/instance" })).data;
    } catch (err) {
      // Servers older than 4.0 have no v2 instance endpoint: keep Mastodon's default of 500.
      if (!(err instanceof AdapterError) || err.httpStatus !== 404) throw err;
    }
    const max = instance?.configuration?.statuses?.max_characters;
    const domain = instance?.domain ?? new URL(ctx.baseUrl).host;
    return {
      externalId: String(me.data.id),
      name: `@${me.data.acct}@${domain}`,
      config: { max_characters: typeof max === "number" && max > 0 ? max : 500 },
    };
  },
};

/** The first comment is a reply to the post (adapters/reply-comment.ts). */
adapter.comment = replyComments(adapter);
