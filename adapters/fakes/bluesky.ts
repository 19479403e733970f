/**
 * A Bluesky PDS as the AT Protocol documents it (docs.bsky.app HTTP reference, atproto.com specs,
 * lexicons com.atproto.server.*, com.atproto.repo.*, app.bsky.feed.post, app.bsky.richtext.facet):
 * - Sessions: createSession `{ identifier, password }` → `{ accessJwt, refreshJwt, did, handle }`;
 *   an expired access token is `400 ExpiredToken`; refreshSession (Bearer refreshJwt) rotates
 *   both tokens and revokes the old refresh token. Errors are `{ error, message }`.
 * - createRecord with a client-chosen rkey, which must be a TID for app.bsky.feed.post. A create
 *   on an rkey that already exists fails: today's reference PDS answers
 *   `500 { error: "InternalServerError", message: "Internal Server Error" }` (the MST refuses the
 *   key; bluesky-social/atproto#3718, indigo#873); `duplicate: "invalid_request"` switches to the
 *   `400 InvalidRequest "Record already exists"` those issues ask for. Either way nothing is created.
 * - Text limits of the post lexicon: 300 graphemes (Intl.Segmenter) and 3,000 UTF-8 bytes.
 * - Facets: byte offsets must cut the text exactly at the link text / `#tag`.
 * - Images: uploadBlob (raw bytes, Content-Type) → blob ref; embed.images ≤ 4, ≤ 1,000,000 bytes.
 * Stricter than a PDS where a lax answer would hide an adapter bug: unknown record fields are
 * refused, and reply refs must point at an existing post with the right cid (the PDS stores any
 * strong ref; the AppView would show a broken thread).
 */
import crypto from "node:crypto";
import { FakePlatform, bearer, type Fault, type FakeReply, type FakeRequest } from "./server";

const POST = "app.bsky.feed.post";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const BODY_FIELDS = new Set(["repo", "collection", "rkey", "validate", "record", "swapCommit"]);
const RECORD_FIELDS = new Set(["$type", "text", "createdAt", "langs", "facets", "reply", "embed", "tags", "labels"]);
const S32 = "234567abcdefghijklmnopqrstuvwxyz";
const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export interface BlueskyPost {
  uri: string;
  cid: string;
  rkey: string;
  record: Record<string, unknown>;
  likeCount: number;
  repostCount: number;
  replyCount: number;
  quoteCount: number;
}

interface Blob { cid: string; mimeType: string; size: number }
interface Token { kind: "access" | "refresh"; exp: number; revoked: boolean }

