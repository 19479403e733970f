import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { issue, validateCommon } from "../rules";
import { mediaKind } from "../media-rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;
// Instagram content publishing docs: feed images between 4:5 and 1.91:1, or the container fails.
const MIN_RATIO = 4 / 5;
const MAX_RATIO = 1.91;

export const descriptor: PlatformDescriptor = {
  id: "instagram",
  name: "Instagram",
  limits: {
    ...OPEN_LIMITS,
    // docs/platforms.md, Instagram: caption 2,200, ≤ 30 hashtags; Instagram's docs also cap
    // @mentions at 20.
    maxLength: 2200,
    maxHashtags: 30,
    maxMentions: 20,
    maxMedia: 10,
    requiresMedia: true,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  // No tag field: hashtags are written in the caption, where the 30-hashtag cap applies.
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    // Content publishing docs (docs/platforms.md, Instagram): JPEG only, 8 MB; Reels MP4/MOV up
    // to 300 MB and 15 minutes; carousels of 2–10 items that may mix images and videos.
    accepted: ["image/jpeg", "video/mp4", "video/quicktime"],
    maxBytes: { image: 8 * MB, gif: null, video: 300 * MB },
    maxVideoDurationMs: 15 * 60_000,
    carousel: { min: 2, max: 10 },
  },
  thread: { supported: false },
  link: "text",
  // docs/platforms.md, Instagram: 50 posts / 24 h (GET /{ig-user-id}/content_publishing_limit);
  // a carousel is one.
  rateLimit: { capacity: 50, perSeconds: 24 * 3600, documented: true },
  supportsIdempotency: false,
  defaultBaseUrl: "https://graph.facebook.com",
  notes:
    "Business/Creator accounts only. Every post needs an image or video at a public URL. Container → poll " +
    "status_code until FINISHED → media_publish; check the container before retrying. Caption links are not clickable.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  const out = validateCommon(descriptor, draft);
  draft.media.forEach((m, i) => {
    if (mediaKind(m.mimeType) !== "image" || !m.width || !m.height) return;
    const ratio = m.width / m.height;
    if (ratio >= MIN_RATIO && ratio <= MAX_RATIO) return;
    const size = `${m.width}×${m.height} (${ratio.toFixed(2)}:1)`;
    const msg = `Instagram accepts images between 4:5 and 1.91:1; media ${i + 1} is ${size}`;
    out.push(issue(descriptor, `media.${i}`, "media_aspect_ratio", msg));
  });
  return out;
}
