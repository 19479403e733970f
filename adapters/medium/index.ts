/**
 * Medium: `POST /v1/users/{authorId}/posts` with an integration token (Bearer). Medium froze the
 * API: existing tokens still work, new ones are no longer issued. No threads (the engine joins a
 * thread's parts into `post.text`), no upload here: Medium fetches images from URLs in the
 * content, so each attachment is embedded by its public URL.
 *
 * - authorId: `config.author_id` when the account has it (verifyCredentials stores it), else
 *   `GET /v1/me`.
 * - Medium does not show the API title in the story body (its docs' example repeats it as an
 *   `<h1>`), so the content starts with the title as a heading.
 * - Body format: `config.content_format` "html" or "markdown" (default markdown).
 * - Tags are sent as given; Medium uses the first three and ignores any over 25 characters
 *   (validate() warns). The link goes out as `canonicalUrl`.
 *
 * No idempotency and no API to list a user's stories. After an unknown outcome `findExisting`
 * reads the public RSS feed, `{config.feed_base_url ?? https://medium.com}/feed/@{username}`, and
 * matches the title. If the feed cannot be read it throws UnknownOutcomeError asking the user to
 * look on Medium by hand: never a blind re-send. Limits of this check: the feed holds the 10
 * newest public stories and may lag behind a fresh story by a few minutes.
 */
import type { AdapterContext, PlatformAdapter, PublishPost, PublishResult } from "../adapter";
import { AuthError, PermanentError, RateLimitedError, UnknownOutcomeError, isAdapterError, parseRetryAfter, type AdapterError } from "../errors";
import { classifyStatus, credential, excerpt, platformMessage, send, type HttpResponse } from "../http";
import { descriptor, validate } from "./descriptor";
import { parseFeed } from "./rss";

const DEFAULT_FEED_BASE = "https://medium.com";
/** Medium: "Titles longer than 100 characters will be ignored" (it makes one from the content). */
const TITLE_MAX = 100;

interface MediumMe {
  id: string;
  username: string;
  name?: string;
  url?: string;
}

interface MediumPostData {
  id?: string;
  url?: string;
}

function headers(ctx: AdapterContext): Record<string, string> {
  return { authorization: `Bearer ${credential(ctx, "integration_token", "Medium integration token")}`, "accept-charset": "utf-8" };
}

function classify(res: HttpResponse, write: boolean): AdapterError {
  const said = platformMessage(res.data, res.text);
  const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  const code = (res.data as { errors?: { code?: unknown }[] } | null)?.errors?.[0]?.code;
  const platformCode = code === undefined ? null : String(code);
  if (res.status === 401) {
    return new AuthError(`Medium refused the integration token (${said}); it may have been revoked. Medium no longer issues new tokens`, {
      ...init,
      platformCode,
    });
  }
  if (res.status === 403) {
    return new PermanentError(`Medium does not let this token publish as this author (${said}); reconnect the account so its author id is read again`, {
      ...init,
      platformCode,
    });
  }
  if (res.status === 429) {
    return new RateLimitedError(`Medium's publishing limit was reached (${said})`, {
      ...init,
      platformCode,
      retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
    });
  }
  if (res.status === 400) return new PermanentError(`Medium refused the post: ${said}`, { ...init, platformCode });
  return classifyStatus(res, write);
}

async function me(ctx: AdapterContext): Promise<MediumMe> {
  const res = await send<{ data?: Partial<MediumMe> }>(ctx, { path: "/v1/me", headers: headers(ctx) }, classify);
  const d = res.data?.data;
  if (!d?.id || !d.username)
    throw new PermanentError("Medium answered /v1/me without the user's id", { httpStatus: res.status, responseExcerpt: excerpt(res.text) });
  return { id: d.id, username: d.username, name: d.name, url: d.url };
}

