import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { issue, postsOf, validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;

export const descriptor: PlatformDescriptor = {
  id: "x",
  name: "X",
  limits: {
    ...OPEN_LIMITS,
    maxLength: 280,
    countMode: "weighted",
    urlLength: 23,
    maxMedia: 4,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    accepted: ["image/jpeg", "image/png", "image/webp", "image/gif", "video/mp4", "video/quicktime"],
    // X's media upload docs (docs/platforms.md, X): images 5 MB, GIFs 15 MB, video 512 MB and
    // 140 s for standard accounts; a post carries 4 images or exactly one GIF or video.
    maxBytes: { image: 5 * MB, gif: 15 * MB, video: 512 * MB },
    maxVideoDurationMs: 140_000,
    exclusive: ["video", "gif"],
    carousel: { min: 2, max: 4 },
    // X's media metadata endpoint rejects alt text over 1,000 characters.
    altText: { supported: true, maxLength: 1000 },
  },
  thread: { supported: true },
  link: "text",
  // docs/platforms.md, X: POST /2/tweets, 200 / 15 min per user, x-rate-limit-* headers.
  rateLimit: { capacity: 200, perSeconds: 15 * 60, documented: true },
  supportsIdempotency: false,
  // docs/platforms.md, X: duplicate text is rejected with 403.
  refusesDuplicateText: true,
  defaultBaseUrl: "https://api.x.com",
  notes:
    "280 weighted characters: links count 23, emoji and CJK 2. Threads are reply chains. " +
    "No idempotency, and X rejects duplicate text with 403, so a retry must look for the post first.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  const out = validateCommon(descriptor, draft);
  // X answers a repeated text with 403 "duplicate content", which would break a thread halfway.
  const seen = new Map<string, number>();
  for (const [i, post] of postsOf(descriptor, draft).entries()) {
    const key = post.text.trim();
    const first = seen.get(key);
    if (key !== "" && first !== undefined) {
      const msg = `X rejects duplicate posts: thread part ${i + 1} repeats part ${first + 1}`;
      out.push(issue(descriptor, post.field, "duplicate_text", msg));
    } else seen.set(key, i);
  }
  return out;
}
