/**
 * A Mastodon server as its REST API documents it (docs.joinmastodon.org: methods/statuses,
 * methods/media, methods/instance, methods/accounts):
 * - Bearer token on every call that needs a user; 401 `{ error }` otherwise.
 * - `POST /api/v1/statuses` answers 200 with the Status; `Idempotency-Key` is honoured for one
 *   hour per account (Mastodon keeps `idempotency:status:<account>:<key>` in Redis for 3,600 s), so
 *   a repeat returns the same status and creates nothing. The window runs on an injectable clock.
 * - Per-server `max_characters` (default 500, from `/api/v2/instance`); every http(s) URL counts
 *   23 — counted with the same `countText` the descriptor's validate() uses.
 * - `POST /api/v2/media` (multipart `file` + `description`): 200 when processed, 202 while
 *   processing; `GET /api/v1/media/:id` answers 206 until done, then 200 with a url. Attaching
 *   unprocessed media is a 422, as on Mastodon.
 * - Status `content` is HTML rendered like Mastodon (paragraphs, `<br />`, links split into
 *   invisible/ellipsis spans, hashtag links), so findExisting has to strip it as for real.
 * Stricter than Mastodon where a silent drop would hide an adapter bug: unknown body fields and
 * unknown or already-attached media ids are 422 here (Mastodon ignores them).
 */
import { countText, findUrls } from "../count";
import { FakePlatform, bearer, type Fault, type FakeReply, type FakeRequest } from "./server";

export const IDEMPOTENCY_WINDOW_MS = 3600_000;
const STATUS_FIELDS = new Set(["status", "in_reply_to_id", "media_ids", "visibility", "language", "sensitive", "spoiler_text", "scheduled_at"]);
const VISIBILITIES = new Set(["public", "unlisted", "private", "direct"]);
const MB = 1024 * 1024;
const MEDIA_TYPES: Record<string, "image" | "gifv" | "video"> = {
  "image/jpeg": "image",
  "image/png": "image",
  "image/webp": "image",
  "image/heic": "image",
  "image/heif": "image",
  "image/avif": "image",
  "image/gif": "gifv",
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/webm": "video",
};

export interface MastodonStatus {
  id: string;
  createdAt: number;
  text: string;
  inReplyToId: string | null;
  visibility: string;
  language: string | null;
  mediaIds: string[];
  idempotencyKey: string | null;
  favourites: number;
  reblogs: number;
  replies: number;
}

export interface MastodonMedia {
  id: string;
  type: "image" | "gifv" | "video";
  mimeType: string;
  sizeBytes: number;
  description: string | null;
  /** Polls left until processed (0 = ready; the poll that reaches 0 answers 200). */
  pollsLeft: number;
  statusId: string | null;
}

export interface MastodonFakeOptions {
  token: string;
  maxCharacters?: number;
  /** Base clock for the Idempotency-Key window (default Date.now); `advance()` moves it. */
  now?: () => number;
  /** `GET /api/v1/media/:id` calls an asynchronous upload needs; all but the last answer 206. */
  processingPolls?: number;
  /** Process images asynchronously too (video always is). */
  asyncImages?: boolean;
  username?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const unprocessable = (error: string): FakeReply => ({ status: 422, json: { error } });
const notFound: FakeReply = { status: 404, json: { error: "Record not found" } };

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/** Mastodon's link markup: protocol hidden, the first 30 characters shown, the rest hidden. */
function linkHtml(url: string): string {
  const m = /^(https?:\/\/(?:www\.)?)(.*)$/s.exec(url);
  const [prefix, rest] = [m?.[1] ?? "", m?.[2] ?? url];
  const [shown, hidden] = [rest.slice(0, 30), rest.slice(30)];
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener noreferrer" translate="no">` +
    `<span class="invisible">${escapeHtml(prefix)}</span><span class="${hidden ? "ellipsis" : ""}">${escapeHtml(shown)}</span>` +
    `<span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

/** Plain text → the HTML Mastodon stores in `content`. */
export function renderHtml(text: string, base: string): string {
  const plain = (s: string) =>
    escapeHtml(s).replace(
      /(^|[^\p{L}\p{N}_&/])#([\p{L}\p{N}_]+)/gu,
      (_m, pre: string, tag: string) => `${pre}<a href="${base}/tags/${tag}" class="mention hashtag" rel="tag">#<span>${tag}</span></a>`,
    );
  let html = "";
  let pos = 0;
  for (const u of findUrls(text, { bareDomains: false })) {
    html += plain(text.slice(pos, u.start)) + linkHtml(u.url);
    pos = u.end;
  }
  html += plain(text.slice(pos));
  return html
    .split(/\n{2,}/)
    .map((p) => `<p>${p.replace(/\n/g, "<br />")}</p>`)
    .join("");
}

