/**
 * The one interface every platform adapter implements (docs/architecture.md, Adapters). The
 * static half — what a platform accepts — lives in `adapters/<id>/descriptor.ts` and is plain
 * data, so the composer can ship it to the browser; publishing code arrives with the engine.
 */
export type { CountMode } from "./count";
import type { CountMode } from "./count";

export const PLATFORMS = [
  "sandbox",
  "x",
  "linkedin",
  "threads",
  "devto",
  "medium",
  "mastodon",
  "bluesky",
  "facebook",
  "instagram",
  "wordpress",
  "webhook",
] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export type ContentType = "post" | "article" | "thread" | "carousel";

export interface DraftMedia {
  mimeType: string;
  sizeBytes: number;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  altText?: string | null;
}

/**
 * What validate() checks: one content variant as it would go to one platform. For a thread the
 * posts are `parts` (falling back to `[text]`); `text` is the body for every other type.
 */
export interface PostDraft {
  contentType: ContentType;
  title: string;
  text: string;
  parts?: string[];
  media: DraftMedia[];
  tags: string[];
  link?: string | null;
  /** Published right after the post as a reply or comment (adapters/comments.ts). */
  firstComment?: string | null;
}

export interface ValidationIssue {
  platform: PlatformId;
  /** Path into PostDraft: `text`, `parts.2`, `media.0`, `title`, `tags`, `link`, `first_comment`. */
  field: string;
  /** Stable machine code, e.g. `text_too_long`; the UI may key translations on it. */
  code: string;
  message: string;
  /** Errors block publishing; warnings tell the author what the platform will do instead. */
  severity: "error" | "warning";
}

export type MediaKind = "image" | "gif" | "video";

export interface TextLimits {
  /** Longest post under `countMode`; null = no practical limit. */
  maxLength: number | null;
  countMode: CountMode;
  /** Every URL counts as this many characters (X, Mastodon: 23); null = counted as written. */
  urlLength: number | null;
  /** UTF-8 byte cap on top of maxLength (Bluesky: 3,000). */
  maxBytes: number | null;
  maxHashtags: number | null;
  maxMentions: number | null;
  /** Attachments per post; null = no documented cap. */
  maxMedia: number | null;
  requiresMedia: boolean;
}

export interface MediaRules {
  /** Accepted MIME types; `image/*`-style wildcards allowed. */
  accepted: string[];
  /** Per-file size cap by kind in bytes; null = not documented / site-dependent. */
  maxBytes: Record<MediaKind, number | null>;
  video: boolean;
  maxVideoDurationMs: number | null;
  /** Kinds that must be the only attachment (X: one video or one GIF, never mixed). */
  exclusive: MediaKind[];
  /** Item count for contentType "carousel"; null = the platform cannot publish one. */
  carousel: { min: number; max: number } | null;
  altText: { supported: boolean; maxLength: number | null };
}

export interface PlatformDescriptor {
  id: PlatformId;
  name: string;
  limits: TextLimits;
  title: {
    /** Sent to the platform at all; otherwise the draft's title stays internal. */
    used: boolean;
    required: boolean;
    maxLength: number | null;
    /** "error": the API rejects a longer title; "ignored": the platform silently drops it. */
    overflow: "error" | "ignored";
  };
  tags: {
    /** Sent as structured tags; when false, write hashtags into the text instead. */
    used: boolean;
    max: number | null;
    /** "error": the API rejects extra tags; "dropped": only the first `max` are used. */
    overflow: "error" | "dropped";
    maxLength: number | null;
  };
  media: MediaRules;
  /** Native threads (reply chains); otherwise thread parts are joined with THREAD_JOINER. */
  thread: { supported: boolean };
  /** "field": `link` is sent separately (card/canonical URL); "text": it must be in the text. */
  link: "field" | "text";
  /**
   * Documented publish rate: `capacity` posts, refilled over `perSeconds`. `documented: false`
   * marks a conservative guess where the platform discloses nothing; `secondary` is a second
   * window that applies at the same time (Bluesky's daily points budget).
   */
  rateLimit: {
    capacity: number;
    perSeconds: number;
    documented: boolean;
    secondary?: { capacity: number; perSeconds: number };
  };
  supportsIdempotency: boolean;
  /**
   * The platform refuses a post whose text is identical to one the account posted before (X's
   * 403 "duplicate content"): a re-post there needs a different text (lib/evergreen rotates them).
   */
  refusesDuplicateText?: boolean;
  /** API origin used unless the account overrides it; null = per account (instance, site, URL). */
  defaultBaseUrl: string | null;
  notes: string;
}

/** `accountConfig`: what verification learned about the account (Mastodon's max_characters). */
export type Validator = (draft: PostDraft, accountConfig?: Record<string, unknown> | null) => ValidationIssue[];
