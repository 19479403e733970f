import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "wordpress",
  name: "WordPress",
  limits: OPEN_LIMITS,
  // The REST API accepts an empty title (shown as "(no title)"), so it is not required.
  title: { used: true, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: true, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    // Allowed types and upload_max_filesize are per site; these are WordPress core's defaults.
    accepted: ["image/*", "video/mp4", "video/quicktime", "video/webm"],
  },
  thread: { supported: false },
  link: "text",
  // docs/platforms.md, WordPress: site-dependent. One post a second is a polite default for
  // shared hosting.
  rateLimit: { capacity: 60, perSeconds: 60, documented: false },
  supportsIdempotency: false,
  defaultBaseUrl: null,
  notes:
    "Base URL is the site; Application Password over Basic auth. Tags are terms (looked up or created by " +
    "name). GET /wp-json/wp/v2/posts?search= finds an earlier attempt.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  return validateCommon(descriptor, draft);
}
