/**
 * Threads API as documented (graph.threads.net/v1.0): containers (TEXT/IMAGE/VIDEO/CAROUSEL,
 * `reply_to_id`), `threads_publish`, container `status`, the account's posts and replies lists,
 * post insights, `threads_publishing_limit` and token refresh. The token is the `access_token`
 * parameter. Text is counted like validate() (code points, 500); 250 posts and 1,000 replies per
 * 24 h. Media containers answer IN_PROGRESS for `processingPolls` status checks; a media URL
 * containing "broken" ends in ERROR. Where the docs do not give the exact error answer (text too
 * long, quota), the fake answers in the Graph's shape with Instagram's documented codes.
 */
import { measureText } from "../rules";
import { descriptor } from "../threads/descriptor";
import { badParam, graphError, graphRoute, graphTime, invalidToken, listReply, pick, fieldsOf, unknownObject, unknownParam } from "../meta/fake";
import { FakePlatform, type FakeReply } from "./server";

export interface ThreadsContainer {
  id: string;
  mediaType: string;
  text: string | null;
  mediaUrl: string | null;
  /** `alt_text` as received (image and video containers). */
  altText: string | null;
  replyToId: string | null;
  carouselItem: boolean;
  children: string[];
  status: "IN_PROGRESS" | "FINISHED" | "ERROR" | "EXPIRED" | "PUBLISHED";
  errorMessage: string | null;
  pollsLeft: number;
  publishedId: string | null;
}

export interface ThreadsPost {
  id: string;
  text: string;
  mediaType: string;
  replyToId: string | null;
  containerId: string;
  mediaUrls: string[];
  permalink: string;
  timestamp: string;
  createdAt: number;
  metrics: { views: number; likes: number; replies: number; reposts: number; quotes: number; shares: number };
}

export interface ThreadsFakeOptions {
  token?: string;
  userId?: string;
  username?: string;
  processingPolls?: number;
  quota?: number;
  replyQuota?: number;
}

const CREATE_PARAMS = [
  "media_type",
  "text",
  "image_url",
  "video_url",
  "reply_to_id",
  "is_carousel_item",
  "children",
  "alt_text",
  "reply_control",
  "link_attachment",
  "quote_post_id",
  "topic_tag",
];
const METRICS = ["views", "likes", "replies", "reposts", "quotes", "shares"] as const;
const DAY_MS = 24 * 3600_000;

function numericIds(prefix: string) {
  let n = 0;
  return () => `${prefix}${Date.now()}${String(++n).padStart(4, "0")}`;
}

