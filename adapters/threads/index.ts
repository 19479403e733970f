/**
 * Threads (graph.threads.net, Threads API v1.0). Publishing is two calls per post:
 * `POST /{user-id}/threads` makes a container (media_type TEXT | IMAGE | VIDEO | CAROUSEL, `text`,
 * `image_url`/`video_url`, `reply_to_id`) and `POST /{user-id}/threads_publish` (`creation_id`)
 * publishes it and answers `{ id }`. No idempotency key exists, so each part's container id is
 * saved before publishing and a retry asks the container (`status`: PUBLISHED means the part is
 * out — find it instead of publishing again). A thread is a chain: part n+1 replies to part n.
 *
 * Token: the documented `access_token` parameter. Limits: 500 characters (code points) per post;
 * 250 published posts per moving 24 h (replies have their own quota of 1,000), checked by
 * `GET /{user-id}/threads_publishing_limit`. Long-lived tokens (60 days) are refreshed with
 * `GET /refresh_access_token?grant_type=th_refresh_token` (unversioned path).
 */
import type { AdapterContext, PlatformAdapter, PostMetrics, PublishMedia, PublishPost, PublishedPart } from "../adapter";
import { replyComments } from "../reply-comment";
import { RetryableError } from "../errors";
import { credential, send } from "../http";
import { mediaKind } from "../media-rules";
import { pollSettings, savedContainer, waitForContainer, type PollSettings, type StatusFields } from "../meta/containers";
import { classifyGraph } from "../meta/errors";
import { bestEffort, graph, idOf, listOf, publicUrls, str, tokenResult, type Graph, type Json } from "../meta/graph";
import { markAttempt, matchSince, searchRecent } from "../meta/matching";
import { descriptor, validate } from "./descriptor";

const NAME = "Threads";
export const THREADS_VERSION = "v1.0";
const STATUS: StatusFields = { field: "status", detail: "error_message" };

const api = (ctx: AdapterContext) => graph(ctx, NAME, THREADS_VERSION);

/** `config.user_id` (the Threads user id from the connect step), else `me`, which the API resolves. */
function userOf(ctx: AdapterContext): string {
  const v = ctx.config.user_id;
  return typeof v === "string" && v.trim() ? v.trim() : "me";
}

interface Part {
  index: number;
  text: string;
  replyTo: string | null;
  media: PublishMedia[];
}

/** Parts to publish: a native thread when there are several, else the single post. */
const textsOf = (post: PublishPost) => (descriptor.thread.supported && post.parts.length > 1 ? post.parts : [post.text]);

function mediaParams(m: PublishMedia, url: string): Record<string, string> {
  const video = mediaKind(m.mimeType) === "video";
  return { media_type: video ? "VIDEO" : "IMAGE", [video ? "video_url" : "image_url"]: url, ...(m.altText ? { alt_text: m.altText } : {}) };
}

async function createContainer(g: Graph, user: string, part: Part, poll: PollSettings): Promise<string> {
  const common = { text: part.text || undefined, reply_to_id: part.replyTo ?? undefined };
  const create = async (form: Record<string, string | boolean | undefined>, action: string) =>
    idOf((await g.post(`/${user}/threads`, form, action)).data, "id", NAME);
  if (!part.media.length) return create({ media_type: "TEXT", ...common }, "create the post");
  const urls = publicUrls(NAME, part.media);
  if (urls.length === 1) return create({ ...mediaParams(part.media[0] as PublishMedia, urls[0] as string), ...common }, "create the post");
  // Carousel: one item container per attachment (is_carousel_item), then a CAROUSEL container
  // naming them in `children`. Items must finish processing (videos take a while) first.
  const children: string[] = [];
  for (const [i, url] of urls.entries()) {
    const id = await create({ ...mediaParams(part.media[i] as PublishMedia, url), is_carousel_item: true }, `add media ${i + 1} to the carousel`);
    await waitForContainer(g, id, STATUS, poll, `media ${i + 1}`);
    children.push(id);
  }
  return create({ media_type: "CAROUSEL", children: children.join(","), ...common }, "create the carousel");
}

/** The published post for `text` (a reply to `replyTo` for later thread parts), or null. */
async function findPart(g: Graph, user: string, text: string, replyTo: string | null, since: number): Promise<PublishedPart | null> {
  const fields = "id,text,timestamp,permalink" + (replyTo ? ",replied_to" : "");
  const parentOf = (item: Json) => str((item.replied_to as Json | undefined)?.id);
  // Top-level posts are under /threads; a user's replies (our thread parts) under /replies.
  const hit = await searchRecent(
    g,
    `/${user}/${replyTo ? "replies" : "threads"}`,
    fields,
    { text: "text", time: "timestamp" },
    text,
    since,
    (item) => !replyTo || parentOf(item) === replyTo,
  );
  return hit ? { index: -1, id: String(hit.id), url: str(hit.permalink) } : null;
}

const notListed = (label: string) =>
  // Never publish a PUBLISHED container again; the post list may lag behind.
  new RetryableError(`Threads reports ${label} as published but does not list it yet; checking again later`, { retryAfterMs: 60_000 });

