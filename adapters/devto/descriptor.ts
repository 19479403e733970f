import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { issue, validateCommon } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "devto",
  name: "Dev.to",
  limits: {
    ...OPEN_LIMITS,
    // The API has no upload: the one image becomes `main_image` (the cover), by public URL.
    maxMedia: 1,
    // Forem's Article model caps body_markdown at 800 KB (from its source, not the API docs).
    maxBytes: 800 * 1024,
  },
  // Forem's Article model: title present and at most 128 characters (from its source, not the API
  // docs; docs/platforms.md, Dev.to).
  title: { used: true, required: true, maxLength: 128, overflow: "error" },
  // docs/platforms.md, Dev.to: tags[≤4]. Forem's Tag model also caps a name at 30 characters
  // (from its source, not the API docs).
  tags: { used: true, max: 4, overflow: "error", maxLength: 30 },
  media: {
    ...OPEN_MEDIA,
    accepted: ["image/jpeg", "image/png", "image/gif", "image/webp"],
    video: false,
    // main_image has no alt attribute; images inside body_markdown carry their own.
    altText: { supported: false, maxLength: null },
  },
  thread: { supported: false },
  link: "field",
  // docs/platforms.md, Dev.to: article creation 10 / 30 s; 429 beyond.
  rateLimit: { capacity: 10, perSeconds: 30, documented: true },
  supportsIdempotency: false,
  defaultBaseUrl: "https://dev.to",
  notes:
    "Markdown body, title required, up to 4 alphanumeric tags. The link is sent as canonical_url. " +
    "Send Accept: application/vnd.forem.api-v1+json; GET /api/articles/me/all finds an earlier attempt.",
};

export function validate(draft: PostDraft): ValidationIssue[] {
  const out = validateCommon(descriptor, draft);
  draft.tags.forEach((tag, i) => {
    // Forem rejects a tag with anything but letters and digits ("contains non-alphanumeric…").
    if (!/^[\p{L}\p{N}]+$/u.test(tag)) {
      const msg = `Dev.to tags may contain only letters and digits; tag ${i + 1} ("${tag}") does not`;
      out.push(issue(descriptor, `tags.${i}`, "tag_invalid", msg));
    }
  });
  return out;
}
