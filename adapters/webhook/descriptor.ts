import { OPEN_LIMITS, OPEN_MEDIA } from "../defaults";
import type { PlatformDescriptor, Validator } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "webhook",
  name: "Webhook",
  limits: OPEN_LIMITS,
  title: { used: true, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: true, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    carousel: { min: 0, max: Number.MAX_SAFE_INTEGER },
  },
  // The receiver gets the parts array as is and decides what a thread means.
  thread: { supported: true },
  link: "field",
  // docs/platforms.md, Webhook: configurable per endpoint; this is only the default.
  rateLimit: { capacity: 60, perSeconds: 60, documented: false },
  supportsIdempotency: true,
  defaultBaseUrl: null,
  notes:
    "POSTs signed JSON (X-Signature: sha256=<HMAC>, timestamp header) to the account's URL; " +
    "the idempotency key travels in a header and the receiver dedupes.",
};

/** The receiver owns its rules, so nothing is rejected here. */
export const validate: Validator = () => [];
