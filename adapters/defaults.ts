import type { MediaRules, PlatformDescriptor, TextLimits } from "./types";

/**
 * "No rule here" for each limit: descriptors spread these and write out only what their
 * platform documents, so a declaration reads as the platform's own rules.
 */
export const OPEN_LIMITS: TextLimits = {
  maxLength: null,
  countMode: "chars",
  urlLength: null,
  maxBytes: null,
  maxHashtags: null,
  maxMentions: null,
  maxMedia: null,
  requiresMedia: false,
};

export const OPEN_MEDIA: MediaRules = {
  accepted: ["*/*"],
  maxBytes: { image: null, gif: null, video: null },
  video: true,
  maxVideoDurationMs: null,
  exclusive: [],
  carousel: null,
  altText: { supported: true, maxLength: null },
};

/**
 * A receiver with no rules of its own (the sandbox, a webhook): it takes the title, the tags, any
 * media in any number, native threads and a separate link, and the idempotency key dedupes. Its
 * descriptor adds its id, name, pace and notes, and any cap it does keep.
 */
export const OPEN_RECEIVER = {
  limits: OPEN_LIMITS,
  title: { used: true, required: false, maxLength: null, overflow: "ignored" },
  tags: { used: true, max: null, overflow: "dropped", maxLength: null },
  media: {
    ...OPEN_MEDIA,
    carousel: { min: 0, max: Number.MAX_SAFE_INTEGER },
  },
  thread: { supported: true },
  link: "field",
  supportsIdempotency: true,
  defaultBaseUrl: null,
} satisfies Omit<PlatformDescriptor, "id" | "name" | "rateLimit" | "notes">;
