/**
 * Facebook Pages API as documented (graph.facebook.com/<version>): `/{page-id}/feed` (message,
 * link, attached_media), `/{page-id}/photos` (url or multipart `source`, caption, published),
 * `/{page-id}/videos` (file_url, description), the Page feed list, post fields with reaction and
 * comment summaries, post insights (the retired post_impressions* metrics are refused) and the
 * Page itself. Token: the `access_token` parameter. Enforces the 63,206-character message (counted
 * like validate()), 4 MB photos, and Facebook's "duplicate status" refusal (code 506) for a
 * message identical to the Page's last post.
 */
import { descriptor } from "../facebook/descriptor";
import { badParam, commentRoutes, filesOf, graphError, graphRoute, graphTime, listReply, pick, fieldsOf, unknownObject, unknownParam } from "../meta/fake";
import { fmt, measureText } from "../rules";
import { FakePlatform, type FakeReply } from "./server";

export interface FbPhoto {
  id: string;
  url: string | null;
  bytes: number | null;
  contentType: string | null;
  caption: string;
  altText: string | null;
  published: boolean;
  attachedTo: string | null;
}

export interface FbPost {
  id: string;
  message: string;
  link: string | null;
  photoIds: string[];
  videoUrl: string | null;
  createdTime: string;
  createdAt: number;
  permalink: string;
  shares: number;
  reactions: number;
  comments: number;
  insights: Record<string, number>;
}

export interface FacebookFakeOptions {
  token?: string;
  pageId?: string;
  pageName?: string;
}

const FEED_PARAMS = ["message", "link", "published", "scheduled_publish_time", "place", "tags"];
const PHOTO_PARAMS = ["url", "caption", "published", "alt_text_custom", "no_story", "temporary"];
const METRICS = ["post_media_view", "post_total_media_view_unique", "post_clicks", "post_reactions_by_type_total"];
const MAX_PHOTO = 4 * 1024 * 1024;

