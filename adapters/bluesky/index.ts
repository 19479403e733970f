/**
 * Bluesky (AT Protocol). The PDS is `ctx.baseUrl` (default https://bsky.social); sessions, error
 * mapping and token renewal are in ./xrpc.ts.
 *
 * Create-if-absent: every post record gets a record key derived from the idempotency key (part i
 * of a thread: from `<key>#<i>`), so a re-send after an unknown outcome targets the same
 * `at://<did>/app.bsky.feed.post/<rkey>`. A PDS refuses to create a record that already exists
 * (today with a 500, bluesky-social/atproto#3718; elsewhere a 400 "already exists"), so after
 * any HTTP error from createRecord we ask `getRecord` for that rkey and, when our post is there,
 * return it. findExisting is the same getRecord.
 *
 * Record keys of app.bsky.feed.post must be TIDs: 13 base32-sortable characters encoding a 64-bit
 * number (top bit 0, 53 bits of microseconds since 1970, 10 bits of clock id). We take the
 * timestamp and clock id from SHA-256 of the key, with the timestamp folded into 2020-01-01 +
 * 2^47 µs (≈ 4.5 years, so up to mid-2024): always a valid TID, never "in the future" for a
 * consumer that sanity-checks TID times, with 57 bits of hash to keep keys apart. The TID time
 * is not the post's time: apps sort by `createdAt`.
 *
 * Text: links (including bare domains, as the Bluesky app links them) and #tags become facets
 * with UTF-8 byte offsets. @mentions stay plain text: a mention facet needs the handle resolved
 * to a DID, which we do not do. Images: uploadBlob → `app.bsky.embed.images` (≤ 4, alt text);
 * one video: uploadBlob → `app.bsky.embed.video` (Bluesky also offers a video service with
 * processing feedback; a blob embed is the plain lexicon route). Threads reply with strong refs
 * to the root and the previous part, kept in `PublishedPart.extra` so a retry resumes.
 */
import crypto from "node:crypto";
import type { AdapterContext, PlatformAdapter, PublishMedia, PublishPost, PublishedPart } from "../adapter";
import { replyComments } from "../reply-comment";
import { AdapterError, PermanentError, RetryableError, UnknownOutcomeError } from "../errors";
import { excerpt } from "../http";
import { findUrls } from "../count";
import { descriptor, validate } from "./descriptor";
import { call, jwtExpiry, login, refresh, session, xrpc } from "./xrpc";
import { threadResult } from "../thread";

const POST = "app.bsky.feed.post";
const S32 = "234567abcdefghijklmnopqrstuvwxyz";
const TID_BASE_US = BigInt(Date.UTC(2020, 0, 1)) * 1000n;

interface StrongRef {
  uri: string;
  cid: string;
}
interface BlobRef {
  $type: "blob";
  ref: { $link: string };
  mimeType: string;
  size: number;
}
interface Facet {
  index: { byteStart: number; byteEnd: number };
  features: Record<string, string>[];
}
interface PostView {
  uri: string;
  likeCount?: number;
  repostCount?: number;
  replyCount?: number;
  quoteCount?: number;
}

