import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;

export const descriptor: PlatformDescriptor = {
  id: "linkedin",
  name: "LinkedIn",
  limits: {
    ...OPEN_LIMITS,
    maxLength: 3000,
    maxMedia: 20,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    accepted: ["image/jpeg", "image/png", "image/gif", "video/mp4"],
    // docs/platforms.md, LinkedIn: its Images API caps pixels (36,152,320), not bytes, so no
    // byte cap for images. Videos API: 75 KB–500 MB, 3 s–30 min. multiImage posts take 2–20
    // images.
    maxBytes: { image: null, gif: null, video: 500 * MB },
    maxVideoDurationMs: 30 * 60_000,
    exclusive: ["video"],
    carousel: { min: 2, max: 20 },
    // Posts API: an image's altText is at most 4,086 characters.
    altText: { supported: true, maxLength: 4086 },
  },
  thread: { supported: false },
  link: "field",
  // docs/platforms.md, LinkedIn: per-member daily limit, undisclosed (~150 posts/day); this is
  // that estimate.
  rateLimit: { capacity: 150, perSeconds: 24 * 3600, documented: false },
  supportsIdempotency: false,
  defaultBaseUrl: "https://api.linkedin.com",
  notes:
    "Needs LinkedIn-Version (YYYYMM, retired after ~12 months → 426) and X-Restli-Protocol-Version 2.0.0. " +
    "Commentary is 'little text': ( ) [ ] { } < > @ | ~ _ * must be escaped by the adapter. The link becomes an article card.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