export const mastodonFaults = {
  /** Mastodon's 429: `X-RateLimit-Reset` is an ISO 8601 time (microseconds), no Retry-After. */
  rateLimited: (resetAt: Date): Fault => ({
    kind: "status",
    status: 429,
    json: { error: "Too many requests" },
    headers: { "x-ratelimit-limit": "300", "x-ratelimit-remaining": "0", "x-ratelimit-reset": resetAt.toISOString().replace("Z", "000Z") },
  }),
};

export function createMastodonFake(opts: MastodonFakeOptions) {
  const fake = new FakePlatform("mastodon");
  const statuses: MastodonStatus[] = [];
  const media = new Map<string, MastodonMedia>();
  const keys = new Map<string, { statusId: string; at: number }>();
  const account = { id: "109000000000000001", username: opts.username ?? "scheduler", followers: 250 };
  let offset = 0;
  let seq = 0;
  const now = () => (opts.now ?? Date.now)() + offset;
  const nextId = () => String(110_000_000_000_000_000n + BigInt(++seq));
  const state = {
    maxCharacters: opts.maxCharacters ?? 500,
    processingPolls: opts.processingPolls ?? 1,
    asyncImages: opts.asyncImages ?? false,
  };

  const denied = (req: FakeRequest): FakeReply | null => (bearer(req) === opts.token ? null : { status: 401, json: { error: "The access token is invalid" } });
  const mediaJson = (m: MastodonMedia) => {
    const url = m.pollsLeft > 0 ? null : `${fake.url}/system/media_attachments/${m.id}`;
    return { id: m.id, type: m.type, url, preview_url: url, remote_url: null, description: m.description, blurhash: null, meta: {} };
  };
  const accountJson = () => ({
    id: account.id,
    username: account.username,
    acct: account.username,
    display_name: "Scheduler",
    url: `${fake.url}/@${account.username}`,
    followers_count: account.followers,
  });
  const statusJson = (s: MastodonStatus) => ({
    id: s.id,
    created_at: new Date(s.createdAt).toISOString(),
    in_reply_to_id: s.inReplyToId,
    in_reply_to_account_id: s.inReplyToId ? account.id : null,
    sensitive: false,
    spoiler_text: "",
    visibility: s.visibility,
    language: s.language,
    uri: `${fake.url}/users/${account.username}/statuses/${s.id}`,
    url: `${fake.url}/@${account.username}/${s.id}`,
    replies_count: s.replies,
    reblogs_count: s.reblogs,
    favourites_count: s.favourites,
    content: renderHtml(s.text, fake.url),
    account: accountJson(),
    media_attachments: s.mediaIds.map((id) => mediaJson(media.get(id) as MastodonMedia)),
    mentions: [],
    tags: [],
  });

  // Every server registers its own OAuth apps (no token needed).
  const apps: { client_id: string; client_secret: string; redirect_uri: string; scopes: string }[] = [];
  fake.route("POST", "/api/v1/apps", (req) => {
    const b = (req.body ?? {}) as Record<string, string>;
    if (!b.client_name || !b.redirect_uris)
      return { status: 422, json: { error: "Validation failed: Application name can't be blank, Redirect URI can't be blank" } };
    const app = { client_id: `cid-${apps.length + 1}`, client_secret: `secret-${apps.length + 1}`, redirect_uri: b.redirect_uris, scopes: b.scopes ?? "read" };
    apps.push(app);
    return {
      status: 200,
      json: {
        id: String(apps.length),
        name: b.client_name,
        website: b.website ?? null,
        redirect_uri: app.redirect_uri,
        client_id: app.client_id,
        client_secret: app.client_secret,
      },
    };
  });

  fake.route("GET", "/api/v2/instance", () => ({
    status: 200,
    json: {
      domain: new URL(fake.url).host,
      title: "Fake Mastodon",
      version: "4.3.0",
      configuration: {
        statuses: { max_characters: state.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 },
        media_attachments: { supported_mime_types: Object.keys(MEDIA_TYPES), image_size_limit: 16 * MB, video_size_limit: 99 * MB, description_limit: 1500 },
      },
    },
  }));

  fake.route("GET", "/api/v1/accounts/verify_credentials", (req) => denied(req) ?? { status: 200, json: accountJson() });

  fake.route("GET", "/api/v1/accounts/:id/statuses", (req) => {
    if (req.params.id !== account.id) return notFound;
    const limit = Math.min(40, Math.max(1, Number(req.query.get("limit") ?? 20) || 20));
    return { status: 200, json: [...statuses].reverse().slice(0, limit).map(statusJson) };
  });

  fake.route("GET", "/api/v1/statuses/:id", (req) => {
    const s = statuses.find((x) => x.id === req.params.id);
    return s ? { status: 200, json: statusJson(s) } : notFound;
  });

  fake.route("POST", "/api/v1/statuses", (req) => {
    const no = denied(req);
    if (no) return no;
    const body = req.body;
    if (!isRecord(body)) return unprocessable("Validation failed: Text can't be blank");
    const unknown = Object.keys(body).filter((k) => !STATUS_FIELDS.has(k));
    if (unknown.length) return unprocessable(`Unknown parameter: ${unknown.join(", ")}`);
    const key = typeof req.headers["idempotency-key"] === "string" ? req.headers["idempotency-key"] : null;
    const seen = key ? keys.get(`${account.id}:${key}`) : undefined;
    if (seen && now() - seen.at < IDEMPOTENCY_WINDOW_MS) {
      return { status: 200, json: statusJson(statuses.find((s) => s.id === seen.statusId) as MastodonStatus) };
    }
    const text = body.status ?? "";
    if (typeof text !== "string") return unprocessable("Validation failed: Text is invalid");
    const mediaIds = body.media_ids ?? [];
    if (!Array.isArray(mediaIds) || mediaIds.some((m) => typeof m !== "string")) return unprocessable("media_ids must be an array of strings");
    const visibility = body.visibility ?? "public";
    if (typeof visibility !== "string" || !VISIBILITIES.has(visibility)) return unprocessable(`'${String(visibility)}' is not a valid visibility`);
    const language = body.language ?? null;
    if (language !== null && (typeof language !== "string" || !/^[a-z]{2,3}$/.test(language)))
      return unprocessable("Validation failed: Language is not a valid language code");
    const replyTo = body.in_reply_to_id ?? null;
    if (replyTo !== null && (typeof replyTo !== "string" || !statuses.some((s) => s.id === replyTo))) {
      return { status: 404, json: { error: "The post you are trying to reply to does not appear to exist." } };
    }
    if (mediaIds.length > 4) return unprocessable("Cannot attach more than 4 files");
    const attached = (mediaIds as string[]).map((id) => media.get(id));
    if (attached.some((m) => !m || m.statusId !== null)) return unprocessable("Validation failed: unknown or already attached media");
    if (attached.some((m) => m && m.pollsLeft > 0)) return unprocessable("Cannot attach files that have not finished processing. Try again in a moment!");
    if (!text.trim() && mediaIds.length === 0) return unprocessable("Validation failed: Text can't be blank");
    if (countText(text, "chars", { urlLength: 23 }) > state.maxCharacters) {
      return unprocessable(`Validation failed: Text character limit of ${state.maxCharacters} exceeded`);
    }
    const status: MastodonStatus = {
      id: nextId(),
      createdAt: now(),
      text,
      inReplyToId: replyTo as string | null,
      visibility,
      language: language as string | null,
      mediaIds: mediaIds as string[],
      idempotencyKey: key,
      favourites: 0,
      reblogs: 0,
      replies: 0,
    };
    for (const m of attached) if (m) m.statusId = status.id;
    const parent = statuses.find((s) => s.id === replyTo);
    if (parent) parent.replies++;
    statuses.push(status);
    if (key) keys.set(`${account.id}:${key}`, { statusId: status.id, at: now() });
    return { status: 200, json: statusJson(status) };
  });

  fake.route("POST", "/api/v2/media", async (req) => {
    const no = denied(req);
    if (no) return no;
    const ct = req.headers["content-type"] ?? "";
    if (!ct.startsWith("multipart/form-data")) return unprocessable("Validation failed: File can't be blank");
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(req.raw), { headers: { "content-type": ct } }).formData();
    } catch {
      return { status: 400, json: { error: "Malformed multipart body" } };
    }
    const unknown = [...form.keys()].filter((k) => k !== "file" && k !== "description" && k !== "focus");
    if (unknown.length) return unprocessable(`Unknown parameter: ${unknown.join(", ")}`);
    const file = form.get("file");
    if (file === null || typeof file === "string") return unprocessable("Validation failed: File can't be blank");
    const type = MEDIA_TYPES[file.type];
    if (!type) return unprocessable("Validation failed: File content type is invalid");
    const description = form.get("description");
    if (typeof description === "string" && Array.from(description).length > 1500) {
      return unprocessable("Validation failed: Description is too long (maximum is 1500 characters)");
    }
    const cap = type === "video" ? 99 * MB : 16 * MB;
    if (file.size > cap) return unprocessable(`Validation failed: File file size must be less than ${cap / MB} MB`);
    const async = type === "video" || state.asyncImages;
    const m: MastodonMedia = {
      id: nextId(),
      type,
      mimeType: file.type,
      sizeBytes: file.size,
      description: typeof description === "string" ? description : null,
      pollsLeft: async ? Math.max(1, state.processingPolls) : 0,
      statusId: null,
    };
    media.set(m.id, m);
    return { status: async ? 202 : 200, json: mediaJson(m) };
  });

  fake.route("GET", "/api/v1/media/:id", (req) => {
    const no = denied(req);
    if (no) return no;
    const m = media.get(req.params.id ?? "");
    if (!m) return notFound;
    if (m.pollsLeft > 0) {
      m.pollsLeft--;
      if (m.pollsLeft > 0) return { status: 206, json: mediaJson(m) };
    }
    return { status: 200, json: mediaJson(m) };
  });

  return Object.assign(fake, {
    apps,
    statuses,
    media,
    account,
    settings: state,
    /** Moves the fake's clock (the Idempotency-Key window) forward. */
    advance: (ms: number) => void (offset += ms),
  });
}
