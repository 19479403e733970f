/**
 * A Bluesky PDS as the AT Protocol documents it (docs.bsky.app HTTP reference, atproto.com specs,
 * lexicons com.atproto.server.*, com.atproto.repo.*, app.bsky.feed.post, app.bsky.richtext.facet):
 * - Sessions: createSession `{ identifier, password }` → `{ accessJwt, refreshJwt, did, handle }`;
 *   an expired access token is `400 ExpiredToken`; refreshSession (Bearer refreshJwt) rotates
 *   both tokens; the old refresh token keeps working for a grace period. Errors are `{ error, message }`.
 * - createRecord with a client-chosen rkey, which must be a TID for app.bsky.feed.post. A create
 *   on an rkey that already exists fails: today's reference PDS answers
 *   `500 { error: "InternalServerError", message: "Internal Server Error" }` (the MST refuses the
 *   key; bluesky-social/atproto#3718, indigo#873); `duplicate: "invalid_request"` switches to the
 *   `400 InvalidRequest "Record already exists"` those issues ask for. Either way nothing is created.
 * - Text limits of the post lexicon: 300 graphemes (Intl.Segmenter) and 3,000 UTF-8 bytes.
 * - Facets: byte offsets must cut the text exactly at the link text / `#tag`.
 * - Images: uploadBlob (raw bytes, Content-Type) → blob ref; embed.images ≤ 4.
 * Stricter than a PDS where a lax answer would hide an adapter bug: unknown fields in the body and
 * the record and a record without `$type` are refused; reply refs must point at an existing post
 * with the right cid (the PDS stores any well-formed strong ref; the AppView would show a broken
 * thread); facet offsets must cut the text at the link or tag they claim, tags hold no spaces,
 * and a facet needs a known feature (the PDS checks only the shape of a facet, not its offsets
 * against the text, and lets unknown features through: the app would link the wrong text).
 *
 * Checked against a real PDS (@atproto/pds 0.5, scripts/peers/bluesky.ts): the status codes,
 * error names and messages below are the ones it answers; "real PDS:" comments mark where this
 * fake was changed to match it.
 */
import crypto from "node:crypto";
import { FakePlatform, bearer, type Fault, type FakeReply, type FakeRequest } from "./server";

const POST = "app.bsky.feed.post";
const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const BODY_FIELDS = new Set(["repo", "collection", "rkey", "validate", "record", "swapCommit"]);
const RECORD_FIELDS = new Set(["$type", "text", "createdAt", "langs", "facets", "reply", "embed", "tags", "labels"]);
const S32 = "234567abcdefghijklmnopqrstuvwxyz";
const B32 = "abcdefghijklmnopqrstuvwxyz234567";
const CID = /^b[a-z2-7]{58}$/;
/** Record keys any collection accepts (atproto record-key syntax). */
const RKEY = /^(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,512}$/;
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

