import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import { lengthIssues, postsOf } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "sandbox",
  name: "Sandbox",
  limits: {
    ...OPEN_LIMITS,
    maxLength: 10_000,
  },
  title: { used: true, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: true, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    carousel: { min: 0, max: Number.MAX_SAFE_INTEGER },
  },
  thread: { supported: true },
  link: "field",
  // A local table, not a remote API: generous, only there so the engine's pacing is visible.
  rateLimit: { capacity: 1000, perSeconds: 60, documented: false },
  supportsIdempotency: true,
  defaultBaseUrl: null,
  notes: "Publishes into a local table shown in the UI; the demo workspace's default account. " + "Accepts anything up to 10,000 characters.",
};

/** The demo must never block on rules it does not have: only the length cap applies. */
export function validate(draft: PostDraft): ValidationIssue[] {
  return postsOf(descriptor, draft).flatMap((post) => lengthIssues(descriptor, post));
}
