/**
 * Instagram Graph API (Business/Creator accounts via Facebook Login, graph.facebook.com).
 * Publishing: `POST /{ig-user-id}/media` (`image_url` | `media_type=REELS` + `video_url`,
 * `caption`) makes a container; `GET /{container}?fields=status_code` until FINISHED;
 * `POST /{ig-user-id}/media_publish` (`creation_id`) answers `{ id }`. Several attachments make a
 * carousel: item containers (`is_carousel_item=true`) then a `media_type=CAROUSEL` container
 * with `children`. Instagram downloads media itself, so every attachment needs a public URL, and
 * a post without media is impossible. No idempotency: the container id is saved before
 * publishing and checked on every retry. Limits: caption 2,200 characters, 30 hashtags,
 * 50 published posts per moving 24 h (`content_publishing_limit`; a carousel counts once).
 */
import type { AdapterContext, PlatformAdapter, PublishMedia, PublishPost } from "../adapter";
import { PermanentError, RetryableError } from "../errors";
import { setting } from "../http";
import { mediaKind } from "../media-rules";
import { pollSettings, savedContainer, waitForContainer, type PollSettings, type StatusFields } from "../meta/containers";
import { graphComments } from "../meta/comments";
import { bestEffort, graph, idOf, listOf, publicUrls, str, type Graph, type Json } from "../meta/graph";
import { markAttempt, matchSince, searchRecent } from "../meta/matching";
import { FACEBOOK_GRAPH_VERSION, exchangeLongLived, facebookOAuth } from "../meta/oauth";
import { descriptor, validate } from "./descriptor";

const NAME = "Instagram";
const STATUS: StatusFields = { field: "status_code", detail: "status" };

const api = (ctx: AdapterContext) => graph(ctx, NAME, FACEBOOK_GRAPH_VERSION);
const userOf = (ctx: AdapterContext) => setting(ctx, "ig_user_id", "the Instagram professional account id");

/** Feed videos are published as Reels (media_type=VIDEO is only for carousel items now). */
function itemParams(m: PublishMedia, url: string, carouselItem: boolean): Record<string, string | boolean> {
  if (mediaKind(m.mimeType) === "video")
    return { media_type: carouselItem ? "VIDEO" : "REELS", video_url: url, ...(carouselItem ? { is_carousel_item: true } : {}) };
  return { image_url: url, ...(m.altText ? { alt_text: m.altText } : {}), ...(carouselItem ? { is_carousel_item: true } : {}) };
}

async function createContainer(g: Graph, user: string, post: PublishPost, urls: string[], poll: PollSettings): Promise<string> {
  const create = async (form: Record<string, string | boolean>, action: string) => idOf((await g.post(`/${user}/media`, form, action)).data, "id", NAME);
  const caption = post.text;
  if (urls.length === 1) return create({ ...itemParams(post.media[0] as PublishMedia, urls[0] as string, false), caption }, "create the post");
  const children: string[] = [];
  for (const [i, url] of urls.entries()) {
    const id = await create(itemParams(post.media[i] as PublishMedia, url, true), `add media ${i + 1} to the carousel`);
    await waitForContainer(g, id, STATUS, poll, `media ${i + 1}`);
    children.push(id);
  }
  return create({ media_type: "CAROUSEL", children: children.join(","), caption }, "create the carousel");
}

async function findMedia(g: Graph, user: string, caption: string, since: number): Promise<{ id: string; url: string | null } | null> {
  const hit = await searchRecent(g, `/${user}/media`, "id,caption,permalink,timestamp", { text: "caption", time: "timestamp" }, caption, since);
  return hit ? { id: String(hit.id), url: str(hit.permalink) } : null;
}

async function published(g: Graph, user: string, post: PublishPost) {
  const found = await findMedia(g, user, post.text, matchSince(post));
  if (found) return { platformPostId: found.id, url: found.url };
  // Never publish a PUBLISHED container again; the media list may lag behind.
  throw new RetryableError("Instagram reports the post as published but does not list it yet; checking again later", { retryAfterMs: 60_000 });
}

function insightValue(item: Json): number {
  const total = (item.total_value as Json | undefined)?.value;
  if (typeof total === "number") return total;
  const v = (Array.isArray(item.values) ? (item.values as Json[]) : []).at(-1)?.value;
  return typeof v === "number" ? v : 0;
}

export const adapter: PlatformAdapter = {
  id: "instagram",
  descriptor,
  validate,
  async publish(ctx, post) {
    if (!post.media.length) {
      throw new PermanentError("Instagram cannot publish a post without an image or video: add media to this post");
    }
    const urls = publicUrls(NAME, post.media);
    const user = userOf(ctx);
    const g = api(ctx);
    const poll = pollSettings(ctx);
    await markAttempt(post);
    let container = post.state.container ?? null;
    if (container) {
      const saved = await savedContainer(g, container, STATUS);
      if (saved.use === "published") return published(g, user, post);
      if (saved.use === "new") container = null;
    }
    if (!container) {
      container = await createContainer(g, user, post, urls, poll);
      await post.saveState({ container });
    }
    if ((await waitForContainer(g, container, STATUS, poll, "the post")) === "PUBLISHED") return published(g, user, post);
    const res = await g.post(`/${user}/media_publish`, { creation_id: container }, "publish the post");
    const id = idOf(res.data, "id", NAME);
    const url = await bestEffort(async () => str((await g.get(`/${id}`, { fields: "permalink" }, "report the link")).permalink), null);
    return { platformPostId: id, url };
  },

  /**
   * The saved container is authoritative: only a PUBLISHED one can have made a post (a
   * container is saved before it is published). Without one, the account's recent media with
   * the same caption since the first attempt.
   */
  async findExisting(ctx, post) {
    const g = api(ctx);
    const user = userOf(ctx);
    const container = post.state.container;
    if (!container) {
      const found = await findMedia(g, user, post.text, matchSince(post));
      return found ? { platformPostId: found.id, url: found.url } : null;
    }
    if ((await savedContainer(g, container, STATUS)).use !== "published") return null;
    return published(g, user, post); // throws when Instagram does not list it yet: cannot tell
  },

  async fetchMetrics(ctx, platformPostId) {
    const g = api(ctx);
    const counts = await g.get(`/${platformPostId}`, { fields: "like_count,comments_count" }, "report likes and comments");
    // `impressions` is gone since Graph v22; `views` replaced it.
    const insights = await g.get(`/${platformPostId}/insights`, { metric: "reach,views,saved,shares" }, "report insights");
    const m = Object.fromEntries(listOf(insights).map((item) => [String(item.name), insightValue(item)]));
    const num = (v: unknown) => (typeof v === "number" ? v : 0);
    return {
      likes: num(counts.like_count),
      comments: num(counts.comments_count),
      shares: m.shares ?? 0,
      clicks: 0,
      impressions: m.views ?? 0,
      reach: m.reach ?? 0,
      raw: { ...counts, insights: listOf(insights) },
    };
  },

  async verifyCredentials(ctx) {
    const me = await api(ctx).get(`/${userOf(ctx)}`, { fields: "id,username,name" }, "show the account");
    return { externalId: str(me.id), name: str(me.username) ?? str(me.name) };
  },

  refreshToken: (ctx) => exchangeLongLived(ctx, NAME),

  oauth: facebookOAuth(["instagram_basic", "instagram_content_publish", "instagram_manage_insights", "pages_show_list", "pages_read_engagement"]),
};

/** The first comment: a comment on the published post (adapters/meta/comments.ts). */
adapter.comment = graphComments({ platform: NAME, api, self: userOf, textField: "text", url: (parentUrl) => parentUrl });
