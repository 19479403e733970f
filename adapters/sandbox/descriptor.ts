import { OPEN_LIMITS, OPEN_RECEIVER } from "../defaults";
import { lengthIssues, postsOf } from "../rules";
import type { PlatformDescriptor, PostDraft, ValidationIssue } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "sandbox",
  name: "Sandbox",
  ...OPEN_RECEIVER,
  limits: {
    ...OPEN_LIMITS,
    maxLength: 10_000,
  },
  // A local table, not a remote API: generous, only there so the engine's pacing is visible.
  rateLimit: { capacity: 1000, perSeconds: 60, documented: false },
  notes: "Publishes into a local table shown in the UI; the demo workspace's default account. " + "Accepts anything up to 10,000 characters.",
};

/** The demo must never block on rules it does not have: only the length cap applies. */
export function validate(draft: PostDraft): ValidationIssue[] {
  return postsOf(descriptor, draft).flatMap((post) => lengthIssues(descriptor, post));
}
