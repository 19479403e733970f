/**
 * Instagram Graph API content publishing as documented (graph.facebook.com/<version>): media
 * containers (image, REELS, carousel items, CAROUSEL), `status_code` polling, `media_publish`,
 * the account's media list, media fields and insights, `content_publishing_limit`, and the
 * fb_exchange_token renewal. Token: the `access_token` parameter. Enforces: media is required
 * (no text-only containers), caption ≤ 2,200 characters, ≤ 30 hashtags and ≤ 20 @mentions
 * (counted with validate()'s rules), carousels of 2–10 finished items, 50 posts per 24 h
 * (code 9 / subcode 2207042). Containers answer IN_PROGRESS for `processingPolls` checks; a media
 * URL containing "broken" ends in ERROR.
 */
import { descriptor } from "../instagram/descriptor";
import { badParam, graphError, graphRoute, graphTime, invalidToken, listReply, pick, fieldsOf, unknownObject, unknownParam, commentRoutes } from "../meta/fake";
import { findHashtags, findMentions, fmt, measureText } from "../rules";
import { FakePlatform, type FakeReply } from "./server";

export interface IgContainer {
  id: string;
  mediaType: "IMAGE" | "VIDEO" | "REELS" | "CAROUSEL";
  caption: string;
  mediaUrl: string | null;
  /** `alt_text` as received (image containers), so tests can see what a screen reader gets. */
  altText: string | null;
  carouselItem: boolean;
  children: string[];
  status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED";
  pollsLeft: number;
}

export interface IgMedia {
  id: string;
  caption: string;
  mediaType: string;
  mediaUrls: string[];
  containerId: string;
  permalink: string;
  timestamp: string;
  createdAt: number;
  likeCount: number;
  commentsCount: number;
  insights: Record<string, number>;
}

export interface InstagramFakeOptions {
  token?: string;
  igUserId?: string;
  username?: string;
  processingPolls?: number;
  quota?: number;
  clientId?: string;
  clientSecret?: string;
}

const CREATE_PARAMS = [
  "image_url",
  "video_url",
  "media_type",
  "caption",
  "is_carousel_item",
  "children",
  "alt_text",
  "location_id",
  "user_tags",
  "collaborators",
  "cover_url",
  "thumb_offset",
  "share_to_feed",
  "audio_name",
];
const METRICS = ["reach", "views", "saved", "shares", "likes", "comments", "total_interactions", "follows", "profile_visits"];
const DAY_MS = 24 * 3600_000;

