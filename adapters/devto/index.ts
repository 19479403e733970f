/**
 * Dev.to (Forem API v1): one `POST /api/articles` per post; no threads (the engine joins a
 * thread's parts into `post.text`), no upload API (the one image becomes `main_image`, the cover,
 * by public URL), the post's link is sent as `canonical_url`.
 *
 * Every call carries `api-key` and `Accept: application/vnd.forem.api-v1+json` (Forem: V1
 * "requires clients to use an accept header"; without it Forem falls back to the deprecated V0).
 *
 * No idempotency key exists, but Forem's Article model refuses a second article with the same
 * title and body_markdown for the same user ("Body markdown has already been taken"), and a
 * second published article with the same canonical_url. A re-send after an unknown outcome
 * therefore cannot create a copy; `publish` treats that refusal as "already there" and returns
 * the earlier article found by `findExisting`.
 */
import type { AdapterContext, PlatformAdapter, PostMetrics, PublishPost, PublishResult } from "../adapter";
import { AuthError, PermanentError, RateLimitedError, parseRetryAfter, type AdapterError } from "../errors";
import { classifyStatus, credential, excerpt, platformMessage, send, type HttpResponse } from "../http";
import { descriptor, validate } from "./descriptor";

export const FOREM_ACCEPT = "application/vnd.forem.api-v1+json";
/** `/api/articles/me/all` pages read when looking for an article (Forem allows up to 1,000 a page). */
const PER_PAGE = 100;
const MAX_PAGES = 10;

export interface DevtoArticle {
  id: number;
  title?: string;
  url?: string;
  body_markdown?: string;
  canonical_url?: string | null;
  published?: boolean;
  public_reactions_count?: number;
  comments_count?: number;
  page_views_count?: number;
}

function headers(ctx: AdapterContext): Record<string, string> {
  // Lower-case `accept` replaces send()'s default instead of adding a second value.
  return { "api-key": credential(ctx, "api_key", "Dev.to API key"), accept: FOREM_ACCEPT };
}

/** Dev.to's answers in a social-media manager's words. */
function classify(res: HttpResponse, write: boolean): AdapterError {
  const said = platformMessage(res.data, res.text);
  const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  if (res.status === 401) return new AuthError(`Dev.to refused the API key (${said}); create a new key under Settings → Extensions and reconnect`, init);
  if (res.status === 429) {
    const retryAfterMs = parseRetryAfter(res.headers.get("retry-after"));
    return new RateLimitedError(`Dev.to's rate limit was reached (${said}); it allows 10 new articles per 30 seconds`, { ...init, retryAfterMs });
  }
  if (res.status === 406) return new PermanentError(`Dev.to did not accept the API version header (${said})`, init);
  if (res.status === 422) return new PermanentError(`Dev.to refused the article: ${said}`, init);
  if (res.status === 403) return new PermanentError(`Dev.to does not allow this account to publish: ${said}`, init);
  return classifyStatus(res, write);
}

export function articleOf(post: PublishPost): Record<string, unknown> {
  if (post.media.length > 1) throw new PermanentError(`Dev.to takes one cover image per article; this post has ${post.media.length}`);
  const cover = post.media[0];
  if (cover && !cover.url) {
    throw new PermanentError("Dev.to takes the cover image by public URL and this image has none; set a public media URL or remove the image");
  }
  const canonical = post.canonicalUrl ?? post.link;
  return {
    title: post.title.trim(),
    body_markdown: post.text,
    published: true,
    // Forem lower-cases tags itself; sending them lower-case keeps findExisting comparisons plain.
    tags: post.tags.map((t) => t.toLowerCase()),
    ...(canonical ? { canonical_url: canonical } : {}),
    ...(cover?.url ? { main_image: cover.url } : {}),
  };
}

/** Own articles, newest first, page by page until `stop` says so or the pages run out. */
async function scanArticles(ctx: AdapterContext, stop: (a: DevtoArticle) => boolean): Promise<DevtoArticle | null> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const res = await send<DevtoArticle[]>(ctx, { path: "/api/articles/me/all", query: { page, per_page: PER_PAGE }, headers: headers(ctx) }, classify);
    const list = Array.isArray(res.data) ? res.data : [];
    const hit = list.find(stop);
    if (hit) return hit;
    if (list.length < PER_PAGE) return null;
  }
  return null;
}

const norm = (s: string | null | undefined) => (s ?? "").replace(/\r\n/g, "\n").trim();

function resultOf(a: DevtoArticle, status?: number, text?: string): PublishResult {
  return { platformPostId: String(a.id), url: a.url ?? null, httpStatus: status ?? null, responseExcerpt: text === undefined ? null : excerpt(text) };
}

export const adapter: PlatformAdapter = {
  id: "devto",
  descriptor,
  validate,

  async publish(ctx, post) {
    const article = articleOf(post);
    try {
      const res = await send<DevtoArticle>(ctx, { method: "POST", path: "/api/articles", json: { article }, headers: headers(ctx) }, classify);
      if (!res.data || typeof res.data.id !== "number")
        throw new PermanentError("Dev.to answered without an article id", { httpStatus: res.status, responseExcerpt: excerpt(res.text) });
      return resultOf(res.data, res.status, res.text);
    } catch (err) {
      // The uniqueness refusals mean an article like this one exists already: most likely an
      // earlier attempt whose answer was lost. Hand that one back instead of failing.
      const e = err as AdapterError;
      if (e.kind === "permanent" && e.httpStatus === 422 && /has already been taken/i.test(e.message)) {
        const found = await adapter.findExisting(ctx, post);
        if (found) return found;
        if (/canonical/i.test(e.message)) {
          throw new PermanentError(
            `another Dev.to article already uses the canonical URL ${String(article.canonical_url)}; remove the link or use another one`,
            { httpStatus: 422 },
          );
        }
      }
      throw err;
    }
  },

  /**
   * Own articles (`/api/articles/me/all`, drafts included) with the same title and body, and the
   * same canonical URL when one was sent. Reads up to 1,000 articles; Forem shows newest first.
   */
  async findExisting(ctx, post) {
    const title = norm(post.title);
    const body = norm(post.text);
    const canonical = post.canonicalUrl ?? post.link ?? null;
    const hit = await scanArticles(
      ctx,
      (a) =>
        norm(a.title) === title && (a.body_markdown === undefined || norm(a.body_markdown) === body) && (canonical === null || a.canonical_url === canonical),
    );
    return hit ? resultOf(hit) : null;
  },

  /** Forem reports reactions, comments and page views on the author's own article list. */
  async fetchMetrics(ctx, platformPostId): Promise<PostMetrics> {
    const id = Number(platformPostId);
    const a = await scanArticles(ctx, (x) => x.id === id);
    if (!a) throw new PermanentError(`Dev.to article ${platformPostId} is not among this account's articles (deleted?)`);
    return {
      likes: a.public_reactions_count ?? 0,
      shares: 0,
      comments: a.comments_count ?? 0,
      clicks: 0,
      impressions: a.page_views_count ?? 0,
      reach: 0,
      raw: { public_reactions_count: a.public_reactions_count, comments_count: a.comments_count, page_views_count: a.page_views_count },
    };
  },

  async verifyCredentials(ctx) {
    const res = await send<{ id?: number; username?: string; name?: string }>(ctx, { path: "/api/users/me", headers: headers(ctx) }, classify);
    const u = res.data ?? {};
    return {
      externalId: u.id === undefined ? null : String(u.id),
      name: u.username ?? u.name ?? null,
      config: u.username ? { username: u.username } : undefined,
    };
  },
};