export function createThreadsFake(opts: ThreadsFakeOptions = {}) {
  const fake = new FakePlatform("threads");
  const tokens = new Set([opts.token ?? "th-token"]);
  const userId = opts.userId ?? "17841401234567890";
  const username = opts.username ?? "scheduler.test";
  const containers = new Map<string, ThreadsContainer>();
  const posts: ThreadsPost[] = [];
  const limits = { quota: opts.quota ?? 250, replyQuota: opts.replyQuota ?? 1000, processingPolls: opts.processingPolls ?? 1 };
  const nextContainer = numericIds("179");
  const nextPost = numericIds("180");
  const isMe = (id: string | undefined) => id === "me" || id === userId;
  const used = (replies: boolean) => posts.filter((p) => (p.replyToId !== null) === replies && Date.now() - p.createdAt < DAY_MS).length;
  const route = (h: Parameters<typeof graphRoute>[1]) => graphRoute(tokens, h);
  const notMe = (id: string | undefined) => graphError(400, 10, `(#10) Application does not have permission for this action on user ${id}`);

  function view(p: ThreadsPost): Record<string, unknown> {
    return {
      id: p.id,
      text: p.text,
      media_type: p.mediaType === "TEXT" ? "TEXT_POST" : p.mediaType === "CAROUSEL" ? "CAROUSEL_ALBUM" : p.mediaType,
      permalink: p.permalink,
      timestamp: p.timestamp,
      username,
      is_reply: p.replyToId !== null,
      ...(p.replyToId ? { replied_to: { id: p.replyToId } } : {}),
    };
  }

  /** One status check: IN_PROGRESS while polls are left, then the settled state. */
  function poll(c: ThreadsContainer): void {
    if (c.status !== "IN_PROGRESS") return;
    if (c.pollsLeft > 0) c.pollsLeft--;
    else if (c.mediaUrl?.includes("broken")) Object.assign(c, { status: "ERROR", errorMessage: "FAILED_DOWNLOADING_VIDEO" });
    else c.status = "FINISHED";
  }

  function createContainer(p: Record<string, string>): FakeReply {
    const bad = unknownParam(p, CREATE_PARAMS);
    if (bad) return bad;
    const type = p.media_type ?? "";
    if (!["TEXT", "IMAGE", "VIDEO", "CAROUSEL"].includes(type)) return badParam("Param media_type must be one of {TEXT, IMAGE, VIDEO, CAROUSEL}");
    const text = p.text ?? null;
    if (text !== null) {
      const n = measureText(descriptor.limits, text);
      if (n > 500)
        return badParam("Param text must be at most 500 characters long.", {
          userTitle: "Text too long",
          userMsg: `The post is ${n} characters; Threads allows 500.`,
        });
    }
    if (type === "TEXT" && !text?.trim()) return badParam("Param text is required for TEXT posts");
    const urlKey = type === "VIDEO" ? "video_url" : type === "IMAGE" ? "image_url" : null;
    const mediaUrl = urlKey ? (p[urlKey] ?? "") : null;
    if (urlKey && !/^https?:\/\/\S+$/.test(mediaUrl ?? "")) return badParam(`Param ${urlKey} must be a public http(s) URL`);
    const carouselItem = p.is_carousel_item === "true";
    if (carouselItem && !urlKey) return badParam("Only IMAGE and VIDEO containers can be carousel items");
    const children = type === "CAROUSEL" ? (p.children ?? "").split(",").filter(Boolean) : [];
    if (type === "CAROUSEL") {
      if (children.length < 2 || children.length > 20) return badParam("A carousel needs between 2 and 20 children");
      const ok = children.every((id) => {
        const c = containers.get(id);
        return c?.carouselItem && c.status === "FINISHED";
      });
      if (!ok) return badParam("Param children must list finished carousel item containers");
    }
    if (p.alt_text !== undefined && !urlKey) return badParam("Param alt_text is only supported for IMAGE and VIDEO containers");
    if (p.reply_to_id && !posts.some((x) => x.id === p.reply_to_id)) return badParam("Param reply_to_id must be the id of a Threads post");
    const polls = urlKey ? limits.processingPolls : 0;
    const c: ThreadsContainer = {
      id: nextContainer(),
      mediaType: type,
      text,
      mediaUrl,
      altText: p.alt_text ?? null,
      replyToId: p.reply_to_id ?? null,
      carouselItem,
      children,
      status: "IN_PROGRESS",
      errorMessage: null,
      pollsLeft: polls,
      publishedId: null,
    };
    if (polls === 0) poll(c);
    containers.set(c.id, c);
    return { status: 200, json: { id: c.id } };
  }

  function publish(p: Record<string, string>): FakeReply {
    const bad = unknownParam(p, ["creation_id"]);
    if (bad) return bad;
    if (!p.creation_id) return badParam("The parameter creation_id is required");
    const c = containers.get(p.creation_id);
    if (!c) return badParam(`Param creation_id ${p.creation_id} is not a valid media container`);
    if (c.carouselItem) return badParam("A carousel item cannot be published on its own");
    if (c.status === "IN_PROGRESS")
      return graphError(400, 9007, "The media is not ready for publishing, please wait for a moment", { subcode: 2207027, userTitle: "Media not ready" });
    if (c.status === "ERROR") return badParam(`The media container failed: ${c.errorMessage}`);
    if (c.status === "EXPIRED") return graphError(400, -2, "The media you are trying to access has expired. Please try to upload again.", { subcode: 2207020 });
    if (c.status === "PUBLISHED") return badParam("This media container has already been published");
    const reply = c.replyToId !== null;
    if (used(reply) >= (reply ? limits.replyQuota : limits.quota)) {
      const max = reply ? limits.replyQuota : limits.quota;
      return graphError(400, 9, "You reached maximum number of posts that is allowed to be published by Content Publishing API.", {
        subcode: 2207042,
        userTitle: "Publishing limit reached",
        userMsg: `This profile has published ${max} ${reply ? "replies" : "posts"} in the last 24 hours.`,
      });
    }
    const id = nextPost();
    const urls = c.mediaType === "CAROUSEL" ? c.children.map((ch) => containers.get(ch)?.mediaUrl ?? "") : c.mediaUrl ? [c.mediaUrl] : [];
    posts.push({
      id,
      text: c.text ?? "",
      mediaType: c.mediaType,
      replyToId: c.replyToId,
      containerId: c.id,
      mediaUrls: urls,
      permalink: `https://www.threads.net/@${username}/post/${id.slice(-8)}`,
      timestamp: graphTime(),
      createdAt: Date.now(),
      metrics: { views: 0, likes: 0, replies: 0, reposts: 0, quotes: 0, shares: 0 },
    });
    Object.assign(c, { status: "PUBLISHED", publishedId: id });
    return { status: 200, json: { id } };
  }

  fake.route(
    "POST",
    "/:version/:user/threads",
    route((req, p) => (isMe(req.params.user) ? createContainer(p) : notMe(req.params.user))),
  );
  fake.route(
    "POST",
    "/:version/:user/threads_publish",
    route((req, p) => (isMe(req.params.user) ? publish(p) : notMe(req.params.user))),
  );
  fake.route(
    "GET",
    "/:version/:user/threads",
    route((req, p) => {
      if (!isMe(req.params.user)) return notMe(req.params.user);
      return listReply(posts.filter((x) => !x.replyToId).map(view), p);
    }),
  );
  fake.route(
    "GET",
    "/:version/:user/replies",
    route((req, p) => {
      if (!isMe(req.params.user)) return notMe(req.params.user);
      return listReply(posts.filter((x) => x.replyToId).map(view), p);
    }),
  );
  fake.route(
    "GET",
    "/:version/:user/threads_publishing_limit",
    route((req, p) => {
      if (!isMe(req.params.user)) return notMe(req.params.user);
      const row = {
        quota_usage: used(false),
        config: { quota_total: limits.quota, quota_duration: 86400 },
        reply_quota_usage: used(true),
        reply_config: { quota_total: limits.replyQuota, quota_duration: 86400 },
      };
      const fields = fieldsOf(p);
      return { status: 200, json: { data: [fields.length ? Object.fromEntries(Object.entries(row).filter(([k]) => fields.includes(k))) : row] } };
    }),
  );
  fake.route(
    "GET",
    "/:version/:id/insights",
    route((req, p) => {
      const post = posts.find((x) => x.id === req.params.id);
      if (!post) return unknownObject(req.params.id ?? "");
      const asked = (p.metric ?? "").split(",").filter(Boolean);
      const wrong = asked.find((m) => !(METRICS as readonly string[]).includes(m));
      if (!asked.length || wrong) return badParam(`Param metric must be one or more of: ${METRICS.join(", ")}${wrong ? ` (got ${wrong})` : ""}`);
      const data = asked.map((name) => ({
        name,
        period: "lifetime",
        values: [{ value: post.metrics[name as (typeof METRICS)[number]] }],
        title: name,
        id: `${post.id}/insights/${name}/lifetime`,
      }));
      return { status: 200, json: { data } };
    }),
  );
  fake.route(
    "GET",
    "/:version/:id",
    route((req, p) => {
      const id = req.params.id ?? "";
      const fields = fieldsOf(p);
      if (isMe(id)) return { status: 200, json: pick({ id: userId, username, name: "Scheduler Test", threads_biography: "" }, fields) };
      const c = containers.get(id);
      if (c) {
        poll(c);
        return { status: 200, json: pick({ id: c.id, status: c.status, ...(c.errorMessage ? { error_message: c.errorMessage } : {}) }, fields) };
      }
      const post = posts.find((x) => x.id === id);
      return post ? { status: 200, json: pick(view(post), fields) } : unknownObject(id);
    }),
  );
  fake.route("GET", "/refresh_access_token", (req) => {
    const token = req.query.get("access_token") ?? "";
    if (req.query.get("grant_type") !== "th_refresh_token") return badParam("Param grant_type must be th_refresh_token");
    if (!tokens.has(token)) return invalidToken();
    const fresh = `th-token-${tokens.size + 1}`;
    tokens.add(fresh);
    return { status: 200, json: { access_token: fresh, token_type: "bearer", expires_in: 5183944 } };
  });

  /** Ages a container past its 24 hours. */
  const expire = (id: string) => {
    const c = containers.get(id);
    if (c && c.status !== "PUBLISHED") c.status = "EXPIRED";
  };
  return Object.assign(fake, { posts, containers, tokens, userId, username, limits, expire });
}
