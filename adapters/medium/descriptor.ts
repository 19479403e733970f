import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "medium",
  name: "Medium",
  limits: OPEN_LIMITS,
  // Medium API docs: "Titles longer than 100 characters will be ignored" — so warn, not fail.
  title: { used: true, required: true, maxLength: 100, overflow: "ignored" },
  // docs/platforms.md, Medium: tags[≤3 used]; Medium API docs: tags over 25 characters are ignored.
  tags: { used: true, max: 3, overflow: "dropped", maxLength: 25 },
  media: {
    ...OPEN_MEDIA,
    // Medium fetches images from URLs in the content; its docs list these formats.
    accepted: ["image/jpeg", "image/png", "image/gif", "image/tiff"],
    video: false,
  },
  thread: { supported: false },
  link: "field",
  // docs/platforms.md, Medium: "undisclosed daily; 429". A conservative guess: 10 posts an hour.
  rateLimit: { capacity: 10, perSeconds: 3600, documented: false },
  supportsIdempotency: false,
  defaultBaseUrl: "https://api.medium.com",
  notes:
    "The API is frozen: existing integration tokens only. Title required (over 100 characters is ignored), " +
    "first 3 tags used. The link is sent as canonicalUrl; images are embedded in the content by URL.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
