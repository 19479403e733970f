/**
 * X API v2 as its documentation describes it: Bearer user tokens, `POST /2/tweets` with a strict
 * body schema, 280 weighted characters (counted like validate()), 403 for duplicate text, reply
 * chains, the v2 chunked media upload, the user timeline, public metrics and the OAuth 2 token
 * endpoint with rotating refresh tokens. Error bodies use X's problem shape ({ title, detail, type }).
 * The OAuth 2.0 authorize page (x.com/i/oauth2/authorize) is stood in for by `GET /i/oauth2/authorize`,
 * which "consents" at once: it redirects to the given redirect_uri with code and state, and
 * remembers the PKCE challenge, which the token endpoint checks against the code_verifier.
 */
import { measureText } from "../rules";
import { descriptor } from "../x/descriptor";
import { mediaKind } from "../media-rules";
import type { Fault, FakeReply, FakeRequest } from "./server";
import { FakePlatform, bearer } from "./server";
import { findUrls } from "../count";
import crypto from "node:crypto";

/** One authorize request as the fake received it (what the person's browser was sent to). */
export interface XAuthorizeSeen {
  client_id: string;
  redirect_uri: string;
  scope: string;
  state: string;
  code_challenge: string;
  code_challenge_method: string;
}

export interface XTweet {
  id: string;
  text: string;
  authorId: string;
  replyTo: string | null;
  mediaIds: string[];
  createdAt: string;
  metrics: { like_count: number; retweet_count: number; reply_count: number; quote_count: number; impression_count: number };
}

interface XMedia {
  id: string;
  type: string;
  category: string;
  total: number;
  segments: Map<number, number>;
  finalized: boolean;
  polls: number;
  altText: string | null;
}

const problem = (status: number, title: string, detail: string, type = "about:blank"): FakeReply => ({
  status,
  json: { title, detail, type, status },
});
const invalid = (message: string): FakeReply => ({
  status: 400,
  json: {
    errors: [{ message }],
    title: "Invalid Request",
    detail: "One or more parameters to your request was invalid.",
    type: "https://api.twitter.com/2/problems/invalid-request",
  },
});

/** 429 as X sends it: no Retry-After, the window's end in `x-rate-limit-reset` (epoch seconds). */
export function xRateLimited(resetEpochSeconds: number): Fault {
  return {
    kind: "status",
    status: 429,
    json: { title: "Too Many Requests", detail: "Too Many Requests", type: "about:blank", status: 429 },
    headers: { "x-rate-limit-limit": "200", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(resetEpochSeconds) },
  };
}

const TWEET_FIELDS = new Set(["text", "reply", "media", "quote_tweet_id", "reply_settings"]);
const CATEGORIES = new Set(["tweet_image", "tweet_gif", "tweet_video", "amplify_video"]);

