/**
 * LinkedIn's versioned REST API as documented: Bearer token, `LinkedIn-Version` (426 when missing,
 * retired or not released yet) and `X-Restli-Protocol-Version: 2.0.0` on every /rest call; the
 * Posts API body schema (unknown fields → 422), 3,000 characters of little-text commentary,
 * duplicates refused, the Images and Videos upload flows, the author finder, socialActions,
 * OpenID userinfo and the OAuth 2 token endpoint. Errors use LinkedIn's `{ status, code, message }`.
 */
import { measureText } from "../rules";
import { descriptor } from "../linkedin/descriptor";
import type { FakeReply, FakeRequest } from "./server";
import { FakePlatform, bearer } from "./server";

export interface LinkedInPost {
  id: string;
  body: Record<string, unknown>;
  commentary: string;
  /** What members see: little text unescaped, cut at the first unescaped reserved character. */
  rendered: string;
  createdAt: number;
  likes: number;
  comments: number;
}

interface Asset {
  urn: string;
  owner: string;
  status: "WAITING_UPLOAD" | "AVAILABLE";
  parts: Map<number, string>;
  size: number;
  expected: number;
}

const RESERVED = new Set(["|", "{", "}", "@", "[", "]", "(", ")", "<", ">", "*", "_", "~"]);
const POST_FIELDS = new Set([
  "author",
  "commentary",
  "visibility",
  "distribution",
  "content",
  "lifecycleState",
  "isReshareDisabledByAuthor",
  "contentLandingPage",
  "contentCallToActionLabel",
  "container",
  "reshareContext",
]);
const REQUIRED = ["author", "commentary", "visibility", "distribution", "lifecycleState"];
/** Video parts are 4 MB, as LinkedIn's Videos API hands them out. */
export const VIDEO_PART_BYTES = 4 * 1024 * 1024;

const err = (status: number, code: string, message: string): FakeReply => ({ status, json: { status, code, message } });

/** Little text as LinkedIn renders it. */
export function renderLittleText(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\") out += text[++i] ?? "";
    else if (RESERVED.has(c)) break;
    else out += c;
  }
  return out;
}

export interface LinkedInComment {
  id: string;
  urn: string;
  object: string;
  actor: string;
  text: string;
  createdAt: number;
}

const commentJson = (c: LinkedInComment) => ({
  id: c.id,
  commentUrn: c.urn,
  object: c.object,
  actor: c.actor,
  message: { text: c.text },
  created: { actor: c.actor, time: c.createdAt },
});

