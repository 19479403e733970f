import { OPEN_LIMITS } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

const MB = 1024 * 1024;

export const descriptor: PlatformDescriptor = {
  id: "facebook",
  name: "Facebook",
  limits: {
    ...OPEN_LIMITS,
    maxLength: 63_206,
    // The Graph API documents no cap on attached_media; 10 is a conservative choice of ours.
    maxMedia: 10,
  },
  title: { used: false, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: false, max: null, overflow: "dropped", maxLength: null },
  media: {
    // Graph API photo docs (docs/platforms.md, Facebook): under 4 MB as JPG, PNG, GIF, TIFF, HEIF
    // or WebP. Page videos: MP4/MOV, up to 10 GB and 240 minutes (resumable upload).
    accepted: ["image/jpeg", "image/png", "image/gif", "image/tiff", "image/heif", "image/webp", "video/mp4", "video/quicktime"],
    maxBytes: { image: 4 * MB, gif: 4 * MB, video: 10 * 1024 * MB },
    video: true,
    maxVideoDurationMs: 240 * 60_000,
    exclusive: ["video"],
    carousel: { min: 2, max: 10 },
    altText: { supported: true, maxLength: null },
  },
  thread: { supported: false },
  link: "field",
  // docs/platforms.md, Facebook: per-Page usage reported in x-business-use-case-usage, no fixed
  // number; this is a conservative pace of ours. Back off when the header nears 100%.
  rateLimit: { capacity: 25, perSeconds: 3600, documented: false },
  supportsIdempotency: false,
  defaultBaseUrl: "https://graph.facebook.com",
  notes:
    "Page access token with pages_manage_posts. The link is sent as `link` (a preview card). " +
    "Photos go through /{page-id}/photos; no idempotency, so check the feed before retrying.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