export function createXFake(opts: { token: string; userId?: string; username?: string; clientId?: string; clientSecret?: string; refreshToken?: string }) {
  const fake = new FakePlatform("x");
  const userId = opts.userId ?? "1500000000000000001";
  const tweets: XTweet[] = [];
  const media = new Map<string, XMedia>();
  const tokens = new Set([opts.token]);
  const state = { refreshToken: opts.refreshToken ?? "refresh-1", issued: 0 };
  const authorizeSeen: XAuthorizeSeen[] = [];
  const codes = new Map<string, { challenge: string; redirectUri: string; clientId: string }>();
  let seq = 0n;
  const nextId = () => String(1_900_000_000_000_000_000n + ++seq);

  const authed = (req: FakeRequest): FakeReply | null => {
    const t = bearer(req);
    return t && tokens.has(t) ? null : problem(401, "Unauthorized", "Unauthorized");
  };
  /** How X shows text back: links become t.co links and &, <, > are HTML-escaped. */
  const rendered = (text: string) => {
    let out = "";
    let pos = 0;
    for (const u of findUrls(text)) {
      out += `${text.slice(pos, u.start)}https://t.co/${u.start.toString(36)}x${u.url.length}`;
      pos = u.end;
    }
    return (out + text.slice(pos)).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  };

  fake.route("POST", "/2/tweets", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const body = req.body as Record<string, unknown> | null;
    if (!body || typeof body !== "object" || "__invalid_json" in body) return invalid("Request body must be a JSON object");
    for (const k of Object.keys(body)) {
      if (!TWEET_FIELDS.has(k)) return invalid(`$.${k}: is not defined in the schema and the schema does not allow additional properties`);
    }
    const text = body.text;
    if (text !== undefined && typeof text !== "string") return invalid("$.text: string expected");
    const reply = body.reply as { in_reply_to_tweet_id?: unknown } | undefined;
    if (reply !== undefined) {
      if (typeof reply !== "object" || reply === null || Object.keys(reply).some((k) => k !== "in_reply_to_tweet_id" && k !== "exclude_reply_user_ids")) {
        return invalid("$.reply: only in_reply_to_tweet_id and exclude_reply_user_ids are allowed");
      }
      if (typeof reply.in_reply_to_tweet_id !== "string") return invalid("$.reply.in_reply_to_tweet_id: string expected");
      if (!tweets.some((t) => t.id === reply.in_reply_to_tweet_id)) {
        return problem(403, "Forbidden", "Reply to a deleted or not visible Tweet.");
      }
    }
    const m = body.media as { media_ids?: unknown } | undefined;
    let mediaIds: string[] = [];
    if (m !== undefined) {
      const ids = m && typeof m === "object" ? m.media_ids : undefined;
      if (!Array.isArray(ids) || ids.length < 1 || ids.length > 4 || ids.some((i) => typeof i !== "string")) {
        return invalid("$.media.media_ids: 1 to 4 media id strings expected");
      }
      mediaIds = ids as string[];
      const items = mediaIds.map((i) => media.get(i));
      if (items.some((x) => !x || !x.finalized || (x.category !== "tweet_image" && x.polls < 2))) return invalid("Your media IDs are invalid.");
      if (items.length > 1 && items.some((x) => x?.category !== "tweet_image")) return invalid("A post takes 4 images or one GIF or one video.");
    }
    if ((typeof text !== "string" || text.trim() === "") && mediaIds.length === 0) return invalid("Post text or media is required.");
    const t = typeof text === "string" ? text : "";
    if (measureText(descriptor.limits, t) > 280) {
      return problem(
        403,
        "Forbidden",
        "Your Tweet text is too long. For more information on how X determines text length see https://github.com/twitter/twitter-text.",
      );
    }
    if (t.trim() && tweets.some((x) => x.authorId === userId && x.text === t)) {
      return problem(403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    }
    const tweet: XTweet = {
      id: nextId(),
      text: t,
      authorId: userId,
      replyTo: reply ? (reply.in_reply_to_tweet_id as string) : null,
      mediaIds,
      createdAt: new Date().toISOString(),
      metrics: { like_count: 0, retweet_count: 0, reply_count: 0, quote_count: 0, impression_count: 0 },
    };
    tweets.push(tweet);
    const resetAt = String(Math.floor(Date.now() / 1000) + 900);
    return {
      status: 201,
      json: { data: { id: tweet.id, text: rendered(t), edit_history_tweet_ids: [tweet.id] } },
      headers: { "x-rate-limit-limit": "200", "x-rate-limit-remaining": "199", "x-rate-limit-reset": resetAt },
    };
  });

  fake.route(
    "GET",
    "/2/users/me",
    (req) => authed(req) ?? { status: 200, json: { data: { id: userId, name: "Fake User", username: opts.username ?? "fakeuser" } } },
  );

  fake.route("GET", "/2/users/:id/tweets", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const max = Number(req.query.get("max_results") ?? 10);
    if (!Number.isInteger(max) || max < 5 || max > 100) return invalid("The `max_results` query parameter value is not between 5 and 100");
    const fields = (req.query.get("tweet.fields") ?? "").split(",");
    const start = req.query.get("start_time");
    if (start !== null && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(start))
      return invalid("The `start_time` query parameter value is not a valid time (YYYY-MM-DDTHH:mm:ssZ)");
    const offset = Number(req.query.get("pagination_token") ?? 0);
    const all = tweets.filter((t) => t.authorId === req.params.id && (start === null || Date.parse(t.createdAt) >= Date.parse(start))).reverse();
    const own = all.slice(offset, offset + max);
    const next = offset + max < all.length ? String(offset + max) : undefined;
    const data = own.map((t) => ({
      id: t.id,
      text: rendered(t.text),
      edit_history_tweet_ids: [t.id],
      ...(fields.includes("created_at") ? { created_at: t.createdAt } : {}),
      ...(fields.includes("referenced_tweets") && t.replyTo ? { referenced_tweets: [{ type: "replied_to", id: t.replyTo }] } : {}),
    }));
    return {
      status: 200,
      json: own.length
        ? { data, meta: { result_count: own.length, newest_id: own[0]?.id, ...(next ? { next_token: next } : {}) } }
        : { meta: { result_count: 0 } },
    };
  });

  fake.route("GET", "/2/tweets/:id", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const t = tweets.find((x) => x.id === req.params.id);
    if (!t) {
      const detail = `Could not find tweet with id: [${req.params.id}].`;
      return {
        status: 200,
        json: {
          errors: [
            { value: req.params.id, detail, title: "Not Found Error", resource_type: "tweet", type: "https://api.twitter.com/2/problems/resource-not-found" },
          ],
        },
      };
    }
    const withMetrics = (req.query.get("tweet.fields") ?? "").split(",").includes("public_metrics");
    return {
      status: 200,
      json: { data: { id: t.id, text: rendered(t.text), ...(withMetrics ? { public_metrics: { ...t.metrics, bookmark_count: 0 } } : {}) } },
    };
  });

  fake.route("POST", "/2/media/upload/initialize", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const b = (req.body ?? {}) as Record<string, unknown>;
    for (const k of Object.keys(b)) {
      if (!["media_type", "total_bytes", "media_category", "shared", "additional_owners"].includes(k)) return invalid(`$.${k}: is not defined in the schema`);
    }
    if (typeof b.media_type !== "string" || !descriptor.media.accepted.includes(b.media_type)) return invalid("$.media_type: unsupported media type");
    if (typeof b.total_bytes !== "number" || b.total_bytes < 1) return invalid("$.total_bytes: positive integer expected");
    if (typeof b.media_category !== "string" || !CATEGORIES.has(b.media_category)) return invalid("$.media_category: unknown category");
    const kind = mediaKind(b.media_type) ?? "image";
    const cap = descriptor.media.maxBytes[kind];
    if (cap !== null && b.total_bytes > cap) return invalid(`File size exceeds ${cap} bytes.`);
    const id = nextId();
    media.set(id, { id, type: b.media_type, category: b.media_category, total: b.total_bytes, segments: new Map(), finalized: false, polls: 0, altText: null });
    return { status: 200, json: { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } } };
  });

  fake.route("POST", "/2/media/upload/:id/append", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const item = media.get(req.params.id ?? "");
    if (!item || item.finalized) return invalid("Unknown or finalized media id");
    const b = (req.body ?? {}) as { media?: unknown; segment_index?: unknown };
    if (typeof b.media !== "string" || typeof b.segment_index !== "number" || b.segment_index < 0 || b.segment_index > 999) {
      return invalid("$.media (base64) and $.segment_index (0-999) are required");
    }
    const size = Buffer.from(b.media, "base64").length;
    if (size > 5 * 1024 * 1024) return invalid("Segment is larger than 5 MB");
    item.segments.set(b.segment_index, size);
    return { status: 200, json: { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } } };
  });

  fake.route("POST", "/2/media/upload/:id/finalize", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const item = media.get(req.params.id ?? "");
    if (!item) return invalid("Unknown media id");
    const sum = [...item.segments.values()].reduce((a, n) => a + n, 0);
    if (sum !== item.total) return invalid("Segments do not add up to provided total file size.");
    item.finalized = true;
    const async = item.category !== "tweet_image";
    return {
      status: 200,
      json: { data: { id: item.id, media_key: `3_${item.id}`, size: sum, ...(async ? { processing_info: { state: "pending", check_after_secs: 0 } } : {}) } },
    };
  });

  // STATUS: a processed upload goes pending → in_progress → succeeded over two polls.
  fake.route("GET", "/2/media/upload", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const item = media.get(req.query.get("media_id") ?? "");
    if (req.query.get("command") !== "STATUS" || !item?.finalized) return invalid("command=STATUS and a finalized media_id are required");
    item.polls++;
    const state = item.polls >= 2 ? "succeeded" : "in_progress";
    return { status: 200, json: { data: { id: item.id, processing_info: { state, check_after_secs: 0, progress_percent: item.polls * 50 } } } };
  });

  fake.route("POST", "/2/media/metadata", (req) => {
    const denied = authed(req);
    if (denied) return denied;
    const b = (req.body ?? {}) as { id?: string; metadata?: { alt_text?: { text?: unknown } } };
    const item = media.get(b.id ?? "");
    const alt = b.metadata?.alt_text?.text;
    if (!item || typeof alt !== "string" || alt.length > 1000) return invalid("$.metadata.alt_text.text: up to 1000 characters for a known media id");
    item.altText = alt;
    return { status: 200, json: { data: { id: item.id, associated_metadata: true } } };
  });

  // X's consent page, consenting at once. X answers a bad request with an error page, not a redirect.
  fake.route("GET", "/i/oauth2/authorize", (req) => {
    const q = Object.fromEntries(req.query) as Record<string, string | undefined>;
    const seen: XAuthorizeSeen = {
      client_id: q.client_id ?? "",
      redirect_uri: q.redirect_uri ?? "",
      scope: q.scope ?? "",
      state: q.state ?? "",
      code_challenge: q.code_challenge ?? "",
      code_challenge_method: q.code_challenge_method ?? "",
    };
    authorizeSeen.push(seen);
    const bad = (why: string): FakeReply => ({ status: 400, text: `Something went wrong: ${why}`, headers: { "content-type": "text/plain; charset=utf-8" } });
    if (q.response_type !== "code") return bad("response_type must be code");
    if (!seen.client_id || (opts.clientId && seen.client_id !== opts.clientId)) return bad("unknown client_id");
    if (!/^https?:\/\//.test(seen.redirect_uri)) return bad("redirect_uri is required");
    if (!seen.state) return bad("state is required");
    if (seen.code_challenge_method !== "S256" || !/^[A-Za-z0-9_-]{43}$/.test(seen.code_challenge)) return bad("PKCE with S256 is required");
    const code = `code-${crypto.randomBytes(12).toString("base64url")}`;
    codes.set(code, { challenge: seen.code_challenge, redirectUri: seen.redirect_uri, clientId: seen.client_id });
    const back = new URL(seen.redirect_uri);
    back.searchParams.set("state", seen.state);
    back.searchParams.set("code", code);
    return { status: 302, headers: { location: back.toString() }, text: "" };
  });

  const issue = (): FakeReply => {
    state.issued++;
    const access = `access-${state.issued}`;
    tokens.add(access);
    state.refreshToken = `refresh-${state.issued + 1}`;
    return {
      status: 200,
      json: {
        token_type: "bearer",
        expires_in: 7200,
        access_token: access,
        scope: "tweet.read tweet.write users.read offline.access",
        refresh_token: state.refreshToken,
      },
    };
  };

  // OAuth 2 token endpoint: codes and refresh tokens are single-use; confidential clients use HTTP Basic.
  fake.route("POST", "/2/oauth2/token", (req) => {
    const b = (req.body ?? {}) as Record<string, string>;
    if (opts.clientSecret) {
      const want = `Basic ${Buffer.from(`${opts.clientId ?? ""}:${opts.clientSecret}`).toString("base64")}`;
      if (req.headers.authorization !== want)
        return { status: 401, json: { error: "unauthorized_client", error_description: "Missing valid authorization header" } };
    }
    if (b.grant_type === "authorization_code") {
      const grant = codes.get(b.code ?? "");
      codes.delete(b.code ?? "");
      if (!grant) return { status: 400, json: { error: "invalid_request", error_description: "Value passed for the authorization code was invalid." } };
      if (b.redirect_uri !== grant.redirectUri || b.client_id !== grant.clientId) {
        return { status: 400, json: { error: "invalid_request", error_description: "redirect_uri or client_id does not match the authorization request." } };
      }
      const challenge = crypto
        .createHash("sha256")
        .update(b.code_verifier ?? "")
        .digest("base64url");
      if (challenge !== grant.challenge)
        return { status: 400, json: { error: "invalid_request", error_description: "Value passed for the code_verifier was invalid." } };
      return issue();
    }
    if (b.grant_type !== "refresh_token" || b.client_id !== (opts.clientId ?? b.client_id)) {
      return { status: 400, json: { error: "invalid_request", error_description: "Missing required parameter [grant_type] or wrong client_id." } };
    }
    if (b.refresh_token !== state.refreshToken)
      return { status: 400, json: { error: "invalid_request", error_description: "Value passed for the token was invalid." } };
    return issue();
  });

  return Object.assign(fake, { tweets, media, tokens, userId, state, authorizeSeen });
}
