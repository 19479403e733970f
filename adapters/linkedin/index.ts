/**
 * LinkedIn, Posts API (learn.microsoft.com/linkedin/marketing/community-management/shares/posts-api).
 *
 * - Every /rest call carries `LinkedIn-Version: YYYYMM` (config.linkedin_version, else
 *   DEFAULT_LINKEDIN_VERSION) and `X-Restli-Protocol-Version: 2.0.0`. Versions are retired about
 *   12 months after release; a retired or unknown one is answered with 426.
 * - Publish: `POST /rest/posts` → 201 with the post URN in the `x-restli-id` header; the post is
 *   at https://www.linkedin.com/feed/update/<urn>. Commentary is "little text": the reserved
 *   characters are backslash-escaped, or LinkedIn cuts the text at the first one.
 * - No threads (the engine joins parts into `post.text`) and no idempotency: after an unknown
 *   outcome `findExisting` reads the author's latest posts and matches the commentary.
 * - Images: `POST /rest/images?action=initializeUpload` → `PUT uploadUrl` → image URN.
 *   Videos: `POST /rest/videos?action=initializeUpload` → `PUT` each part (keep the ETags) →
 *   `POST /rest/videos?action=finalizeUpload` → `GET /rest/videos/{urn}` until AVAILABLE.
 */
import type { AdapterContext, PlatformAdapter, PublishMedia, PublishPost } from "../adapter";
import type { AdapterError } from "../errors";
import { AuthError, PermanentError, RateLimitedError, RetryableError, UnknownOutcomeError, parseRetryAfter } from "../errors";
import type { HttpResponse } from "../http";
import { credential, excerpt, platformMessage, send, setting } from "../http";
import { mediaKind } from "../media-rules";
import { descriptor, validate } from "./descriptor";

/** A release from late 2026; accounts override it with config.linkedin_version. */
export const DEFAULT_LINKEDIN_VERSION = "202610";
export const DEFAULT_TOKEN_URL = "https://www.linkedin.com/oauth/v2/accessToken";
const FEED_URL = "https://www.linkedin.com/feed/update/";
/** How long one attempt waits for LinkedIn to process an uploaded video. */
const VIDEO_BUDGET_MS = 2 * 60_000;

function apiVersion(ctx: AdapterContext): string {
  const v = ctx.config.linkedin_version;
  if (v === undefined || v === null || v === "") return DEFAULT_LINKEDIN_VERSION;
  const s = String(v).trim();
  if (!/^\d{6}(\.\d{2})?$/.test(s)) {
    throw new PermanentError(`the account's LinkedIn-Version setting must be a release month like ${DEFAULT_LINKEDIN_VERSION} (YYYYMM); it is "${s}"`);
  }
  return s;
}

function token(ctx: AdapterContext): Record<string, string> {
  return { authorization: `Bearer ${credential(ctx, "access_token", "LinkedIn access token")}` };
}

function restHeaders(ctx: AdapterContext): Record<string, string> {
  return { ...token(ctx), "linkedin-version": apiVersion(ctx), "x-restli-protocol-version": "2.0.0" };
}

function authorOf(ctx: AdapterContext): string {
  const a = setting(ctx, "author_urn", "the LinkedIn author (urn:li:person:… or urn:li:organization:…)");
  if (!/^urn:li:(person|organization):[^\s:]+$/.test(a)) {
    throw new PermanentError(`the account's author must be urn:li:person:<id> or urn:li:organization:<id>; it is "${a}"`);
  }
  return a;
}

/** Little-text escaping (the characters the descriptor lists, plus the backslash itself). */
export function littleText(text: string): string {
  return text.replace(/[\\|{}@[\]()<>*_~]/g, (c) => `\\${c}`);
}

/** LinkedIn's member and application daily limits reset at midnight UTC. */
export function untilUtcMidnight(now = Date.now()): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1) - now;
}

