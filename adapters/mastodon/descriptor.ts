import { OPEN_LIMITS } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;

export const descriptor: PlatformDescriptor = {
  id: "mastodon",
  name: "Mastodon",
  limits: {
    ...OPEN_LIMITS,
    // Default only: each server sets its own (GET /api/v2/instance →
    // configuration.statuses.max_characters); see descriptorFor().
    maxLength: 500,
    urlLength: 23,
    maxMedia: 4,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    accepted: ["image/jpeg", "image/png", "image/gif", "image/webp", "image/heic", "image/heif", "image/avif", "video/mp4", "video/quicktime", "video/webm"],
    // Mastodon 4.x defaults (per server, configuration.media_attachments; docs/platforms.md,
    // Mastodon): images 16 MB, video 99 MB; a video is the only attachment; descriptions up to
    // 1,500 chars.
    maxBytes: { image: 16 * MB, gif: 16 * MB, video: 99 * MB },
    video: true,
    maxVideoDurationMs: null,
    exclusive: ["video"],
    carousel: { min: 2, max: 4 },
    altText: { supported: true, maxLength: 1500 },
  },
  thread: { supported: true },
  link: "text",
  // docs/platforms.md, Mastodon: 300 requests / 5 min per account for the whole API; Mastodon's
  // own rate limiter (lib/mastodon/rate_limiter.rb, "statuses" family) allows 300 posts / 3 h,
  // which is the tighter bound for publishing, so the engine paces on that.
  rateLimit: { capacity: 300, perSeconds: 3 * 3600, documented: true },
  supportsIdempotency: true,
  defaultBaseUrl: null,
  notes:
    "Per-server limits: read max_characters from /api/v2/instance. Every http(s) link counts 23. " +
    "Idempotency-Key header is honoured for ~1 h. Thread parts reply with in_reply_to_id.",
};

/** The descriptor for a server whose max_characters differs from the default 500. */
export function descriptorFor(maxCharacters: number): PlatformDescriptor {
  return { ...descriptor, limits: { ...descriptor.limits, maxLength: maxCharacters } };
}

export function validate(draft: PostDraft, maxCharacters = 500): ValidationIssue[] {
  return validateCommon(maxCharacters === 500 ? descriptor : descriptorFor(maxCharacters), draft);
}
