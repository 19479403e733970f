/**
 * Facebook Pages (Graph API, graph.facebook.com) with a Page access token
 * (`pages_manage_posts`). Text and link posts: `POST /{page-id}/feed` (`message`, `link`) →
 * `{ id }` ("<page>_<post>"). One photo: `POST /{page-id}/photos` (`url`, or the bytes as
 * multipart `source` when the app has no public URL; `caption`) → `{ id, post_id }`. Several
 * photos: each uploaded with `published=false`, then one feed post with `attached_media[i]`.
 * A video: `POST /{page-id}/videos` (`file_url`, `description`).
 *
 * No idempotency key exists; after an unknown outcome the Page feed is searched for the same
 * message since the first attempt. Throttling comes as Graph codes 4/17/32/613/80001 with the
 * wait in `x-business-use-case-usage` (estimated_time_to_regain_access, minutes).
 *
 * No refreshToken: a Page token obtained from a long-lived user token does not expire (Meta,
 * "Long-lived access tokens"); when it is revoked the account must be reconnected.
 */
import type { AdapterContext, PlatformAdapter, PostMetrics, PublishMedia, PublishPost } from "../adapter";
import { PermanentError, isAdapterError } from "../errors";
import { setting, type HttpResponse } from "../http";
import { mediaKind } from "../media-rules";
import { graphComments } from "../meta/comments";
import { bestEffort, graph, idOf, listOf, str, type Graph, type Json } from "../meta/graph";
import { markAttempt, matchSince, searchRecent } from "../meta/matching";
import { FACEBOOK_GRAPH_VERSION, facebookOAuth } from "../meta/oauth";
import { descriptor, validate } from "./descriptor";

const NAME = "Facebook";

const api = (ctx: AdapterContext) => graph(ctx, NAME, FACEBOOK_GRAPH_VERSION);
const pageOf = (ctx: AdapterContext) => setting(ctx, "page_id", "the Facebook Page id");

/** With photos attached a link cannot be a preview card, so it goes at the end of the message. */
function messageOf(post: PublishPost): string {
  if (!post.media.length || !post.link || post.text.includes(post.link)) return post.text;
  return post.text ? `${post.text}\n\n${post.link}` : post.link;
}

const EXT: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/gif": "gif",
  "image/webp": "webp",
  "image/tiff": "tiff",
  "image/heif": "heif",
};

async function uploadPhoto(g: Graph, page: string, m: PublishMedia, extra: Record<string, string | boolean>, action: string): Promise<HttpResponse<Json>> {
  const fields = { ...extra, ...(m.altText ? { alt_text_custom: m.altText } : {}) };
  if (m.url) return g.post(`/${page}/photos`, { url: m.url, ...fields }, action);
  const file = await m.read();
  const text = Object.entries(fields).map(([name, v]) => ({ name, value: String(v) }));
  return g.upload(`/${page}/photos`, [...text, { name: "source", file, filename: `photo.${EXT[m.mimeType] ?? "jpg"}`, contentType: m.mimeType }], action);
}

async function publishMedia(g: Graph, page: string, post: PublishPost, message: string): Promise<string> {
  const media = post.media;
  if (media.some((m) => mediaKind(m.mimeType) === "video")) {
    const [video] = media;
    if (media.length > 1 || !video) throw new PermanentError("Facebook takes one video per post, without other media");
    if (!video.url) throw new PermanentError("Facebook video posts need the video at a public URL; set the app's public URL (or a public media storage)");
    return idOf((await g.post(`/${page}/videos`, { file_url: video.url, description: message }, "publish the video")).data, "id", NAME);
  }
  if (media.length === 1) {
    const res = await uploadPhoto(g, page, media[0] as PublishMedia, { caption: message, published: true }, "publish the photo");
    return str(res.data.post_id) ?? idOf(res.data, "id", NAME);
  }
  // Unpublished photos are invisible until attached; saving their ids lets a retry reuse them.
  const ids: string[] = [];
  for (const [i, m] of media.entries()) {
    const key = `photo:${i}`;
    let id = post.state[key];
    if (!id) {
      id = idOf((await uploadPhoto(g, page, m, { published: false }, `upload photo ${i + 1}`)).data, "id", NAME);
      await post.saveState({ [key]: id });
    }
    ids.push(id);
  }
  const attached = Object.fromEntries(ids.map((id, i) => [`attached_media[${i}]`, JSON.stringify({ media_fbid: id })]));
  return idOf((await g.post(`/${page}/feed`, { message, ...attached }, "publish the post")).data, "id", NAME);
}