async function publishPart(g: Graph, user: string, post: PublishPost, part: Part, poll: PollSettings): Promise<PublishedPart> {
  const key = `container:${part.index}`;
  const label = part.index === 0 ? "the post" : `thread part ${part.index + 1}`;
  let container = post.state[key] ?? null;
  let ready = false;
  if (container) {
    const saved = await savedContainer(g, container, STATUS);
    if (saved.use === "published") {
      const found = await findPart(g, user, part.text, part.replyTo, matchSince(post));
      if (found) return { ...found, index: part.index, extra: { container_id: container } };
      throw notListed(label);
    }
    if (saved.use === "new") container = null;
    else ready = saved.status === "FINISHED";
  }
  if (!container) {
    container = await createContainer(g, user, part, poll);
    await post.saveState({ [key]: container });
    ready = part.media.length === 0; // text containers are ready at once; media is fetched first
  }
  if (!ready && (await waitForContainer(g, container, STATUS, poll, label)) === "PUBLISHED") {
    const found = await findPart(g, user, part.text, part.replyTo, matchSince(post));
    if (found) return { ...found, index: part.index, extra: { container_id: container } };
    throw notListed(label);
  }
  const res = await g.post(`/${user}/threads_publish`, { creation_id: container }, `publish ${label}`);
  const id = idOf(res.data, "id", NAME);
  const url = await bestEffort(async () => str((await g.get(`/${id}`, { fields: "permalink" }, "report the link")).permalink), null);
  return { index: part.index, id, url, extra: { container_id: container } };
}

function metricValue(item: Json): number {
  const total = (item.total_value as Json | undefined)?.value;
  if (typeof total === "number") return total;
  const values = Array.isArray(item.values) ? (item.values as Json[]) : [];
  const v = values.at(-1)?.value;
  return typeof v === "number" ? v : 0;
}

export const adapter: PlatformAdapter = {
  id: "threads",
  descriptor,
  validate,
  async publish(ctx, post) {
    const g = api(ctx);
    const user = userOf(ctx);
    const poll = pollSettings(ctx);
    const texts = textsOf(post);
    if (post.media.length) publicUrls(NAME, post.media); // refuse before any call
    await markAttempt(post);
    const done = new Map(post.publishedParts.map((p) => [p.index, p]));
    const parts: PublishedPart[] = [];
    let parent: string | null = null;
    for (const [index, text] of texts.entries()) {
      let part = done.get(index);
      if (!part) {
        part = await publishPart(g, user, post, { index, text, replyTo: parent, media: index === 0 ? post.media : [] }, poll);
        await post.onPartPublished(part);
      }
      parts.push(part);
      parent = part.id;
    }
    const first = parts[0] as PublishedPart;
    return { platformPostId: first.id, url: first.url ?? null, ...(texts.length > 1 ? { parts } : {}) };
  },

  /**
   * The first part among the account's recent posts (same text, made since the first attempt),
   * then each later part among its replies. A thread found only in part is reported through
   * onPartPublished and answered with null, so the resumed publish continues after it. A part
   * whose saved container is PUBLISHED but which is not listed yet is "cannot tell": it throws.
   */
  async findExisting(ctx, post) {
    const g = api(ctx);
    const user = userOf(ctx);
    const since = matchSince(post);
    const texts = textsOf(post);
    const known = new Map(post.publishedParts.map((p) => [p.index, p]));
    const parts: PublishedPart[] = [];
    for (const [index, text] of texts.entries()) {
      const parent = parts.at(-1)?.id ?? null;
      const found = known.get(index) ?? (await findPart(g, user, text, parent, since));
      if (!found) {
        // Not listed, but its saved container says it went out: cannot tell which post it is.
        const container = post.state[`container:${index}`];
        if (container && (await savedContainer(g, container, STATUS)).use === "published") throw notListed(`part ${index + 1}`);
        break;
      }
      const part = { ...found, index };
      if (!known.has(index)) await post.onPartPublished(part);
      parts.push(part);
    }
    const first = parts[0];
    if (!first || parts.length < texts.length) return null;
    return { platformPostId: first.id, url: first.url ?? null, ...(texts.length > 1 ? { parts } : {}) };
  },

  async fetchMetrics(ctx, platformPostId) {
    const data = await api(ctx).get(`/${platformPostId}/insights`, { metric: "views,likes,replies,reposts,quotes" }, "report insights");
    const m = Object.fromEntries(listOf(data).map((item) => [String(item.name), metricValue(item)]));
    const n = (k: string) => m[k] ?? 0;
    // Threads reports views but no reach or clicks for a post.
    const metrics: PostMetrics = {
      likes: n("likes"),
      shares: n("reposts") + n("quotes"),
      comments: n("replies"),
      clicks: 0,
      impressions: n("views"),
      reach: 0,
      raw: data,
    };
    return metrics;
  },

  async verifyCredentials(ctx) {
    const me = await api(ctx).get(`/${userOf(ctx)}`, { fields: "id,username,name" }, "show the profile");
    const id = str(me.id);
    return { externalId: id, name: str(me.username) ?? str(me.name), config: id ? { user_id: id } : undefined };
  },

  async refreshToken(ctx) {
    // Unversioned: https://graph.threads.net/refresh_access_token (strip a version from the base).
    const base = { ...ctx, baseUrl: ctx.baseUrl.replace(/\/v\d+(\.\d+)?\/*$/, "") };
    const token = credential(ctx, "access_token", "Threads access token");
    const res = await send(base, { method: "GET", path: "/refresh_access_token", query: { grant_type: "th_refresh_token", access_token: token } }, (r, w) =>
      classifyGraph(NAME, "refresh the access token", r, w),
    );
    return tokenResult(ctx, NAME, res.data);
  },

  // Threads Login: authorization code without PKCE; the code is exchanged at
  // POST graph.threads.net/oauth/access_token, then for a 60-day token via
  // GET /access_token?grant_type=th_exchange_token.
  oauth: {
    authorizeUrl: "https://threads.net/oauth/authorize",
    tokenUrl: "/oauth/access_token",
    scopes: ["threads_basic", "threads_content_publish", "threads_manage_insights", "threads_read_replies"],
    scopeSeparator: ",",
    pkce: false,
  },
};

/** The first comment is a reply to the post (adapters/reply-comment.ts). */
adapter.comment = replyComments(adapter);