/** The deterministic TID record key of part `index` of the post with `key` (see above). */
export function rkeyFor(key: string, index: number): string {
  const h = crypto
    .createHash("sha256")
    .update(index === 0 ? key : `${key}#${index}`)
    .digest();
  const bits = h.readBigUInt64BE(0);
  let n = ((TID_BASE_US + (bits >> 17n)) << 10n) | (bits & 0x3ffn);
  let out = "";
  for (let i = 0; i < 13; i++, n >>= 5n) out = S32.charAt(Number(n & 31n)) + out;
  return out;
}

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** Link and hashtag facets with UTF-8 byte offsets, in text order. */
export function facetsFor(text: string): Facet[] {
  const links = findUrls(text);
  const facets: Facet[] = links.map((u) => ({
    index: { byteStart: bytes(text.slice(0, u.start)), byteEnd: bytes(text.slice(0, u.end)) },
    features: [{ $type: "app.bsky.richtext.facet#link", uri: /^https?:\/\//i.test(u.url) ? u.url : `https://${u.url}` }],
  }));
  // The Bluesky app's rule: `#` after a space or at the start, trailing punctuation dropped,
  // not only digits, at most 64 characters.
  for (const m of text.matchAll(/(^|\s)[#＃]([^\s\u00ad\u2060\u200a-\u200d\u20e2]+)/gu)) {
    const tag = (m[2] ?? "").replace(/\p{P}+$/u, "");
    const start = m.index + (m[1] ?? "").length;
    const end = start + 1 + tag.length;
    if (!/[^\d\p{P}]/u.test(tag) || Array.from(tag).length > 64 || links.some((u) => start < u.end && end > u.start)) continue;
    facets.push({
      index: { byteStart: bytes(text.slice(0, start)), byteEnd: bytes(text.slice(0, end)) },
      features: [{ $type: "app.bsky.richtext.facet#tag", tag }],
    });
  }
  return facets.sort((a, b) => a.index.byteStart - b.index.byteStart);
}

const textsOf = (post: PublishPost): string[] => (post.parts.length > 1 ? post.parts : [post.text]);
const webUrl = (ctx: AdapterContext, did: string, rkey: string) =>
  `${typeof ctx.config.web_url === "string" && ctx.config.web_url ? ctx.config.web_url.replace(/\/+$/, "") : "https://bsky.app"}/profile/${did}/post/${rkey}`;

/** The record at our rkey, or null (`400 RecordNotFound`). getRecord is public: no session needed. */
async function getPost(ctx: AdapterContext, did: string, rkey: string): Promise<(StrongRef & { value?: { text?: unknown } }) | null> {
  try {
    const res = await call<StrongRef & { value?: { text?: unknown } }>(ctx, {
      path: "/xrpc/com.atproto.repo.getRecord",
      query: { repo: did, collection: POST, rkey },
    });
    return res.data;
  } catch (err) {
    if (err instanceof AdapterError && err.platformCode === "RecordNotFound") return null;
    throw err;
  }
}

/** createRecord; when the PDS refuses, a record already at our rkey is the post we sent before. */
async function createPost(ctx: AdapterContext, did: string, rkey: string, record: Record<string, unknown>) {
  try {
    const res = await xrpc<StrongRef>(ctx, {
      method: "POST",
      path: "/xrpc/com.atproto.repo.createRecord",
      json: { repo: did, collection: POST, rkey, record },
    });
    if (typeof res.data?.uri !== "string" || typeof res.data.cid !== "string") {
      throw new UnknownOutcomeError("Bluesky answered without the post's uri; the post may exist", {
        httpStatus: res.status,
        responseExcerpt: excerpt(res.text),
      });
    }
    return { ref: { uri: res.data.uri, cid: res.data.cid }, status: res.status as number | null, text: res.text };
  } catch (err) {
    if (!(err instanceof AdapterError) || err.httpStatus === null || (err.kind !== "retryable" && err.kind !== "permanent")) throw err;
    const existing = await getPost(ctx, did, rkey).catch(() => null);
    if (!existing) throw err;
    if (existing.value?.text !== record.text) {
      throw new PermanentError(`Bluesky already holds a different post under this post's record key (${rkey}); nothing was changed`, { cause: err });
    }
    return { ref: { uri: existing.uri, cid: existing.cid }, status: null, text: "" };
  }
}

async function uploadBlob(ctx: AdapterContext, m: PublishMedia, i: number): Promise<BlobRef> {
  try {
    const body = await m.read();
    const res = await xrpc<{ blob?: BlobRef }>(ctx, {
      method: "POST",
      path: "/xrpc/com.atproto.repo.uploadBlob",
      body,
      headers: { "content-type": m.mimeType },
      timeoutMs: Math.max(ctx.timeoutMs, 60_000),
    });
    if (!res.data?.blob) throw new RetryableError(`Bluesky accepted attachment ${i + 1} without a blob reference; will try again`);
    return res.data.blob;
  } catch (err) {
    // An interrupted upload leaves at most an unused blob, never a post.
    if (err instanceof UnknownOutcomeError)
      throw new RetryableError(`the upload of attachment ${i + 1} to Bluesky was interrupted; nothing was posted`, { cause: err });
    throw err;
  }
}

async function embedFor(ctx: AdapterContext, post: PublishPost): Promise<Record<string, unknown> | undefined> {
  if (post.media.length === 0) return undefined;
  const video = post.media.find((m) => m.mimeType.startsWith("video/"));
  if (video) {
    const blob = await uploadBlob(ctx, video, post.media.indexOf(video));
    return { $type: "app.bsky.embed.video", video: blob, ...(video.altText ? { alt: video.altText } : {}) };
  }
  const images = [];
  for (const [i, m] of post.media.entries()) images.push({ alt: m.altText ?? "", image: await uploadBlob(ctx, m, i) });
  return { $type: "app.bsky.embed.images", images };
}

/** Thread parts are checked before the first goes out, so a bad later part cannot leave half a thread. */
function checkThread(post: PublishPost, texts: string[]): void {
  if (texts.length < 2 || post.publishedParts.length > 0) return;
  const draft = {
    contentType: "thread" as const,
    title: post.title,
    text: post.text,
    parts: texts,
    tags: post.tags,
    link: post.link,
    media: post.media.map((m) => ({ mimeType: m.mimeType, sizeBytes: m.sizeBytes, altText: m.altText })),
  };
  const errors = validate(draft).filter((i) => i.severity === "error");
  if (errors.length) throw new PermanentError(`${errors.map((e) => e.message).join("; ")}. Nothing was posted, so no half thread is left on Bluesky.`);
}

/** Reply ref of a published part: from its extra, else looked up at its rkey. */
async function refOf(ctx: AdapterContext, did: string, post: PublishPost, part: PublishedPart | undefined, index: number): Promise<StrongRef> {
  if (part?.extra?.uri && part.extra.cid) return { uri: part.extra.uri, cid: part.extra.cid };
  const found = await getPost(ctx, did, rkeyFor(post.idempotencyKey, index));
  if (!found) throw new PermanentError(`thread part ${index + 1} is not on Bluesky any more, so the thread cannot continue under it`);
  return { uri: found.uri, cid: found.cid };
}

const partOf = (ctx: AdapterContext, did: string, index: number, rkey: string, ref: StrongRef): PublishedPart => ({
  index,
  id: ref.uri,
  url: webUrl(ctx, did, rkey),
  extra: { uri: ref.uri, cid: ref.cid },
});

export const adapter: PlatformAdapter = {
  id: "bluesky",
  descriptor,
  validate,

  async publish(ctx, post) {
    const texts = textsOf(post);
    checkThread(post, texts);
    const { did } = await session(ctx);
    const language = typeof ctx.config.language === "string" && ctx.config.language ? ctx.config.language : null;
    const done = new Map(post.publishedParts.map((p) => [p.index, p]));
    const embed = done.has(0) ? undefined : await embedFor(ctx, post);
    let last: { status: number | null; text: string } | null = null;
    for (const [i, text] of texts.entries()) {
      if (done.has(i)) continue;
      const rkey = rkeyFor(post.idempotencyKey, i);
      const facets = facetsFor(text);
      const reply = i === 0 ? undefined : { root: await refOf(ctx, did, post, done.get(0), 0), parent: await refOf(ctx, did, post, done.get(i - 1), i - 1) };
      const record: Record<string, unknown> = {
        $type: POST,
        text,
        createdAt: new Date().toISOString(),
        ...(language ? { langs: [language] } : {}),
        ...(facets.length ? { facets } : {}),
        ...(reply ? { reply } : {}),
        ...(i === 0 && embed ? { embed } : {}),
      };
      const created = await createPost(ctx, did, rkey, record);
      const part = partOf(ctx, did, i, rkey, created.ref);
      done.set(i, part);
      await post.onPartPublished(part);
      last = created;
    }
    return threadResult(texts.length, done, last);
  },

  // The rkey is ours: the post is there exactly when getRecord finds it. A thread counts as found
  // only when every part is; otherwise the re-send is create-if-absent part by part.
  async findExisting(ctx, post) {
    const { did } = await session(ctx);
    const parts: PublishedPart[] = [];
    for (let i = 0; i < textsOf(post).length; i++) {
      const rkey = rkeyFor(post.idempotencyKey, i);
      const found = await getPost(ctx, did, rkey);
      if (!found) return null;
      parts.push(partOf(ctx, did, i, rkey, found));
    }
    const first = parts[0] as PublishedPart;
    return { platformPostId: first.id, url: first.url ?? null, parts: parts.length > 1 ? parts : undefined };
  },

  async fetchMetrics(ctx, platformPostId) {
    const res = await xrpc<{ posts?: PostView[] }>(ctx, { path: "/xrpc/app.bsky.feed.getPosts", query: { uris: platformPostId } });
    const p = res.data?.posts?.find((x) => x.uri === platformPostId);
    if (!p) throw new PermanentError("the post is no longer on Bluesky (deleted, or not indexed yet)");
    const n = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    return {
      likes: n(p.likeCount),
      // Quotes are shares with a comment: counted with reposts; raw keeps them apart.
      shares: n(p.repostCount) + n(p.quoteCount),
      comments: n(p.replyCount),
      // Bluesky does not expose clicks, impressions or reach.
      clicks: 0,
      impressions: 0,
      reach: 0,
      raw: { likeCount: p.likeCount, repostCount: p.repostCount, replyCount: p.replyCount, quoteCount: p.quoteCount },
    };
  },

  // A fresh sign-in proves the app password (and refreshes the cached session).
  async verifyCredentials(ctx) {
    const s = await login(ctx);
    return { externalId: s.did, name: s.handle ? `@${s.handle}` : s.did };
  },

  async refreshToken(ctx) {
    const s = await refresh(ctx);
    return { credentials: { ...ctx.credentials }, expiresAt: jwtExpiry(s.accessJwt) };
  },
};

/** The first comment is a reply to the post (adapters/reply-comment.ts). */
adapter.comment = replyComments(adapter);