const count = (v: unknown, ...path: string[]): number => {
  let cur: unknown = v;
  for (const k of path) cur = cur && typeof cur === "object" ? (cur as Json)[k] : undefined;
  return typeof cur === "number" ? cur : 0;
};

export const adapter: PlatformAdapter = {
  id: "facebook",
  descriptor,
  validate,
  async publish(ctx, post) {
    const page = pageOf(ctx);
    const g = api(ctx);
    const message = messageOf(post);
    await markAttempt(post);
    const id = post.media.length
      ? await publishMedia(g, page, post, message)
      : idOf((await g.post(`/${page}/feed`, { message, link: post.link ?? undefined }, "publish the post")).data, "id", NAME);
    const url = await bestEffort(async () => str((await g.get(`/${id}`, { fields: "permalink_url" }, "report the link")).permalink_url), null);
    return { platformPostId: id, url: url ?? `https://www.facebook.com/${id}` };
  },

  async findExisting(ctx, post) {
    const page = pageOf(ctx);
    const fields = "id,message,created_time,permalink_url";
    const hit = await searchRecent(api(ctx), `/${page}/feed`, fields, { text: "message", time: "created_time" }, messageOf(post), matchSince(post));
    return hit ? { platformPostId: String(hit.id), url: str(hit.permalink_url) } : null;
  },

  async fetchMetrics(ctx, platformPostId) {
    const g = api(ctx);
    const obj = await g.get(`/${platformPostId}`, { fields: "shares,reactions.summary(true).limit(0),comments.summary(true).limit(0)" }, "report reactions");
    // Post insights need `read_insights`; Meta replaced post_impressions* with media views in 2025.
    // They only add numbers, so a refusal (missing permission, retired metric) leaves them at 0.
    let insights: Json[] = [];
    try {
      const data = await g.get(`/${platformPostId}/insights`, { metric: "post_media_view,post_total_media_view_unique,post_clicks" }, "report insights");
      insights = listOf(data);
    } catch (err) {
      if (!isAdapterError(err) || (err.kind !== "permanent" && err.kind !== "auth")) throw err;
    }
    const metric = (name: string) =>
      count(
        insights.find((i) => i.name === name),
        "values",
        "0",
        "value",
      );
    const metrics: PostMetrics = {
      likes: count(obj, "reactions", "summary", "total_count"),
      comments: count(obj, "comments", "summary", "total_count"),
      shares: count(obj, "shares", "count"),
      clicks: metric("post_clicks"),
      impressions: metric("post_media_view"),
      reach: metric("post_total_media_view_unique"),
      raw: { ...obj, insights },
    };
    return metrics;
  },

  async verifyCredentials(ctx) {
    const page = await api(ctx).get(`/${pageOf(ctx)}`, { fields: "id,name" }, "show the Page");
    return { externalId: str(page.id), name: str(page.name) };
  },

  oauth: facebookOAuth(["pages_show_list", "pages_manage_posts", "pages_read_engagement", "read_insights"]),
};

/** The first comment: a comment on the published post (adapters/meta/comments.ts). */
adapter.comment = graphComments({
  platform: NAME,
  api,
  self: pageOf,
  textField: "message",
  url: (parentUrl, id) => (parentUrl ? `${parentUrl}${parentUrl.includes("?") ? "&" : "?"}comment_id=${encodeURIComponent(id.split("_").at(-1) ?? id)}` : null),
});
