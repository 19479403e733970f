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
 * The record checks (lexicon, limits, facets, embeds, reply refs) are in ./bluesky-record.ts.
 *
 * Checked against a real PDS (@atproto/pds 0.5, scripts/peers/bluesky.ts): the status codes,
 * error names and messages here and in ./bluesky-record.ts are the ones it answers; "real PDS:"
 * comments mark where this fake was changed to match it.
 */
import crypto from "node:crypto";
import { FakePlatform, bearer, type Fault, type FakeReply, type FakeRequest } from "./server";
import { POST, isRecord, invalid, recordChecker, xrpcError, type Blob, type BlueskyPost } from "./bluesky-record";

export type { BlueskyPost } from "./bluesky-record";

const TID = /^[234567abcdefghij][234567abcdefghijklmnopqrstuvwxyz]{12}$/;
const BODY_FIELDS = new Set(["repo", "collection", "rkey", "validate", "record", "swapCommit"]);
const S32 = "234567abcdefghijklmnopqrstuvwxyz";
const B32 = "abcdefghijklmnopqrstuvwxyz234567";
/** Record keys any collection accepts (atproto record-key syntax). */
const RKEY = /^(?!\.{1,2}$)[A-Za-z0-9._:~-]{1,512}$/;

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
  const checkRecord = recordChecker(posts, blobs);

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