const configString = (ctx: AdapterContext, key: string) =>
  typeof ctx.config[key] === "string" && (ctx.config[key] as string).trim() ? (ctx.config[key] as string).trim() : null;

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function contentOf(post: PublishPost, format: "html" | "markdown"): string {
  const missing = post.media.findIndex((m) => !m.url);
  if (missing >= 0) throw new PermanentError(`Medium fetches images from public URLs and media ${missing + 1} has none; set a public media URL or remove it`);
  const title = post.title.trim();
  if (format === "html") {
    const images = post.media.map((m) => `<figure><img src="${escapeHtml(m.url as string)}" alt="${escapeHtml(m.altText ?? "")}"></figure>`);
    return [title ? `<h1>${escapeHtml(title)}</h1>` : "", post.text, ...images].filter(Boolean).join("\n");
  }
  const images = post.media.map((m) => `![${(m.altText ?? "").replace(/[[\]]/g, "")}](${m.url as string})`);
  return [title ? `# ${title}` : "", post.text, ...images].filter(Boolean).join("\n\n");
}

export const adapter: PlatformAdapter = {
  id: "medium",
  descriptor,
  validate,

  async publish(ctx, post) {
    const format = configString(ctx, "content_format") === "html" ? "html" : "markdown";
    const content = contentOf(post, format);
    const authorId = configString(ctx, "author_id") ?? (await me(ctx)).id;
    const canonicalUrl = post.canonicalUrl ?? post.link;
    const body = {
      title: post.title.trim(),
      contentFormat: format,
      content,
      tags: post.tags,
      ...(canonicalUrl ? { canonicalUrl } : {}),
      publishStatus: "public",
    };
    const res = await send<{ data?: MediumPostData }>(
      ctx,
      { method: "POST", path: `/v1/users/${encodeURIComponent(authorId)}/posts`, json: body, headers: headers(ctx) },
      classify,
    );
    const d = res.data?.data;
    if (!d?.id) throw new PermanentError("Medium answered without a post id", { httpStatus: res.status, responseExcerpt: excerpt(res.text) });
    return { platformPostId: d.id, url: d.url ?? null, httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  },

  async findExisting(ctx, post): Promise<PublishResult | null> {
    const title = post.title.trim();
    const username = configString(ctx, "username") ?? (await me(ctx)).username;
    const feedUrl = `${(configString(ctx, "feed_base_url") ?? DEFAULT_FEED_BASE).replace(/\/+$/, "")}/feed/@${encodeURIComponent(username)}`;
    const byHand = `check ${feedUrl.replace("/feed/", "/")} by hand for "${title}" before publishing again`;
    if (title.length > TITLE_MAX) {
      // Medium ignored such a title and made its own, so the feed cannot be matched on it.
      throw new UnknownOutcomeError(`Medium may have published this story, but its title is over ${TITLE_MAX} characters so Medium replaced it; ${byHand}`);
    }
    let xml: string;
    try {
      xml = (await send(ctx, { path: feedUrl, headers: { accept: "application/rss+xml, application/xml, text/xml" } })).text;
    } catch (err) {
      const why = isAdapterError(err) ? err.message : String(err);
      throw new UnknownOutcomeError(`Medium's API cannot list stories and its RSS feed could not be read (${why}); ${byHand}`, { cause: err });
    }
    const items = parseFeed(xml);
    if (!items) throw new UnknownOutcomeError(`Medium's RSS feed at ${feedUrl} did not look like a feed; ${byHand}`, { responseExcerpt: excerpt(xml) });
    const hit = items.find((i) => i.title.trim() === title && i.id);
    return hit ? { platformPostId: hit.id as string, url: hit.link || null } : null;
  },

  // Medium's API exposes no statistics at all (claps, reads and responses are only on the
  // website), so there is nothing to fetch: zeros, and never an error.
  async fetchMetrics() {
    return { likes: 0, shares: 0, comments: 0, clicks: 0, impressions: 0, reach: 0, raw: { note: "Medium's API has no statistics endpoint" } };
  },

  async verifyCredentials(ctx) {
    const u = await me(ctx);
    return { externalId: u.id, name: u.username, config: { author_id: u.id, username: u.username } };
  },
};