export function createFacebookFake(opts: FacebookFakeOptions = {}) {
  const fake = new FakePlatform("facebook");
  const tokens = new Set([opts.token ?? "fb-page-token"]);
  const pageId = opts.pageId ?? "104000000000001";
  const pageName = opts.pageName ?? "Scheduler Bakery";
  const posts: FbPost[] = [];
  const photos: FbPhoto[] = [];
  let n = 0;
  const next = () => `${Date.now()}${String(++n).padStart(4, "0")}`;
  const route = (h: Parameters<typeof graphRoute>[1]) => graphRoute(tokens, h);
  const onPage = (h: Parameters<typeof graphRoute>[1]) => route((req, p) => (req.params.page === pageId ? h(req, p) : unknownObject(req.params.page ?? "")));

  /** Message checks shared by feed, photo captions and video descriptions. */
  function messageProblem(message: string): FakeReply | null {
    const len = measureText(descriptor.limits, message);
    if (len > 63_206)
      return badParam("Param message is too long", { userTitle: "Post too long", userMsg: `The post has ${fmt(len)} characters; Facebook allows 63,206.` });
    const last = posts.at(-1);
    if (message.trim() && last && last.message === message) {
      return graphError(400, 506, "Duplicate status message", {
        userTitle: "Duplicate Status Update",
        userMsg: "This status update is identical to the last one you posted. Try posting something different, or delete your previous update.",
      });
    }
    return null;
  }

  function createPost(message: string, extra: Partial<FbPost> = {}): FbPost {
    const id = `${pageId}_${next()}`;
    const post: FbPost = {
      id,
      message,
      link: null,
      photoIds: [],
      videoUrl: null,
      createdTime: graphTime(),
      createdAt: Date.now(),
      permalink: `https://www.facebook.com/${pageId}/posts/${id.split("_")[1]}`,
      shares: 0,
      reactions: 0,
      comments: 0,
      insights: {},
      ...extra,
    };
    posts.push(post);
    return post;
  }

  fake.route(
    "POST",
    "/:version/:page/feed",
    onPage((_req, p) => {
      const attachedKeys = Object.keys(p).filter((k) => /^attached_media\[\d+\]$/.test(k));
      const bad = unknownParam(p, [...FEED_PARAMS, ...attachedKeys]);
      if (bad) return bad;
      const message = p.message ?? "";
      if (!message.trim() && !p.link && !attachedKeys.length) return badParam("Missing message or attachment");
      if (p.link && !/^https?:\/\/\S+$/.test(p.link)) return badParam("Param link must be a valid URL");
      const photoIds: string[] = [];
      for (const key of attachedKeys.sort((a, b) => Number(a.slice(15, -1)) - Number(b.slice(15, -1)))) {
        let fbid: unknown;
        try {
          fbid = (JSON.parse(p[key] ?? "") as { media_fbid?: unknown }).media_fbid;
        } catch {
          return badParam(`Param ${key} must be JSON like {"media_fbid":"<photo id>"}`);
        }
        const photo = photos.find((x) => x.id === fbid);
        if (!photo || photo.published || photo.attachedTo) return badParam(`Param ${key} must name an unpublished photo of this Page`);
        photoIds.push(photo.id);
      }
      const problem = messageProblem(message);
      if (problem) return problem;
      const post = createPost(message, { link: p.link ?? null, photoIds });
      photoIds.forEach((id) => Object.assign(photos.find((x) => x.id === id) ?? {}, { attachedTo: post.id }));
      return { status: 200, json: { id: post.id } };
    }),
  );

  fake.route(
    "POST",
    "/:version/:page/photos",
    onPage((req, p) => {
      const bad = unknownParam(p, PHOTO_PARAMS);
      if (bad) return bad;
      const source = filesOf(req)?.find((f) => f.name === "source" && f.filename !== null) ?? null;
      if (!p.url && !source) return graphError(400, 324, "(#324) Requires upload file");
      if (p.url && !/^https?:\/\/\S+$/.test(p.url)) return badParam("Param url must be a valid URL");
      if (source && !source.contentType?.startsWith("image/")) return badParam("The file is not an image");
      if (source && source.data.length > MAX_PHOTO) return badParam("Photos must be smaller than 4 MB", { subcode: 1366046 });
      const published = p.published !== "false";
      const caption = p.caption ?? "";
      if (published) {
        const problem = messageProblem(caption);
        if (problem) return problem;
      }
      const photo: FbPhoto = {
        id: next(),
        url: p.url ?? null,
        bytes: source?.data.length ?? null,
        contentType: source?.contentType ?? null,
        caption,
        altText: p.alt_text_custom ?? null,
        published,
        attachedTo: null,
      };
      photos.push(photo);
      if (!published) return { status: 200, json: { id: photo.id } };
      const post = createPost(caption, { photoIds: [photo.id] });
      photo.attachedTo = post.id;
      return { status: 200, json: { id: photo.id, post_id: post.id } };
    }),
  );

  fake.route(
    "POST",
    "/:version/:page/videos",
    onPage((_req, p) => {
      const bad = unknownParam(p, ["file_url", "description", "title", "published"]);
      if (bad) return bad;
      if (!p.file_url || !/^https?:\/\/\S+$/.test(p.file_url)) return badParam("Param file_url must be a public URL of the video");
      const problem = messageProblem(p.description ?? "");
      if (problem) return problem;
      const post = createPost(p.description ?? "", { videoUrl: p.file_url });
      return { status: 200, json: { id: post.id.split("_")[1] } };
    }),
  );

  const view = (x: FbPost) => ({
    id: x.id,
    message: x.message || undefined,
    created_time: x.createdTime,
    permalink_url: x.permalink,
    shares: x.shares ? { count: x.shares } : undefined,
    reactions: { data: [], summary: { total_count: x.reactions, viewer_reaction: "NONE" } },
    comments: { data: [], summary: { order: "ranked", total_count: x.comments, can_comment: true } },
  });
  const findPost = (id: string) => posts.find((x) => x.id === id || (x.videoUrl && x.id.endsWith(`_${id}`)));

  fake.route(
    "GET",
    "/:version/:page/feed",
    onPage((_req, p) => listReply(posts.map(view), p)),
  );
  fake.route(
    "GET",
    "/:version/:id/insights",
    route((req, p) => {
      const post = findPost(req.params.id ?? "");
      if (!post) return unknownObject(req.params.id ?? "");
      const asked = (p.metric ?? "").split(",").filter(Boolean);
      if (!asked.length || asked.some((m) => !METRICS.includes(m))) return badParam("The value must be a valid insights metric");
      return {
        status: 200,
        json: {
          data: asked.map((name) => ({ name, period: "lifetime", values: [{ value: post.insights[name] ?? 0 }], id: `${post.id}/insights/${name}/lifetime` })),
        },
      };
    }),
  );
  fake.route(
    "GET",
    "/:version/:id",
    route((req, p) => {
      const id = req.params.id ?? "";
      const fields = fieldsOf(p);
      if (id === pageId) return { status: 200, json: pick({ id, name: pageName, category: "Bakery", fan_count: 1200 }, fields) };
      const post = findPost(id);
      if (post) return { status: 200, json: pick({ ...view(post), id }, fields) };
      const photo = photos.find((x) => x.id === id);
      return photo ? { status: 200, json: pick({ id, name: photo.caption, link: `https://www.facebook.com/photo/?fbid=${id}` }, fields) } : unknownObject(id);
    }),
  );

  // Comments on Page posts (the first comment): up to 8,000 characters, posted as the Page.
  const comments = commentRoutes(fake, {
    tokens,
    exists: (id) => !!findPost(id),
    from: { id: pageId, name: pageName },
    maxLength: 8000,
    textField: "message",
    newId: (parent) => `${parent.split("_")[1] ?? parent}_${next()}`,
  });

  return Object.assign(fake, { posts, photos, comments, tokens, pageId, pageName });
}
