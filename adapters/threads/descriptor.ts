import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;

export const descriptor: PlatformDescriptor = {
  id: "threads",
  name: "Threads",
  limits: {
    ...OPEN_LIMITS,
    maxLength: 500,
    maxMedia: 20,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    // Threads API media specs (docs/platforms.md, Threads): JPEG/PNG up to 8 MB, MOV/MP4 up to
    // 1 GB and 5 minutes; carousels of 2–20 items that may mix images and videos.
    accepted: ["image/jpeg", "image/png", "video/mp4", "video/quicktime"],
    maxBytes: { image: 8 * MB, gif: null, video: 1024 * MB },
    maxVideoDurationMs: 5 * 60_000,
    carousel: { min: 2, max: 20 },
  },
  thread: { supported: true },
  link: "text",
  // docs/platforms.md, Threads: 250 posts / 24 h; GET /{user-id}/threads_publishing_limit
  // reports usage.
  rateLimit: { capacity: 250, perSeconds: 24 * 3600, documented: true },
  supportsIdempotency: false,
  defaultBaseUrl: "https://graph.threads.net",
  notes:
    "Two steps: create a container, then threads_publish. Keep the container id and check its status " +
    "before retrying. Media must be at a public URL; thread parts are replies (reply_to_id).",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