/** LinkedIn's answers in a social-media manager's words; `action` says what we were doing. */
function classifier(ctx: AdapterContext, action: string) {
  return (res: HttpResponse): AdapterError | null => {
    const init = { httpStatus: res.status, responseExcerpt: excerpt(res.text) };
    const said = platformMessage(res.data, res.text);
    const code = (res.data as { code?: unknown } | null)?.code;
    const platformCode = typeof code === "string" ? code : null;
    switch (res.status) {
      case 426:
        return new PermanentError(
          `LinkedIn no longer accepts API version ${String(ctx.config.linkedin_version ?? DEFAULT_LINKEDIN_VERSION)}; ` +
            "update the account's LinkedIn-Version setting (config.linkedin_version, YYYYMM) to a release from the last 12 months",
          { ...init, platformCode },
        );
      case 401:
        return new AuthError(`LinkedIn refused the access token while ${action} (${said}); reconnect the LinkedIn account`, { ...init, platformCode });
      case 403: // Missing scope, or the member is not an admin of the organization page.
        return new AuthError(`LinkedIn did not allow ${action} (${said}); reconnect the account with posting permission for this author`, {
          ...init,
          platformCode,
        });
      case 429:
        // LinkedIn rarely sends Retry-After; its daily limits reset at midnight UTC.
        return new RateLimitedError(`LinkedIn is rate limiting this account while ${action}; it will try again after the limit resets`, {
          ...init,
          platformCode,
          retryAfterMs: parseRetryAfter(res.headers.get("retry-after")) ?? untilUtcMidnight(),
        });
      case 400:
      case 422:
        if (/duplicate/i.test(said)) {
          return new PermanentError(`LinkedIn refused the post: duplicate content (${said})`, { ...init, platformCode: platformCode ?? "duplicate" });
        }
        return new PermanentError(`LinkedIn rejected ${action}: ${said}`, { ...init, platformCode });
      default:
        return null;
    }
  };
}

