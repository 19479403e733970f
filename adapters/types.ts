/**
 * The one interface every platform adapter implements (DESIGN.md §5). Adapters arrive with the
 * publishing engine; the shape is fixed here so the data model and API can name platforms now.
 */
export const PLATFORMS = [
  "sandbox",
  "x",
  "linkedin",
  "threads",
  "devto",
  "medium",
  "mastodon",
  "bluesky",
  "facebook",
  "instagram",
  "wordpress",
  "webhook",
] as const;
export type PlatformId = (typeof PLATFORMS)[number];

export type CountMode = "chars" | "graphemes" | "weighted";

export interface PlatformDescriptor {
  id: PlatformId;
  name: string;
  limits: { maxLength: number | null; countMode: CountMode; maxMedia: number; requiresMedia: boolean };
  /** Documented publish rate: `capacity` posts, refilled over `perSeconds`. */
  rateLimit: { capacity: number; perSeconds: number };
  supportsIdempotency: boolean;
}