export function createLinkedInFake(opts: {
  token: string;
  authorUrn: string;
  sub?: string;
  /** Oldest LinkedIn-Version still served (YYYYMM); newer than the current month is unknown too. */
  oldestVersion?: string;
  /** False: the app lacks r_member_social, so the author finder answers 403. */
  canRead?: boolean;
  clientId?: string;
  clientSecret?: string;
  refreshToken?: string;
}) {
  const fake = new FakePlatform("linkedin");
  const posts: LinkedInPost[] = [];
  const assets = new Map<string, Asset>();
  const tokens = new Set([opts.token]);
  const oauth = { refreshToken: opts.refreshToken ?? "li-refresh", issued: 0 };
  let seq = 7_100_000_000_000_000_000n;
  const next = () => String(++seq);

  const authed = (req: FakeRequest): FakeReply | null => {
    const t = bearer(req);
    return t && tokens.has(t) ? null : err(401, "INVALID_ACCESS_TOKEN", "Invalid access token");
  };
  /** Auth plus the two versioning headers every /rest endpoint requires. */
  const rest = (req: FakeRequest): FakeReply | null => {
    const denied = authed(req);
    if (denied) return denied;
    const v = req.headers["linkedin-version"];
    const now = new Date();
    const current = `${now.getUTCFullYear()}${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    if (typeof v !== "string" || !/^\d{6}$/.test(v) || v < (opts.oldestVersion ?? "202512") || v > current) {
      return err(426, "NONEXISTENT_VERSION", `Requested version ${String(v ?? "(none)")} is not active`);
    }
    if (req.headers["x-restli-protocol-version"] !== "2.0.0") return err(400, "ILLEGAL_ARGUMENT", "X-Restli-Protocol-Version 2.0.0 is required");
    return null;
  };

  const checkContent = (content: unknown): string | null => {
    if (typeof content !== "object" || content === null) return "/content :: object expected";
    const c = content as Record<string, { id?: unknown; source?: unknown; title?: unknown; images?: unknown }>;
    const keys = Object.keys(c);
    if (keys.length !== 1) return "/content :: exactly one of media, multiImage, article";
    const usable = (id: unknown, kinds: string[]) => {
      const a = typeof id === "string" ? assets.get(id) : undefined;
      return !!a && a.status === "AVAILABLE" && kinds.some((k) => a.urn.startsWith(`urn:li:${k}:`));
    };
    // altText: optional, a string of at most 4,086 characters (Posts API, MediaContent and MultiImage).
    const altProblem = (item: { altText?: unknown }, path: string) =>
      item.altText === undefined || (typeof item.altText === "string" && item.altText.length <= 4086)
        ? null
        : `${path}/altText :: string of at most 4086 characters`;
    if (c.media)
      return usable(c.media.id, ["image", "video"])
        ? altProblem(c.media as { altText?: unknown }, "/content/media")
        : "/content/media/id :: unknown or unprocessed media";
    if (c.multiImage) {
      const imgs = c.multiImage.images;
      if (!Array.isArray(imgs) || imgs.length < 2 || imgs.length > 20) return "/content/multiImage/images :: 2 to 20 images";
      if (!imgs.every((i: { id?: unknown }) => usable(i?.id, ["image"]))) return "/content/multiImage/images :: unknown image";
      return imgs.map((i: { altText?: unknown }, n: number) => altProblem(i, `/content/multiImage/images/${n}`)).find((x) => x) ?? null;
    }
    if (c.article) {
      if (typeof c.article.source !== "string" || !/^https?:\/\//.test(c.article.source)) return "/content/article/source :: URL required";
      return typeof c.article.title === "string" && c.article.title ? null : "/content/article/title :: required";
    }
    return `/content/${keys[0]} :: unsupported content type`;
  };

  fake.route("POST", "/rest/posts", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    const b = req.body as Record<string, unknown> | null;
    if (!b || typeof b !== "object") return err(400, "ILLEGAL_ARGUMENT", "JSON body required");
    const unknown = Object.keys(b).filter((k) => !POST_FIELDS.has(k));
    if (unknown.length) return err(422, "UNPERMITTED_FIELDS", `Unpermitted fields present in REQUEST_BODY: ${unknown.map((k) => `/${k}`).join(", ")}`);
    const missing = REQUIRED.filter((k) => b[k] === undefined);
    if (missing.length) return err(422, "FIELD_REQUIRED", `Field Value validation failed in REQUEST_BODY: missing ${missing.map((k) => `/${k}`).join(", ")}`);
    if (b.author !== opts.authorUrn) return err(403, "ACCESS_DENIED", `Not enough permissions to post as ${String(b.author)}`);
    if (typeof b.commentary !== "string") return err(422, "INVALID_VALUE", "/commentary :: string expected");
    if (!["PUBLIC", "CONNECTIONS", "LOGGED_IN"].includes(String(b.visibility))) return err(422, "INVALID_VALUE", "/visibility :: unknown value");
    if (!["PUBLISHED", "DRAFT"].includes(String(b.lifecycleState))) return err(422, "INVALID_VALUE", "/lifecycleState :: unknown value");
    const d = b.distribution as Record<string, unknown> | null;
    if (
      !d ||
      !["MAIN_FEED", "NONE"].includes(String(d.feedDistribution)) ||
      !Array.isArray(d.targetEntities) ||
      !Array.isArray(d.thirdPartyDistributionChannels)
    ) {
      return err(422, "INVALID_VALUE", "/distribution :: feedDistribution, targetEntities[] and thirdPartyDistributionChannels[] required");
    }
    if (b.isReshareDisabledByAuthor !== undefined && typeof b.isReshareDisabledByAuthor !== "boolean")
      return err(422, "INVALID_VALUE", "/isReshareDisabledByAuthor :: boolean");
    if (b.content !== undefined) {
      const problem = checkContent(b.content);
      if (problem) return err(422, "INVALID_VALUE", problem);
    }
    // Counted on the text members see, the same way validate() counts the draft.
    const rendered = renderLittleText(b.commentary);
    const length = measureText(descriptor.limits, rendered);
    if (length > 3000) return err(422, "INVALID_VALUE", `/commentary :: length ${length} exceeds maximum allowed 3000`);
    const dup = posts.find((p) => p.rendered.trim() !== "" && p.rendered === rendered && p.body.author === b.author);
    if (dup) return err(422, "DUPLICATE_POST", `Content is a duplicate of ${dup.id}`);
    const post: LinkedInPost = { id: `urn:li:share:${next()}`, body: b, commentary: b.commentary, rendered, createdAt: Date.now(), likes: 0, comments: 0 };
    posts.push(post);
    return { status: 201, headers: { "x-restli-id": post.id, "x-linkedin-id": post.id } };
  });

  fake.route("GET", "/rest/posts", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    if (opts.canRead === false) return err(403, "ACCESS_DENIED", "Not enough permissions to access: partnerApiPostsExternal.FINDER-author");
    const author = req.query.get("author");
    const count = Number(req.query.get("count") ?? 10);
    if (req.query.get("q") !== "author" || !author?.startsWith("urn:li:")) return err(400, "ILLEGAL_ARGUMENT", "q=author and an author URN are required");
    if (!Number.isInteger(count) || count < 1 || count > 100) return err(400, "ILLEGAL_ARGUMENT", "count must be 1-100");
    const mine = posts
      .filter((p) => p.body.author === author)
      .reverse()
      .slice(0, count);
    const elements = mine.map((p) => ({ ...p.body, id: p.id, createdAt: p.createdAt, publishedAt: p.createdAt, lastModifiedAt: p.createdAt }));
    return { status: 200, json: { paging: { start: 0, count, links: [] }, elements } };
  });

  fake.route("GET", "/rest/socialActions/:urn", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    const p = posts.find((x) => x.id === req.params.urn);
    if (!p) return err(404, "NOT_FOUND", `No social actions for ${req.params.urn}`);
    return {
      status: 200,
      json: {
        target: p.id,
        likesSummary: { totalLikes: p.likes, aggregatedTotalLikes: p.likes, likedByCurrentUser: false },
        commentsSummary: { totalFirstLevelComments: p.comments, aggregatedTotalComments: p.comments },
      },
    };
  });

  // Comments API: POST /rest/socialActions/{post urn}/comments { actor, object, message: { text } }.
  const comments: LinkedInComment[] = [];
  fake.route("POST", "/rest/socialActions/:urn/comments", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    const p = posts.find((x) => x.id === req.params.urn);
    if (!p) return err(404, "NOT_FOUND", `Not found: ${req.params.urn}`);
    const b = req.body as Record<string, unknown> | null;
    if (!b || typeof b !== "object") return err(400, "ILLEGAL_ARGUMENT", "JSON body required");
    const unknown = Object.keys(b).filter((k) => !["actor", "object", "message", "parentComment", "content"].includes(k));
    if (unknown.length) return err(422, "UNPERMITTED_FIELDS", `Unpermitted fields present in REQUEST_BODY: ${unknown.map((k) => `/${k}`).join(", ")}`);
    if (b.actor !== opts.authorUrn) return err(403, "ACCESS_DENIED", `Not enough permissions to comment as ${String(b.actor)}`);
    if (b.object !== p.id) return err(422, "INVALID_VALUE", "/object :: must be the post the comment is created under");
    const text = (b.message as { text?: unknown } | null)?.text;
    if (typeof text !== "string" || !text.trim()) return err(422, "FIELD_REQUIRED", "/message/text :: string required");
    if ([...text].length > 1250) return err(422, "INVALID_VALUE", `/message/text :: length ${[...text].length} exceeds maximum allowed 1250`);
    const id = next();
    const c: LinkedInComment = { id, urn: `urn:li:comment:(${p.id},${id})`, object: p.id, actor: b.actor as string, text, createdAt: Date.now() };
    comments.push(c);
    p.comments++;
    return { status: 201, headers: { "x-restli-id": c.urn }, json: commentJson(c) };
  });
  fake.route("GET", "/rest/socialActions/:urn/comments", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    if (!posts.some((x) => x.id === req.params.urn)) return err(404, "NOT_FOUND", `Not found: ${req.params.urn}`);
    const elements = comments
      .filter((c) => c.object === req.params.urn)
      .reverse()
      .map(commentJson);
    return { status: 200, json: { paging: { start: 0, count: elements.length, links: [] }, elements } };
  });

  fake.route(
    "GET",
    "/v2/userinfo",
    (req) =>
      authed(req) ?? {
        status: 200,
        json: { sub: opts.sub ?? "abc123", name: "Fake Member", given_name: "Fake", family_name: "Member", locale: { country: "US", language: "en" } },
      },
  );

  const initialize = (req: FakeRequest, kind: "image" | "video"): FakeReply => {
    const bad = rest(req);
    if (bad) return bad;
    if (req.query.get("action") !== "initializeUpload") return err(400, "ILLEGAL_ARGUMENT", "action=initializeUpload required");
    const r = (req.body as { initializeUploadRequest?: { owner?: unknown; fileSizeBytes?: unknown } } | null)?.initializeUploadRequest;
    if (!r || r.owner !== opts.authorUrn) return err(403, "ACCESS_DENIED", "The owner must be the authenticated author");
    const id = next();
    const urn = `urn:li:${kind}:${id}`;
    const expected = kind === "video" ? Number(r.fileSizeBytes) : 0;
    if (kind === "video" && !(expected > 0)) return err(422, "INVALID_VALUE", "/initializeUploadRequest/fileSizeBytes :: required");
    assets.set(urn, { urn, owner: opts.authorUrn, status: "WAITING_UPLOAD", parts: new Map(), size: 0, expected });
    if (kind === "image")
      return { status: 200, json: { value: { uploadUrlExpiresAt: Date.now() + 3600_000, uploadUrl: `${fake.url}/dms-uploads/image/${id}`, image: urn } } };
    const uploadInstructions = [];
    for (let first = 0, n = 0; first < expected; first += VIDEO_PART_BYTES, n++) {
      uploadInstructions.push({
        uploadUrl: `${fake.url}/dms-uploads/video/${id}/${n}`,
        firstByte: first,
        lastByte: Math.min(expected, first + VIDEO_PART_BYTES) - 1,
      });
    }
    return { status: 200, json: { value: { uploadUrlsExpireAt: Date.now() + 3600_000, video: urn, uploadInstructions, uploadToken: "" } } };
  };
  fake.route("POST", "/rest/images", (req) => initialize(req, "image"));
  fake.route("PUT", "/dms-uploads/image/:id", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const a = assets.get(`urn:li:image:${req.params.id}`);
    if (!a || req.raw.length === 0) return err(400, "ILLEGAL_ARGUMENT", "unknown upload or empty body");
    Object.assign(a, { status: "AVAILABLE", size: req.raw.length });
    return { status: 201 };
  });

  fake.route("POST", "/rest/videos", (req) => {
    if (req.query.get("action") !== "finalizeUpload") return initialize(req, "video");
    const bad = rest(req);
    if (bad) return bad;
    const f = (req.body as { finalizeUploadRequest?: { video?: string; uploadToken?: unknown; uploadedPartIds?: unknown } } | null)?.finalizeUploadRequest;
    const a = assets.get(f?.video ?? "");
    if (!a || typeof f?.uploadToken !== "string" || !Array.isArray(f.uploadedPartIds))
      return err(422, "INVALID_VALUE", "/finalizeUploadRequest :: video, uploadToken, uploadedPartIds required");
    const etags = [...a.parts.entries()].sort(([x], [y]) => x - y).map(([, e]) => e);
    if (a.size !== a.expected || JSON.stringify(etags) !== JSON.stringify(f.uploadedPartIds))
      return err(400, "ILLEGAL_ARGUMENT", "uploaded parts do not match");
    a.status = "AVAILABLE";
    return { status: 200 };
  });
  fake.route("PUT", "/dms-uploads/video/:id/:part", (req) => {
    const a = assets.get(`urn:li:video:${req.params.id}`);
    if (!a || req.raw.length === 0) return err(400, "ILLEGAL_ARGUMENT", "unknown upload or empty body");
    const etag = `etag-${req.params.id}-${req.params.part}`;
    a.parts.set(Number(req.params.part), etag);
    a.size += req.raw.length;
    return { status: 200, headers: { etag } };
  });
  fake.route("GET", "/rest/videos/:urn", (req) => {
    const bad = rest(req);
    if (bad) return bad;
    const a = assets.get(req.params.urn ?? "");
    return a ? { status: 200, json: { id: a.urn, owner: a.owner, status: a.status } } : err(404, "NOT_FOUND", "no such video");
  });

  // OAuth 2 token endpoint (www.linkedin.com in production): client id + secret in the form.
  fake.route("POST", "/oauth/v2/accessToken", (req) => {
    const b = (req.body ?? {}) as Record<string, string>;
    if (b.client_id !== (opts.clientId ?? "li-client") || b.client_secret !== (opts.clientSecret ?? "li-secret")) {
      return { status: 401, json: { error: "invalid_client", error_description: "Client authentication failed" } };
    }
    if (b.grant_type !== "refresh_token" || b.refresh_token !== oauth.refreshToken) {
      return {
        status: 400,
        json: { error: "invalid_request", error_description: "The provided authorization grant or refresh token is invalid, expired or revoked" },
      };
    }
    const access = `li-access-${++oauth.issued}`;
    tokens.add(access);
    return { status: 200, json: { access_token: access, expires_in: 5_184_000, refresh_token: oauth.refreshToken, refresh_token_expires_in: 31_000_000 } };
  });

  return Object.assign(fake, { posts, comments, assets, tokens, oauth, tokenUrl: () => `${fake.url}/oauth/v2/accessToken` });
}
