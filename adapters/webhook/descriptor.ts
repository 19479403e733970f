import type { PlatformDescriptor, Validator } from "../types";

export const descriptor: PlatformDescriptor = {
  id: "webhook",
  name: "Webhook",
  limits: {
    maxLength: null,
    countMode: "chars",
    urlLength: null,
    maxBytes: null,
    maxHashtags: null,
    maxMentions: null,
    maxMedia: null,
    requiresMedia: false,
  },
  title: { used: true, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: true, max: null, overflow: "dropped", maxLength: null },
  media: {
    accepted: ["*/*"],
    maxBytes: { image: null, gif: null, video: null },
    video: true,
    maxVideoDurationMs: null,
    exclusive: [],
    carousel: { min: 0, max: Number.MAX_SAFE_INTEGER },
    altText: { supported: true, maxLength: null },
  },
  // The receiver gets the parts array as is and decides what a thread means.
  thread: { supported: true },
  link: "field",
  // PLATFORMS.md: configurable per endpoint; this is only the default.
  rateLimit: { capacity: 60, perSeconds: 60, documented: false },
  supportsIdempotency: true,
  defaultBaseUrl: null,
  notes:
    "POSTs signed JSON (X-Signature: sha256=<HMAC>, timestamp header) to the account's URL; " +
    "the idempotency key travels in a header and the receiver dedupes.",
};

/** The receiver owns its rules, so nothing is rejected here. */
export const validate: Validator = () => [];