/** The commentary as sent: with media, a link cannot be a card, so it goes into the text. */
function commentaryOf(post: PublishPost): string {
  const link = post.link?.trim();
  const text = post.media.length && link && !post.text.includes(link) ? `${post.text.trimEnd()}\n\n${link}` : post.text;
  return littleText(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function uploadImage(ctx: AdapterContext, owner: string, m: PublishMedia): Promise<string> {
  const init = await send<{ value?: { uploadUrl?: string; image?: string } }>(
    ctx,
    { path: "/rest/images", query: { action: "initializeUpload" }, json: { initializeUploadRequest: { owner } }, headers: restHeaders(ctx) },
    classifier(ctx, "preparing an image upload"),
  );
  const { uploadUrl, image } = init.data?.value ?? {};
  if (!uploadUrl || !image) throw new RetryableError("LinkedIn did not hand out an image upload URL");
  const headers = { ...token(ctx), "content-type": m.mimeType };
  await send(ctx, { method: "PUT", path: uploadUrl, body: await m.read(), headers }, classifier(ctx, "uploading an image"));
  return image;
}

async function uploadVideo(ctx: AdapterContext, owner: string, m: PublishMedia): Promise<string> {
  const bytes = await m.read();
  type Init = { value?: { video?: string; uploadToken?: string; uploadInstructions?: { uploadUrl: string; firstByte: number; lastByte: number }[] } };
  const request = { owner, fileSizeBytes: bytes.length, uploadCaptions: false, uploadThumbnail: false };
  const init = await send<Init>(
    ctx,
    { path: "/rest/videos", query: { action: "initializeUpload" }, json: { initializeUploadRequest: request }, headers: restHeaders(ctx) },
    classifier(ctx, "preparing a video upload"),
  );
  const { video, uploadToken = "", uploadInstructions = [] } = init.data?.value ?? {};
  if (!video || uploadInstructions.length === 0) throw new RetryableError("LinkedIn did not hand out video upload URLs");
  const etags: string[] = [];
  for (const part of uploadInstructions) {
    const body = bytes.subarray(part.firstByte, part.lastByte + 1);
    const res = await send(
      ctx,
      { method: "PUT", path: part.uploadUrl, body, headers: { "content-type": "application/octet-stream" } },
      classifier(ctx, "uploading a video"),
    );
    const etag = res.headers.get("etag");
    if (!etag) throw new RetryableError("LinkedIn accepted a video part without an ETag");
    etags.push(etag);
  }
  const fin = { finalizeUploadRequest: { video, uploadToken, uploadedPartIds: etags } };
  await send(
    ctx,
    { path: "/rest/videos", query: { action: "finalizeUpload" }, json: fin, headers: restHeaders(ctx) },
    classifier(ctx, "finishing a video upload"),
  );
  for (const deadline = Date.now() + VIDEO_BUDGET_MS; ; await sleep(3000)) {
    const res = await send<{ status?: string }>(
      ctx,
      { path: `/rest/videos/${encodeURIComponent(video)}`, headers: restHeaders(ctx) },
      classifier(ctx, "checking a video"),
    );
    const status = res.data?.status;
    if (status === "AVAILABLE") return video;
    if (status === "PROCESSING_FAILED") throw new PermanentError("LinkedIn could not process the attached video");
    if (Date.now() > deadline) throw new RetryableError("LinkedIn is still processing the attached video; trying again later");
  }
}

/**
 * The post's `content`: one image or video → `media`, several images → `multiImage`, no media
 * and a link → `article` (a link card). Uploaded URNs are checkpointed so a retry reuses them.
 */
async function contentOf(ctx: AdapterContext, post: PublishPost, author: string): Promise<Record<string, unknown> | null> {
  const link = post.link?.trim();
  if (post.media.length === 0) return link ? { article: { source: link, title: post.title.trim() || link } } : null;
  let urns = post.state.linkedin_media?.split(",") ?? [];
  if (urns.length !== post.media.length) {
    try {
      urns = [];
      for (const m of post.media) urns.push(mediaKind(m.mimeType) === "video" ? await uploadVideo(ctx, author, m) : await uploadImage(ctx, author, m));
    } catch (err) {
      // Uploads publish nothing: a lost answer only means uploading again.
      if (err instanceof UnknownOutcomeError) throw new RetryableError(`uploading media to LinkedIn failed: ${err.message}`, { cause: err });
      throw err;
    }
    await post.saveState({ linkedin_media: urns.join(",") });
  }
  const items = urns.map((id, i) => {
    const alt = post.media[i]?.altText?.trim();
    return alt ? { id, altText: alt } : { id };
  });
  return items.length === 1 ? { media: items[0] } : { multiImage: { images: items } };
}

export const adapter: PlatformAdapter = {
  id: "linkedin",
  descriptor,
  validate,
  async publish(ctx, post) {
    const author = authorOf(ctx);
    const content = await contentOf(ctx, post, author);
    const body = {
      author,
      commentary: commentaryOf(post),
      visibility: "PUBLIC",
      distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
      ...(content ? { content } : {}),
      lifecycleState: "PUBLISHED",
      isReshareDisabledByAuthor: false,
    };
    const res = await send(ctx, { path: "/rest/posts", json: body, headers: restHeaders(ctx) }, classifier(ctx, "publishing the post"));
    const urn = res.headers.get("x-restli-id");
    if (!urn) throw new UnknownOutcomeError("LinkedIn accepted the post but did not return its id; the post may exist", { httpStatus: res.status });
    return { platformPostId: urn, url: FEED_URL + urn, httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  },

  /**
   * `GET /rest/posts?author=<urn>&q=author&count=50` (newest first) and the same commentary.
   * Reading a member's posts needs r_member_social, which LinkedIn grants to approved apps only;
   * without it we cannot tell, so this refuses (permanent) instead of saying "not there".
   */
  async findExisting(ctx, post) {
    const author = authorOf(ctx);
    type Found = { elements?: { id?: string; commentary?: string; lifecycleState?: string }[] };
    let res: HttpResponse<Found>;
    try {
      res = await send<Found>(
        ctx,
        {
          path: "/rest/posts",
          query: { author, q: "author", count: 50, sortBy: "LAST_MODIFIED" },
          headers: { ...restHeaders(ctx), "x-restli-method": "FINDER" },
        },
        classifier(ctx, "reading the account's recent posts"),
      );
    } catch (err) {
      if (err instanceof AuthError && err.httpStatus === 403) {
        throw new PermanentError(
          "LinkedIn does not let this app read the account's posts (r_member_social), so we cannot tell whether the post went out; check the profile before publishing again",
          { httpStatus: 403, cause: err },
        );
      }
      throw err;
    }
    const want = commentaryOf(post);
    const hit = (res.data?.elements ?? []).find((e) => e.commentary === want && e.lifecycleState !== "DRAFT" && e.id);
    return hit?.id ? { platformPostId: hit.id, url: FEED_URL + hit.id, httpStatus: res.status } : null;
  },

  /** `GET /rest/socialActions/{urn}`: likes and comments. Impressions need organization analytics. */
  async fetchMetrics(ctx, platformPostId) {
    type Social = {
      likesSummary?: { totalLikes?: number; aggregatedTotalLikes?: number };
      commentsSummary?: { aggregatedTotalComments?: number; totalFirstLevelComments?: number };
    };
    const res = await send<Social>(
      ctx,
      { path: `/rest/socialActions/${encodeURIComponent(platformPostId)}`, headers: restHeaders(ctx) },
      classifier(ctx, "reading the post's likes and comments"),
    );
    const d = res.data ?? {};
    const likes = d.likesSummary?.aggregatedTotalLikes ?? d.likesSummary?.totalLikes ?? 0;
    const comments = d.commentsSummary?.aggregatedTotalComments ?? d.commentsSummary?.totalFirstLevelComments ?? 0;
    return { likes, shares: 0, comments, clicks: 0, impressions: 0, reach: 0, raw: d };
  },

  /** OpenID Connect userinfo (unversioned, needs openid + profile): `sub` is the person id. */
  async verifyCredentials(ctx) {
    const res = await send<{ sub?: string; name?: string }>(ctx, { path: "/v2/userinfo", headers: token(ctx) }, classifier(ctx, "checking the connection"));
    const sub = res.data?.sub;
    if (!sub) throw new RetryableError("LinkedIn did not say which member this token belongs to");
    const config = typeof ctx.config.author_urn === "string" && ctx.config.author_urn ? undefined : { author_urn: `urn:li:person:${sub}` };
    return { externalId: sub, name: res.data?.name ?? null, config };
  },

  /**
   * Refresh tokens exist for approved (Marketing/Community Management) apps only. The token
   * endpoint lives on www.linkedin.com, not the API host, hence config.token_url. LinkedIn keeps
   * the same refresh token (with its original expiry) unless it returns a new one.
   */
  async refreshToken(ctx) {
    const refresh = credential(ctx, "refresh_token", "LinkedIn refresh token (LinkedIn issues them to approved apps only)");
    const form = {
      grant_type: "refresh_token",
      refresh_token: refresh,
      client_id: setting(ctx, "client_id", "the LinkedIn app's client id"),
      client_secret: credential(ctx, "client_secret", "LinkedIn app client secret"),
    };
    const url = typeof ctx.config.token_url === "string" && ctx.config.token_url ? ctx.config.token_url : DEFAULT_TOKEN_URL;
    type Token = { access_token?: string; expires_in?: number; refresh_token?: string; refresh_token_expires_in?: number };
    let res: HttpResponse<Token>;
    try {
      res = await send<Token>(ctx, { path: url, form }, (r) => {
        const init = { httpStatus: r.status, responseExcerpt: excerpt(r.text) };
        if (r.status === 400 || r.status === 401) {
          return new AuthError(`LinkedIn refused to renew the access token (${platformMessage(r.data, r.text)}); reconnect the LinkedIn account`, init);
        }
        if (r.status >= 500 || r.status === 408) return new RetryableError(`LinkedIn could not renew the access token right now (HTTP ${r.status})`, init);
        return classifier(ctx, "renewing the access token")(r);
      });
    } catch (err) {
      if (err instanceof UnknownOutcomeError) throw new RetryableError(`could not reach LinkedIn to renew the access token: ${err.message}`, { cause: err });
      throw err;
    }
    const d = res.data ?? {};
    if (!d.access_token) throw new RetryableError("LinkedIn answered the token refresh without an access token", { httpStatus: res.status });
    const credentials: Record<string, string> = { ...ctx.credentials, access_token: d.access_token, refresh_token: d.refresh_token ?? refresh };
    if (d.refresh_token_expires_in) credentials.refresh_token_expires_at = new Date(Date.now() + d.refresh_token_expires_in * 1000).toISOString();
    const expiresAt = d.expires_in ? new Date(Date.now() + d.expires_in * 1000) : null;
    await ctx.saveCredentials?.(credentials, expiresAt);
    return { credentials, expiresAt };
  },

  oauth: {
    authorizeUrl: "https://www.linkedin.com/oauth/v2/authorization",
    tokenUrl: DEFAULT_TOKEN_URL,
    // Organization pages also need w_organization_social (and r_organization_social to read).
    scopes: ["openid", "profile", "w_member_social"],
    scopeSeparator: " ",
    // LinkedIn's web-app flow uses the client secret; PKCE is offered to native clients only.
    pkce: false,
  },
};

/**
 * The first comment: LinkedIn's Comments API, `POST /rest/socialActions/{post urn}/comments`
 * with `{ actor, object, message: { text } }` (the versioned /rest headers). No keys: the first
 * send is timestamped, and a lookup after a lost answer reads the post's comments for one by the
 * same author with the same text.
 */
adapter.comment = {
  async publish(ctx, c) {
    const actor = authorOf(ctx);
    if (!c.state.sent_at) await c.saveState({ sent_at: new Date().toISOString() });
    const res = await send<{ commentUrn?: string; id?: string }>(
      ctx,
      {
        path: `/rest/socialActions/${encodeURIComponent(c.parent.id)}/comments`,
        json: { actor, object: c.parent.id, message: { text: c.text } },
        headers: restHeaders(ctx),
      },
      classifier(ctx, "publishing the first comment"),
    );
    const urn = res.headers.get("x-restli-id") ?? res.data?.commentUrn ?? null;
    if (!urn) throw new UnknownOutcomeError("LinkedIn accepted the comment but did not return its id; it may exist", { httpStatus: res.status });
    return { id: urn, url: FEED_URL + c.parent.id, httpStatus: res.status, responseExcerpt: excerpt(res.text) };
  },
  async find(ctx, c) {
    if (!c.state.sent_at) return null;
    const actor = authorOf(ctx);
    const res = await send<{ elements?: { commentUrn?: string; actor?: string; message?: { text?: string } }[] }>(
      ctx,
      { path: `/rest/socialActions/${encodeURIComponent(c.parent.id)}/comments`, query: { count: 100 }, headers: restHeaders(ctx) },
      classifier(ctx, "checking the post's comments"),
    );
    const same = (a: string) => a.replace(/\s+/g, " ").trim() === c.text.replace(/\s+/g, " ").trim();
    const hit = (res.data?.elements ?? []).find((e) => e.actor === actor && typeof e.message?.text === "string" && same(e.message.text));
    return hit?.commentUrn ? { id: hit.commentUrn, url: FEED_URL + c.parent.id } : null;
  },
};
