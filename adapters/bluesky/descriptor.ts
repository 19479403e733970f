import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "bluesky",
  name: "Bluesky",
  limits: {
    ...OPEN_LIMITS,
    // app.bsky.feed.post lexicon: text maxGraphemes 300, maxLength 3,000 (bytes).
    maxLength: 300,
    countMode: "graphemes",
    maxBytes: 3000,
    maxMedia: 4,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    // Lexicons app.bsky.embed.images (≤ 4, 1,000,000 bytes each) and app.bsky.embed.video
    // (100,000,000 bytes; 3 minutes per Bluesky's video docs). GIFs would lose their animation.
    accepted: ["image/jpeg", "image/png", "image/webp", "video/mp4"],
    maxBytes: { image: 1_000_000, gif: null, video: 100_000_000 },
    maxVideoDurationMs: 3 * 60_000,
    exclusive: ["video"],
    carousel: { min: 2, max: 4 },
  },
  thread: { supported: true },
  link: "text",
  // docs/platforms.md, Bluesky: 5,000 points / h and 35,000 / day per account; a create costs
  // 3 points.
  rateLimit: {
    capacity: Math.floor(5000 / 3),
    perSeconds: 3600,
    documented: true,
    secondary: { capacity: Math.floor(35_000 / 3), perSeconds: 24 * 3600 },
  },
  supportsIdempotency: true,
  defaultBaseUrl: "https://bsky.social",
  notes:
    "300 graphemes and 3,000 UTF-8 bytes. Links and mentions need facets with byte offsets. " +
    "A client-chosen rkey makes a retry create-if-absent (getRecord checks). Thread parts carry reply refs.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
