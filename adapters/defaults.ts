import type { MediaRules, TextLimits } from "./types";

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