interface Blob {
  cid: string;
  mimeType: string;
  size: number;
}
interface Token {
  kind: "access" | "refresh";
  exp: number;
  revoked: boolean;
  graceUntil?: number;
}

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
/** Real PDS: CIDs are base32 (`bafyrei…` for records, `bafkrei…` for blobs), 59 characters. */
const cidOf = (prefix: string, data: string | Buffer) => {
  let bits = "";
  for (const byte of crypto.createHash("sha256").update(data).digest()) bits += byte.toString(2).padStart(8, "0");
  return prefix + Array.from({ length: 52 }, (_, i) => B32.charAt(parseInt(bits.slice(i * 5, i * 5 + 5).padEnd(5, "0"), 2))).join("");
};
/** The image/video types a PDS recognises by their first bytes (the common ones). */
function sniff(b: Buffer): string | null {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return "image/png";
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return "image/jpeg";
  if (b.subarray(0, 4).toString("latin1") === "GIF8") return "image/gif";
  if (b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP") return "image/webp";
  if (b.subarray(4, 8).toString("latin1") === "ftyp" && ["isom", "iso2", "mp41", "mp42", "avc1"].includes(b.subarray(8, 12).toString("latin1")))
    return "video/mp4";
  return null;
}

export const blueskyFaults = {
  /** The PDS's 429: `ratelimit-reset` is a Unix time in seconds. */
  rateLimited: (resetEpochSeconds: number): Fault => ({
    kind: "status",
    status: 429,
    json: { error: "RateLimitExceeded", message: "Rate Limit Exceeded" },
    headers: { "ratelimit-limit": "5000", "ratelimit-remaining": "0", "ratelimit-reset": String(resetEpochSeconds), "ratelimit-policy": "5000;w=3600" },
  }),
};

/**
 * Facets. Real PDS: only the lexicon shape is checked (a link's `uri` must be a URI, a tag at most
 * 64 graphemes, worded as below); everything else here is stricter than the PDS (see the header).
 */
function checkFacets(text: string, facets: unknown): string | null {
  if (!Array.isArray(facets)) return "Record/facets must be an array";
  for (const [i, f] of facets.entries()) {
    for (const [j, feat] of (isRecord(f) && Array.isArray(f.features) ? f.features : []).entries()) {
      if (!isRecord(feat)) continue;
      const at = `$.record.facets[${i}].features[${j}]`;
      if (feat.$type === "app.bsky.richtext.facet#link" && (typeof feat.uri !== "string" || !/^[a-z][a-z0-9+.-]*:\S+$/i.test(feat.uri)))
        return `Invalid uri (got ${JSON.stringify(feat.uri)}) at ${at}.uri`;
      if (feat.$type === "app.bsky.richtext.facet#tag" && typeof feat.tag === "string" && graphemes(feat.tag) > 64)
        return `grapheme too big (maximum 64, got ${graphemes(feat.tag)}) at ${at}.tag`;
    }
  }
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
        if (typeof feat.uri !== "string" || ![shown, `https://${shown}`, `http://${shown}`].includes(feat.uri))
          return `Record/facets/${i} covers "${shown}", not the link ${feat.uri}`;
      } else if (feat.$type === "app.bsky.richtext.facet#tag") {
        if (typeof feat.tag !== "string" || /\s/.test(feat.tag)) return `Record/facets/${i}/features/0/tag is not a valid tag`;
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
  // maxBlobBytes: the video lexicon's 100 MB. Real PDS: a self-hosted one defaults to 5 MiB
  // (describeServer `blobUploadLimit`, PDS_BLOB_UPLOAD_LIMIT) and answers the same 413 above it.
  const settings = { password: opts.password, duplicate: opts.duplicate ?? "internal_error", maxBlobBytes: 100_000_000, appView: true };
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
    // Real PDS: HS256 JWTs typed `at+jwt` / `refresh+jwt`, audience the PDS's DID; only the
    // refresh token has a `jti` (an access token issued twice in one second is the same string;
    // this fake adds a nonce claim so its token map keeps them apart).
    const claims = {
      scope,
      aud: "did:web:localhost",
      sub: did,
      iat: Math.floor(now() / 1000),
      exp: Math.floor(exp / 1000),
      ...(kind === "refresh" ? { jti: `t${++serial}` } : { nonce: ++serial }),
    };
    const jwt = `${part({ typ: kind === "access" ? "at+jwt" : "refresh+jwt", alg: "HS256" })}.${part(claims)}.c2ln`;
    tokens.set(jwt, { kind, exp, revoked: false });
    return jwt;
  };
  // Real PDS: the session also carries the account's email and whether it is confirmed.
  const sessionReply = (): FakeReply => ({
    status: 200,
    json: {
      accessJwt: issue("access"),
      refreshJwt: issue("refresh"),
      did,
      handle: opts.handle,
      email: "account@example.com",
      emailConfirmed: false,
      active: true,
    },
  });
  /** The token's problem as the PDS words it, or null when it is a live token of `kind`. */
  const check = (req: FakeRequest, kind: Token["kind"]): FakeReply | null => {
    const token = bearer(req);
    // Real PDS: no bearer at all is 401 AuthMissing; a token it cannot verify (garbage, or the
    // other kind of token: their JWT types differ) is 400 InvalidToken, not 401.
    if (!token) return xrpcError(401, "AuthMissing", "Authentication Required");
    const t = tokens.get(token);
    if (!t || t.kind !== kind) return xrpcError(400, "InvalidToken", "Token could not be verified");
    if (t.exp <= now()) return xrpcError(400, "ExpiredToken", "Token has expired");
    // Real PDS: only refresh tokens can be revoked (access tokens are checked by signature alone
    // and live out their 2 hours), and refreshSession is where a revoked one is refused.
    if (t.revoked || (t.graceUntil !== undefined && t.graceUntil <= now())) return xrpcError(400, "ExpiredToken", "Token has been revoked");
    return null;
  };
  const postView = (p: BlueskyPost) => ({
    uri: p.uri,
    cid: p.cid,
    author: { did, handle: opts.handle },
    record: p.record,
    likeCount: p.likeCount,
    repostCount: p.repostCount,
    replyCount: p.replyCount,
    quoteCount: p.quoteCount,
    indexedAt: new Date(now()).toISOString(),
  });
  /**
   * A blob ref in the record. Real PDS: the lexicon checks the shape and the declared mimeType
   * (`image/*`, `video/mp4`); the blob must exist (400 BlobNotFound) and its mimeType and size
   * must match what was uploaded (400 InvalidMimeType / InvalidSize; the PDS checks this when a
   * record first uses the blob, this fake on every use). It does not enforce the lexicon's
   * maxSize (1,000,000 bytes for an image): a 1,000,001-byte image is stored; validate() is the guard.
   */
  const blobRef = (ref: unknown, path: string, accept: "image/*" | "video/mp4"): FakeReply | null => {
    const link = isRecord(ref) && isRecord(ref.ref) ? ref.ref.$link : undefined;
    if (!isRecord(ref) || ref.$type !== "blob" || typeof link !== "string" || typeof ref.mimeType !== "string" || typeof ref.size !== "number") {
      return invalid(`Invalid ${POST} record: Expected blob value type at ${path}`);
    }
    if (accept === "image/*" ? !ref.mimeType.startsWith("image/") : ref.mimeType !== accept) {
      return invalid(`Invalid ${POST} record: Expected "${accept}" (got "${ref.mimeType}") at ${path}.mimeType`);
    }
    const known = blobs.get(link);
    if (!known) return xrpcError(400, "BlobNotFound", `Could not find blob: ${link}`);
    if (ref.mimeType !== known.mimeType)
      return xrpcError(400, "InvalidMimeType", `Referenced Mimetype does not match stored blob. Expected: ${known.mimeType}, Got: ${ref.mimeType}`);
    if (ref.size !== known.size) return xrpcError(400, "InvalidSize", `Referenced Size does not match stored blob. Expected: ${known.size}, Got: ${ref.size}`);
    return null;
  };
  /** The embed's lexicon problem (as the PDS words it, a string), or a blob problem (a reply). */
  const checkEmbed = (embed: unknown): string | FakeReply | null => {
    if (!isRecord(embed)) return "Expected an object at $.record.embed";
    if (embed.$type === "app.bsky.embed.images") {
      if (!Array.isArray(embed.images)) return 'Missing required key "images" at $.record.embed';
      // Real PDS: no lower bound (an empty list is stored); more than 4 is refused.
      if (embed.images.length > 4) return `array too big (maximum 4, got ${embed.images.length}) at $.record.embed.images`;
      for (const [i, img] of embed.images.entries()) {
        if (!isRecord(img) || typeof img.alt !== "string") return `Missing required key "alt" at $.record.embed.images[${i}]`;
      }
      for (const [i, img] of embed.images.entries()) {
        const bad = blobRef((img as Record<string, unknown>).image, `$.record.embed.images[${i}].image`, "image/*");
        if (bad) return bad;
      }
      return null;
    }
    if (embed.$type === "app.bsky.embed.video") {
      if (embed.alt !== undefined && typeof embed.alt !== "string") return "Expected a string at $.record.embed.alt";
      return blobRef(embed.video, "$.record.embed.video", "video/mp4");
    }
    // Stricter than the PDS (an open union: it stores any embed type): catches a typo in ours.
    return `Record/embed has an unsupported $type ${String(embed.$type)}`;
  };
  /** Real PDS: checks that a strong ref is well-formed (`Invalid CID string`); the rest is ours. */
  const checkRef = (ref: unknown, path: string): string | null => {
    if (isRecord(ref) && (typeof ref.cid !== "string" || !CID.test(ref.cid)))
      return `Invalid CID string (got ${JSON.stringify(ref.cid)}) at $.record.reply.${path}.cid`;
    const found = isRecord(ref) ? posts.find((p) => p.uri === ref.uri) : undefined;
    return found && isRecord(ref) && found.cid === ref.cid ? null : `Record/reply/${path} must reference an existing post by uri and cid`;
  };
  /**
   * The record's problem: a string is worded as the PDS words a lexicon error (prefixed with
   * "Invalid app.bsky.feed.post record: " by the caller); a reply is answered as it is.
   */
  const checkRecord = (rec: Record<string, unknown>): string | FakeReply | null => {
    // Real PDS: a wrong $type is refused without the record prefix; a missing one is accepted
    // (the collection decides). Stricter here: our records always name their type.
    if (rec.$type !== undefined && rec.$type !== POST) return invalid(`Invalid $type: expected ${POST}, got ${String(rec.$type)}`);
    if (rec.$type === undefined) return "Record/$type is required by this fake";
    const unknown = Object.keys(rec).filter((k) => !RECORD_FIELDS.has(k));
    if (unknown.length) return `Record has unknown field(s): ${unknown.join(", ")}`;
    if (typeof rec.text !== "string") return 'Missing required key "text" at $.record';
    if (typeof rec.createdAt !== "string") return 'Missing required key "createdAt" at $.record';
    if (!DATETIME.test(rec.createdAt) || Number.isNaN(Date.parse(rec.createdAt)))
      return `Invalid datetime (got ${JSON.stringify(rec.createdAt)}) at $.record.createdAt`;
    const size = Buffer.byteLength(rec.text, "utf8");
    if (size > 3000) return `string too big (maximum 3000, got ${size}) at $.record.text`;
    const count = graphemes(rec.text);
    if (count > 300) return `grapheme too big (maximum 300, got ${count}) at $.record.text`;
    if (rec.langs !== undefined) {
      if (!Array.isArray(rec.langs)) return "Expected an array at $.record.langs";
      if (rec.langs.length > 3) return `array too big (maximum 3, got ${rec.langs.length}) at $.record.langs`;
      const bad = rec.langs.findIndex((l) => typeof l !== "string" || !/^[a-z]{2,3}(-[a-z0-9]+)*$/i.test(l));
      if (bad >= 0) return `Invalid language (got ${JSON.stringify(rec.langs[bad])}) at $.record.langs[${bad}]`;
    }
    if (rec.facets !== undefined) {
      const bad = checkFacets(rec.text, rec.facets);
      if (bad) return bad;
    }
    if (rec.reply !== undefined) {
      if (!isRecord(rec.reply)) return "Record/reply must be an object";
      const bad = checkRef(rec.reply.root, "root") ?? checkRef(rec.reply.parent, "parent");
      if (bad) return bad;
    }
    return rec.embed === undefined ? null : checkEmbed(rec.embed);
  };

  fake.route("POST", "/xrpc/com.atproto.server.createSession", (req) => {
    const b = req.body;
    // Real PDS: the lexicon check names the first missing key.
    if (!isRecord(b) || typeof b.identifier !== "string") return invalid('Missing required key "identifier" at $');
    if (typeof b.password !== "string") return invalid('Missing required key "password" at $');
    const who = b.identifier.toLowerCase();
    if ((who !== opts.handle.toLowerCase() && who !== did) || b.password !== settings.password) {
      return xrpcError(401, "AuthenticationRequired", "Invalid identifier or password");
    }
    return sessionReply();
  });

  fake.route("POST", "/xrpc/com.atproto.server.refreshSession", (req) => {
    const bad = check(req, "refresh");
    if (bad) return bad;
    // Real PDS: a rotated refresh token is not revoked at once; it keeps working for 2 hours
    // (a client that lost the answer can refresh again), then it is refused as revoked.
    const old = tokens.get(bearer(req) ?? "") as Token;
    old.graceUntil ??= Math.min(old.exp, now() + 2 * 3600_000);
    return sessionReply();
  });

  fake.route("POST", "/xrpc/com.atproto.repo.uploadBlob", (req) => {
    const bad = check(req, "access");
    if (bad) return bad;
    const declared = req.headers["content-type"];
    // Real PDS: an empty body is stored (size 0); only a missing Content-Type is refused.
    if (!declared) return invalid("Request encoding (Content-Type) required but not provided");
    if (req.raw.length > settings.maxBlobBytes) return xrpcError(413, "PayloadTooLarge", "request entity too large");
    // Real PDS: it sniffs the bytes and stores the type it recognises (a PNG sent as image/jpeg
    // comes back as image/png); the declared type only when it recognises nothing.
    const mimeType = sniff(req.raw) ?? declared;
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
    if (b.repo === undefined) return invalid('Missing required key "repo" at $');
    if (b.collection === undefined) return invalid('Missing required key "collection" at $');
    if (!isRecord(b.record)) return invalid('Missing required key "record" at $');
    // Real PDS: another account's repo is 401; a DID it does not host is 403 AccountNotFound.
    if (b.repo !== did && b.repo !== opts.handle) {
      return typeof b.repo === "string" && b.repo.startsWith("did:") && b.repo !== did
        ? xrpcError(403, "AccountNotFound", "Account not found")
        : xrpcError(401, "AuthenticationRequired", "Authentication Required");
    }
    if (b.collection !== POST) return invalid(`This fake only stores ${POST} records`);
    const rkey = b.rkey ?? null;
    // Real PDS: worded by its record-key check; post keys must be TIDs.
    if (rkey !== null && (typeof rkey !== "string" || !TID.test(rkey)))
      return invalid(`Invalid record key for ${POST}: Invalid TID string (got ${JSON.stringify(rkey)}) at $`);
    // Real PDS: `validate: false` skips the lexicon (a 301-grapheme post is stored) and the answer
    // carries no validationStatus.
    const validated = b.validate !== false;
    const problem = validated ? checkRecord(b.record) : null;
    if (typeof problem === "string") return invalid(`Invalid ${POST} record: ${problem}`);
    if (problem) return problem;
    const key = (rkey as string | null) ?? tidNow();
    const uri = `at://${did}/${POST}/${key}`;
    if (posts.some((p) => p.uri === uri)) {
      return settings.duplicate === "internal_error"
        ? xrpcError(500, "InternalServerError", "Internal Server Error")
        : invalid(`Record already exists: ${uri}`);
    }
    const post: BlueskyPost = {
      uri,
      cid: cidOf("bafyrei", JSON.stringify(b.record)),
      rkey: key,
      record: b.record,
      likeCount: 0,
      repostCount: 0,
      replyCount: 0,
      quoteCount: 0,
    };
    const reply = b.record.reply as { parent: { uri: string } } | undefined;
    const parent = reply ? posts.find((p) => p.uri === reply.parent.uri) : undefined;
    if (parent) parent.replyCount++;
    posts.push(post);
    // Real PDS: `commit.rev` is the repo's new revision, a fresh TID (not the record key).
    return {
      status: 200,
      json: { uri, cid: post.cid, commit: { cid: cidOf("bafyrei", `${uri}#commit`), rev: tidNow() }, ...(validated ? { validationStatus: "valid" } : {}) },
    };
  });

  fake.route("GET", "/xrpc/com.atproto.repo.getRecord", (req) => {
    const [repo, collection, rkey] = ["repo", "collection", "rkey"].map((k) => req.query.get(k));
    // Real PDS: worded by its params check, naming the first missing key.
    const absent = ["repo", "collection", "rkey"].find((k) => !req.query.get(k));
    if (absent || !repo || !collection || !rkey) return invalid(`Invalid com.atproto.repo.getRecord params: Missing required key "${absent}"`);
    if (!RKEY.test(rkey)) return invalid(`Invalid com.atproto.repo.getRecord params: Invalid record key (got ${JSON.stringify(rkey)})`);
    // Real PDS: a repo it does not host is a plain InvalidRequest, not RecordNotFound.
    if (repo !== did && repo !== opts.handle) return invalid("Could not locate record");
    const p = posts.find((x) => x.uri === `at://${did}/${collection}/${rkey}`);
    // Real PDS: a `cid` that is not the record's current one is RecordNotFound as well.
    const cid = req.query.get("cid");
    if (!p || (cid && cid !== p.cid)) return xrpcError(400, "RecordNotFound", `Could not locate record: at://${did}/${collection}/${rkey}`);
    return { status: 200, json: { uri: p.uri, cid: p.cid, value: p.record } };
  });

  fake.route("GET", "/xrpc/app.bsky.feed.getPosts", (req) => {
    // Real PDS without an App View (a bare self-hosted one): every app.bsky.* call is this 400.
    // bsky.social has one, so it is on by default.
    if (!settings.appView) return invalid("No service configured for app.bsky.feed.getPosts");
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
    /**
     * Revokes every refresh token (an app password deleted in the Bluesky settings). Real PDS:
     * access tokens already issued keep working until they expire; advance past that to see it.
     */
    revokeAll: () => tokens.forEach((t) => void (t.kind === "refresh" && (t.revoked = true))),
  });
}
