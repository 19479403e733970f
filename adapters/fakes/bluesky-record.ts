/**
 * The app.bsky.feed.post record as the Bluesky fake checks it: lexicon shape, text limits, facets,
 * embeds and their blobs, reply refs. The fake's sessions and routes are in ./bluesky.ts.
 */
import type { FakeReply } from "./server";

export const POST = "app.bsky.feed.post";
const RECORD_FIELDS = new Set(["$type", "text", "createdAt", "langs", "facets", "reply", "embed", "tags", "labels"]);
const CID = /^b[a-z2-7]{58}$/;
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

export interface Blob {
  cid: string;
  mimeType: string;
  size: number;
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const xrpcError = (status: number, error: string, message: string): FakeReply => ({ status, json: { error, message } });
export const invalid = (message: string) => xrpcError(400, "InvalidRequest", message);
const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });
const graphemes = (s: string) => Array.from(segmenter.segment(s)).length;

/**
 * Facets. Real PDS: only the lexicon shape is checked (a link's `uri` must be a URI, a tag at most
 * 64 graphemes, worded as below); everything else here is stricter than the PDS (see the header of ./bluesky.ts).
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

/** The record's checks against what the PDS holds: its posts (reply refs) and its uploaded blobs (embeds). */
export function recordChecker(posts: BlueskyPost[], blobs: Map<string, Blob>) {
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
  return checkRecord;
}