export function createInstagramFake(opts: InstagramFakeOptions = {}) {
  const fake = new FakePlatform("instagram");
  const tokens = new Set([opts.token ?? "ig-token"]);
  const igUserId = opts.igUserId ?? "17841405555555555";
  const username = opts.username ?? "scheduler.shop";
  const app = { id: opts.clientId ?? "app-123", secret: opts.clientSecret ?? "app-secret" };
  const containers = new Map<string, IgContainer>();
  const media: IgMedia[] = [];
  const limits = { quota: opts.quota ?? 50, processingPolls: opts.processingPolls ?? 1 };
  let n = 0;
  const nextId = (prefix: string) => `${prefix}${Date.now()}${String(++n).padStart(4, "0")}`;
  const route = (h: Parameters<typeof graphRoute>[1]) => graphRoute(tokens, h);
  const notMe = (id: string | undefined) => graphError(400, 10, `(#10) Application does not have permission for this action on ${id}`);
  const used = () => media.filter((m) => Date.now() - m.createdAt < DAY_MS).length;

  function poll(c: IgContainer): void {
    if (c.status !== "IN_PROGRESS") return;
    if (c.pollsLeft > 0) c.pollsLeft--;
    else c.status = c.mediaUrl?.includes("broken") ? "ERROR" : "FINISHED";
  }

  function captionProblem(caption: string): FakeReply | null {
    const len = measureText(descriptor.limits, caption);
    if (len > 2200)
      return badParam("Invalid parameter", { userTitle: "Caption too long", userMsg: `The caption has ${fmt(len)} characters; Instagram allows 2,200.` });
    const tags = findHashtags(caption).length;
    if (tags > 30) return badParam("Invalid parameter", { userTitle: "Too many hashtags", userMsg: `The caption has ${tags} hashtags; Instagram allows 30.` });
    const mentions = findMentions(caption).length;
    if (mentions > 20)
      return badParam("Invalid parameter", { userTitle: "Too many mentions", userMsg: `The caption mentions ${mentions} accounts; Instagram allows 20.` });
    return null;
  }

  function createContainer(p: Record<string, string>): FakeReply {
    const bad = unknownParam(p, CREATE_PARAMS) ?? captionProblem(p.caption ?? "");
    if (bad) return bad;
    const carouselItem = p.is_carousel_item === "true";
    const type = p.media_type ?? "IMAGE";
    let mediaUrl: string | null = null;
    let children: string[] = [];
    if (type === "IMAGE") mediaUrl = p.image_url ?? null;
    else if (type === "REELS" || (type === "VIDEO" && carouselItem)) mediaUrl = p.video_url ?? null;
    else if (type === "VIDEO") return badParam("The VIDEO media type is no longer supported for feed posts; use REELS");
    else if (type === "CAROUSEL") {
      children = (p.children ?? "").split(",").filter(Boolean);
      if (children.length < 2 || children.length > 10) return badParam("A carousel needs between 2 and 10 children");
      const ok = children.every((id) => {
        const c = containers.get(id);
        return c?.carouselItem && c.status === "FINISHED";
      });
      if (!ok) return badParam("Param children must list finished carousel item containers");
    } else return badParam(`Param media_type must be one of {IMAGE, VIDEO, REELS, CAROUSEL, STORIES}; got ${type}`);
    if (type !== "CAROUSEL" && !mediaUrl) {
      // Text-only posts do not exist on Instagram: a container needs an image, a video or children.
      return badParam(`The parameter ${type === "IMAGE" ? "image_url" : "video_url"} is required.`);
    }
    if (mediaUrl && !/^https?:\/\/\S+$/.test(mediaUrl))
      return badParam("Only photo or video can be accepted as media type.", { subcode: 2207052, userTitle: "Media URL is not public" });
    if (carouselItem && p.caption) return badParam("Carousel items cannot have a caption; set it on the CAROUSEL container");
    // Alt text is for image posts (and image carousel items) only.
    if (p.alt_text !== undefined && type !== "IMAGE") return badParam("Param alt_text is only supported for images");
    const c: IgContainer = {
      id: nextId("178"),
      mediaType: type as IgContainer["mediaType"],
      caption: p.caption ?? "",
      mediaUrl,
      altText: p.alt_text ?? null,
      carouselItem,
      children,
      status: "IN_PROGRESS",
      pollsLeft: limits.processingPolls,
    };
    if (c.pollsLeft === 0) poll(c);
    containers.set(c.id, c);
    return { status: 200, json: { id: c.id } };
  }

  function publish(p: Record<string, string>): FakeReply {
    const bad = unknownParam(p, ["creation_id"]);
    if (bad) return bad;
    const c = containers.get(p.creation_id ?? "");
    if (!c) return badParam("Param creation_id must be a valid media container id", { subcode: 2207006 });
    if (c.carouselItem) return badParam("A carousel item cannot be published on its own");
    if (c.status === "IN_PROGRESS")
      return graphError(400, 9007, "Media ID is not available", {
        subcode: 2207027,
        userTitle: "Media not ready",
        userMsg: "The media is not ready for publishing, please wait for a moment",
      });
    if (c.status === "ERROR") return graphError(400, 9004, "The media could not be fetched from this uri", { subcode: 2207052 });
    if (c.status === "EXPIRED") return graphError(400, -2, "The media you are trying to access has expired. Please try to upload again.", { subcode: 2207020 });
    if (c.status === "PUBLISHED") return badParam("This media container has already been published");
    if (used() >= limits.quota) {
      return graphError(400, 9, "Application request limit reached", {
        subcode: 2207042,
        userTitle: "Publishing limit reached",
        userMsg: "You reached maximum number of posts that is allowed to be published by Content Publishing API.",
      });
    }
    const id = nextId("179");
    const urls = c.mediaType === "CAROUSEL" ? c.children.map((ch) => containers.get(ch)?.mediaUrl ?? "") : [c.mediaUrl ?? ""];
    media.push({
      id,
      caption: c.caption,
      mediaType: c.mediaType === "CAROUSEL" ? "CAROUSEL_ALBUM" : c.mediaType === "REELS" ? "VIDEO" : "IMAGE",
      mediaUrls: urls,
      containerId: c.id,
      permalink: `https://www.instagram.com/p/${id.slice(-11)}/`,
      timestamp: graphTime(),
      createdAt: Date.now(),
      likeCount: 0,
      commentsCount: 0,
      insights: {},
    });
    c.status = "PUBLISHED";
    return { status: 200, json: { id } };
  }

  const view = (m: IgMedia) => ({
    id: m.id,
    caption: m.caption,
    media_type: m.mediaType,
    media_url: m.mediaUrls[0],
    permalink: m.permalink,
    timestamp: m.timestamp,
    username,
    like_count: m.likeCount,
    comments_count: m.commentsCount,
  });

  fake.route("GET", "/:version/oauth/access_token", (req) => {
    const q = req.query;
    if (q.get("grant_type") !== "fb_exchange_token") return badParam("Param grant_type must be fb_exchange_token");
    if (q.get("client_id") !== app.id || q.get("client_secret") !== app.secret) return graphError(400, 1, "Error validating client secret.");
    if (!tokens.has(q.get("fb_exchange_token") ?? "")) return invalidToken();
    const fresh = `ig-token-${tokens.size + 1}`;
    tokens.add(fresh);
    return { status: 200, json: { access_token: fresh, token_type: "bearer", expires_in: 5183944 } };
  });
  fake.route(
    "POST",
    "/:version/:user/media",
    route((req, p) => (req.params.user === igUserId ? createContainer(p) : notMe(req.params.user))),
  );
  fake.route(
    "POST",
    "/:version/:user/media_publish",
    route((req, p) => (req.params.user === igUserId ? publish(p) : notMe(req.params.user))),
  );
  fake.route(
    "GET",
    "/:version/:user/media",
    route((req, p) => (req.params.user === igUserId ? listReply(media.map(view), p) : notMe(req.params.user))),
  );
  fake.route(
    "GET",
    "/:version/:user/content_publishing_limit",
    route((req) => {
      if (req.params.user !== igUserId) return notMe(req.params.user);
      return { status: 200, json: { data: [{ quota_usage: used(), config: { quota_total: limits.quota, quota_duration: 86400 } }] } };
    }),
  );
  fake.route(
    "GET",
    "/:version/:id/insights",
    route((req, p) => {
      const m = media.find((x) => x.id === req.params.id);
      if (!m) return unknownObject(req.params.id ?? "");
      const asked = (p.metric ?? "").split(",").filter(Boolean);
      const wrong = asked.find((x) => !METRICS.includes(x));
      if (!asked.length || wrong) return badParam(`metric[0] must be one of the following values: ${METRICS.join(", ")}`);
      return {
        status: 200,
        json: {
          data: asked.map((name) => ({ name, period: "lifetime", values: [{ value: m.insights[name] ?? 0 }], id: `${m.id}/insights/${name}/lifetime` })),
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
      if (id === igUserId) return { status: 200, json: pick({ id, username, name: "Scheduler Shop", media_count: media.length }, fields) };
      const c = containers.get(id);
      if (c) {
        poll(c);
        const prose = c.status === "ERROR" ? "Error: Media download has failed. The media URI doesn't meet our requirements." : c.status;
        return { status: 200, json: pick({ id, status_code: c.status, status: prose }, fields) };
      }
      const m = media.find((x) => x.id === id);
      return m ? { status: 200, json: pick(view(m), fields) } : unknownObject(id);
    }),
  );

  const expire = (id: string) => {
    const c = containers.get(id);
    if (c && c.status !== "PUBLISHED") c.status = "EXPIRED";
  };
  // Comments on published media (the first comment): as long as a caption, posted as the account.
  const comments = commentRoutes(fake, {
    tokens,
    exists: (id) => media.some((m) => m.id === id),
    from: { id: igUserId, name: username },
    maxLength: 2200,
    textField: "text",
    newId: () => nextId("179"),
  });
  return Object.assign(fake, { media, containers, comments, tokens, igUserId, username, limits, app, expire });
}