export interface BlueskyFakeOptions {
  handle: string;
  /** The app password. */
  password: string;
  did?: string;
  now?: () => number;
  accessTtlMs?: number;
  refreshTtlMs?: number;
  duplicate?: "internal_error" | "invalid_request";
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const xrpcError = (status: number, error: string, message: string): FakeReply => ({ status, json: { error, message } });
const invalid = (message: string) => xrpcError(400, "InvalidRequest", message);
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (s: string) => Array.from(segmenter.segment(s)).length;
const cidOf = (prefix: string, data: string | Buffer) => prefix + crypto.createHash("sha256").update(data).digest("hex").slice(0, 52);

export const blueskyFaults = {
  /** The PDS's 429: `ratelimit-reset` is a Unix time in seconds. */
  rateLimited: (resetEpochSeconds: number): Fault => ({
    kind: "status",
    status: 429,
    json: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
    headers: { "ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": String(resetEpochSeconds), "ratelimit-policy": "5000;w=3600" },
  }),
};

function checkFacets(text: string, facets: unknown): string | null {
  if (!Array.isArray(facets)) return "Record/facets must be an array";
  const bytes = Buffer.from(text, "utf8");
  let lastEnd = 0;
  for (const [i, f] of facets.entries()) {
    const index = isRecord(f) && isRecord(f.index) ? f.index : {};
    const { byteStart: s, byteEnd: e } = index;
    if (typeof s !== "number" || typeof e !== "number" || !Number.isInteger(s) || !Number.isInteger(e) || s < lastEnd || e <= s || e > bytes.length) {
      return `Record/facets/${i}/index is out of range or overlaps another facet`;
    }
    lastEnd = e;
    const slice = bytes.subarray(s, e);
    const shown = slice.toString("utf8");
    if (!Buffer.from(shown, "utf8").equals(slice)) return `Record/facets/${i}/index cuts a character in half`;
    const features = isRecord(f) && Array.isArray(f.features) ? f.features : [];
    if (features.length === 0) return `Record/facets/${i}/features must not be empty`;
    for (const feat of features) {
      if (!isRecord(feat)) return `Record/facets/${i}/features must be objects`;
      if (feat.$type === "app.bsky.richtext.facet#link") {
        if (typeof feat.uri !== "string" || !URL.canParse(feat.uri)) return `Record/facets/${i}/features/0/uri must be a valid uri`;
        if (![shown, `https://${shown}`, `http://${shown}`].includes(feat.uri)) return `Record/facets/${i} covers "${shown}", not the link ${feat.uri}`;
      } else if (feat.$type === "app.bsky.richtext.facet#tag") {
        if (typeof feat.tag !== "string" || /\s/.test(feat.tag) || graphemes(feat.tag) > 64) return `Record/facets/${i}/features/0/tag is not a valid tag`;
        if (shown !== `#${feat.tag}` && shown !== `＃${feat.tag}`) return `Record/facets/${i} covers "${shown}", not the tag #${feat.tag}`;
      } else {
        return `Record/facets/${i}/features has an unsupported $type ${String(feat.$type)}`;
      }
    }
  }
  return null;
}

export function createBlueskyFake(opts: BlueskyFakeOptions) {
  const fake = new FakePlatform("bluesky");
  const did = opts.did ?? "did:plc:fakeschedulerxyz234567ab";
  const posts: BlueskyPost[] = [];
  const blobs = new Map<string, Blob>();
  const tokens = new Map<string, Token>();
  const settings = { password: opts.password, duplicate: opts.duplicate ?? "internal_error", maxBlobBytes: 100_000_000 };
  let offset = 0;
  let serial = 0;
  const now = () => (opts.now ?? Date.now)() + offset;
  /** A PDS-generated TID: microseconds since 1970 and a 10-bit clock id, base32-sortable. */
  const tidNow = () => {
    let n = ((BigInt(now()) * 1000n) << 10n) | BigInt(++serial & 1023);
    let out = "";
    for (let i = 0; i < 13; i++, n >>= 5n) out = S32.charAt(Number(n & 31n)) + out;
    return out;
  };

  const issue = (kind: Token["kind"]): string => {
    const exp = now() + (kind === "access" ? (opts.accessTtlMs ?? 2 * 3600_000) : (opts.refreshTtlMs ?? 90 * 86400_000));
    const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const scope = kind === "access" ? "com.atproto.appPass" : "com.atproto.refresh";
    const jwt = `${part({ typ: "JWT", alg: "ES256K" })}.${part({ scope, sub: did, iat: Math.floor(now() / 1000), exp: Math.floor(exp / 1000), jti: `t${++serial}` })}.c2ln`;
    tokens.set(jwt, { kind, exp, revoked: false });
    return jwt;
  };
  const sessionReply = (): FakeReply => ({ status: 200, json: { did, handle: opts.handle, accessJwt: issue("access"), refreshJwt: issue("refresh"), active: true } });
  /** The token's problem as the PDS words it, or null when it is a live token of `kind`. */
  const check = (req: FakeRequest, kind: Token["kind"]): FakeReply | null => {
    const t = tokens.get(bearer(req) ?? "");
    if (!t) return xrpcError(401, "InvalidToken", "Token could not be verified");
    if (t.kind !== kind) return xrpcError(400, "InvalidToken", "Bad token scope");
    if (t.revoked) return xrpcError(400, "ExpiredToken", "Token has been revoked");
    if (t.exp <= now()) return xrpcError(400, "ExpiredToken", "Token has expired");
    return null;
  };
  const postView = (p: BlueskyPost) => ({
    uri: p.uri, cid: p.cid, author: { did, handle: opts.handle }, record: p.record,
    likeCount: p.likeCount, repostCount: p.repostCount, replyCount: p.replyCount, quoteCount: p.quoteCount, indexedAt: new Date(now()).toISOString(),
  });
  const blobRef = (ref: unknown, path: string, kind: "image" | "video", max: number): string | null => {
    const link = isRecord(ref) && isRecord(ref.ref) ? ref.ref.$link : undefined;
    const known = typeof link === "string" ? blobs.get(link) : undefined;
    if (!isRecord(ref) || ref.$type !== "blob" || !known || ref.mimeType !== known.mimeType) return `${path} must be a blob returned by uploadBlob`;
    if (!known.mimeType.startsWith(`${kind}/`)) return `${path} has mimeType ${known.mimeType}, expected ${kind}/*`;
    if (known.size > max) return `${path} file size too big (maximum ${max} bytes)`;
    return null;
  };
  const checkEmbed = (embed: unknown): string | null => {
    if (!isRecord(embed)) return "Record/embed must be an object";
    if (embed.$type === "app.bsky.embed.images") {
      const images = Array.isArray(embed.images) ? embed.images : [];
      if (images.length === 0) return "Record/embed/images must not be empty";
      if (images.length > 4) return "Record/embed/images must not have more than 4 elements";
      for (const [i, img] of images.entries()) {
        if (!isRecord(img) || typeof img.alt !== "string") return `Record/embed/images/${i}/alt must be a string`;
        const bad = blobRef(img.image, `Record/embed/images/${i}/image`, "image", 1_000_000);
        if (bad) return bad;
      }
      return null;
    }
    if (embed.$type === "app.bsky.embed.video") {
      if (embed.alt !== undefined && typeof embed.alt !== "string") return "Record/embed/alt must be a string";
      return blobRef(embed.video, "Record/embed/video", "video", 100_000_000);
    }
    return `Record/embed has an unsupported $type ${String(embed.$type)}`;
  };
  const checkRef = (ref: unknown, path: string): string | null => {
    const found = isRecord(ref) ? posts.find((p) => p.uri === ref.uri) : undefined;
    return found && isRecord(ref) && found.cid === ref.cid ? null : `${path} must reference an existing post by uri and cid`;
  };
  const checkRecord = (rec: Record<string, unknown>): string | null => {
    const unknown = Object.keys(rec).filter((k) => !RECORD_FIELDS.has(k));
    if (unknown.length) return `Record has unknown field(s): ${unknown.join(", ")}`;
    if (rec.$type !== POST) return `Record/$type must be ${POST}`;
    if (typeof rec.text !== "string") return 'Record must have the property "text"';
    if (typeof rec.createdAt !== "string" || !DATETIME.test(rec.createdAt) || Number.isNaN(Date.parse(rec.createdAt))) return "Record/createdAt must be an valid atproto datetime";
    if (Buffer.byteLength(rec.text, "utf8") > 3000) return "Record/text must not be longer than 3000 characters";
    if (graphemes(rec.text) > 300) return "Record/text must not be longer than 300 graphemes";
    if (rec.langs !== undefined && (!Array.isArray(rec.langs) || rec.langs.length > 3 || rec.langs.some((l) => typeof l !== "string" || !/^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(l)))) {
      return "Record/langs must be at most 3 language codes";
    }
    if (rec.facets !== undefined) {
      const bad = checkFacets(rec.text, rec.facets);
      if (bad) return bad;
    }
    if (rec.reply !== undefined) {
      if (!isRecord(rec.reply)) return "Record/reply must be an object";
      const bad = checkRef(rec.reply.root, "Record/reply/root") ?? checkRef(rec.reply.parent, "Record/reply/parent");
      if (bad) return bad;
    }
    return rec.embed === undefined ? null : checkEmbed(rec.embed);
  };

  fake.route("POST", "/xrpc/com.atproto.server.createSession", (req) => {
    const b = req.body;
    if (!isRecord(b) || typeof b.identifier !== "string" || typeof b.password !== "string") return invalid('Input must have the properties "identifier" and "password"');
    const who = b.identifier.toLowerCase();
    if ((who !== opts.handle.toLowerCase() && who !== did) || b.password !== settings.password) {
      return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
    }
    return sessionReply();
  });

  fake.route("POST", "/xrpc/com.atproto.server.refreshSession", (req) => {
    const bad = check(req, "refresh");
    if (bad) return bad;
    (tokens.get(bearer(req) ?? "") as Token).revoked = true;
    return sessionReply();
  });

  fake.route("POST", "/xrpc/com.atproto.repo.uploadBlob", (req) => {
    const bad = check(req, "access");
    if (bad) return bad;
    const mimeType = req.headers["content-type"];
    if (!mimeType || !req.raw.length) return invalid("A blob needs a Content-Type and a body");
    if (req.raw.length > settings.maxBlobBytes) return xrpcError(413, "PayloadTooLarge", "request entity too large");
    const blob = { cid: cidOf("bafkrei", req.raw), mimeType, size: req.raw.length };
    blobs.set(blob.cid, blob);
    return { status: 200, json: { blob: { $type: "blob", ref: { $link: blob.cid }, mimeType, size: blob.size } } };
  });

  fake.route("POST", "/xrpc/com.atproto.repo.createRecord", (req) => {
    const bad = check(req, "access");
    if (bad) return bad;
    const b = req.body;
    if (!isRecord(b)) return invalid("Request body must be a JSON object");
    const unknown = Object.keys(b).filter((k) => !BODY_FIELDS.has(k));
    if (unknown.length) return invalid(`Unknown input field(s): ${unknown.join(", ")}`);
    if (b.repo !== did && b.repo !== opts.handle) return b.repo === undefined ? invalid('Input must have the property "repo"') : xrpcError(401, "AuthenticationRequired", "Authentication Required");
    if (b.collection !== POST) return invalid(`This fake only stores ${POST} records`);
    const rkey = b.rkey ?? null;
    if (rkey !== null && (typeof rkey !== "string" || !TID.test(rkey))) return invalid(`Invalid record key for ${POST}: must be a TID (got ${String(rkey)})`);
    if (!isRecord(b.record)) return invalid('Input must have the property "record"');
    const problem = checkRecord(b.record);
    if (problem) return invalid(`Invalid ${POST} record: ${problem}`);
    const key = (rkey as string | null) ?? tidNow();
    const uri = `at://${did}/${POST}/${key}`;
    if (posts.some((p) => p.uri === uri)) {
      return settings.duplicate === "internal_error" ? xrpcError(500, "InternalServerError", "Internal Server Error") : invalid(`Record already exists: ${uri}`);
    }
    const post: BlueskyPost = { uri, cid: cidOf("bafyrei", JSON.stringify(b.record)), rkey: key, record: b.record, likeCount: 0, repostCount: 0, replyCount: 0, quoteCount: 0 };
    const reply = b.record.reply as { parent: { uri: string } } | undefined;
    const parent = reply ? posts.find((p) => p.uri === reply.parent.uri) : undefined;
    if (parent) parent.replyCount++;
    posts.push(post);
    return { status: 200, json: { uri, cid: post.cid, commit: { cid: cidOf("bafyrei", uri), rev: key }, validationStatus: "valid" } };
  });

  fake.route("GET", "/xrpc/com.atproto.repo.getRecord", (req) => {
    const [repo, collection, rkey] = ["repo", "collection", "rkey"].map((k) => req.query.get(k));
    if (!repo || !collection || !rkey) return invalid("Params must have the properties repo, collection and rkey");
    if (repo !== did && repo !== opts.handle) return invalid(`Could not find repo: ${repo}`);
    const p = posts.find((x) => x.uri === `at://${did}/${collection}/${rkey}`);
    if (!p) return xrpcError(400, "RecordNotFound", `Could not locate record: at://${did}/${collection}/${rkey}`);
    return { status: 200, json: { uri: p.uri, cid: p.cid, value: p.record } };
  });

  fake.route("GET", "/xrpc/app.bsky.feed.getPosts", (req) => {
    const bad = check(req, "access");
    if (bad) return bad;
    const uris = req.query.getAll("uris");
    if (uris.length === 0 || uris.length > 25) return invalid("uris must hold 1 to 25 AT-URIs");
    return { status: 200, json: { posts: posts.filter((p) => uris.includes(p.uri)).map(postView) } };
  });

  return Object.assign(fake, {
    did,
    posts,
    blobs,
    settings,
    advance: (ms: number) => void (offset += ms),
    /** Revokes every issued token (an app password deleted in the Bluesky settings). */
    revokeAll: () => tokens.forEach((t) => (t.revoked = true)),
  });
}
