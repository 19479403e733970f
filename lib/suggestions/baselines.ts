import type { PlatformId } from "@/adapters/types";

export interface BaselineWindow {
  /** 0 = Sunday … 6 = Saturday, in the account's local time. */
  weekdays: number[];
  /** Local hours [fromHour, toHour). */
  fromHour: number;
  toHour: number;
  /** 0–1; where windows overlap the heaviest one counts. */
  weight: number;
  reason: string;
}

export interface Baseline {
  platform: string;
  windows: BaselineWindow[];
}

const WEEKDAYS = [1, 2, 3, 4, 5];
const MIDWEEK = [2, 3, 4];

/**
 * Posting-time baselines from published engagement research, as the product spec summarises it.
 * They are starting points for an account with no history; `learned` stats take over as posts
 * accumulate. YouTube and TikTok have no adapter yet but are kept so the table matches the spec.
 */
export const BASELINES: Record<string, Baseline> = {
  youtube: {
    platform: "YouTube",
    windows: [
      { weekdays: [3], fromHour: 16, toHour: 17, weight: 1, reason: "Wednesday 16:00 is the best time to publish on YouTube" },
      { weekdays: WEEKDAYS, fromHour: 15, toHour: 17, weight: 0.8, reason: "Weekdays 15:00–17:00 is when YouTube audiences engage most" },
    ],
  },
  tiktok: {
    platform: "TikTok",
    windows: [{ weekdays: [3, 0], fromHour: 20, toHour: 21, weight: 1, reason: "Wednesday and Sunday 20:00 is when TikTok audiences engage most" }],
  },
  instagram: {
    platform: "Instagram",
    windows: [{ weekdays: WEEKDAYS, fromHour: 10, toHour: 15, weight: 1, reason: "Weekdays 10:00–15:00 is when Instagram audiences engage most" }],
  },
  x: {
    platform: "X",
    windows: [{ weekdays: MIDWEEK, fromHour: 8, toHour: 12, weight: 1, reason: "Tue–Thu 08:00–12:00 is when X audiences engage most" }],
  },
  linkedin: {
    platform: "LinkedIn",
    windows: [{ weekdays: MIDWEEK, fromHour: 8, toHour: 14, weight: 1, reason: "Tue–Thu 08:00–14:00 is when LinkedIn audiences engage most" }],
  },
  facebook: {
    platform: "Facebook",
    windows: [{ weekdays: WEEKDAYS, fromHour: 8, toHour: 18, weight: 1, reason: "Weekdays 08:00–18:00 is when Facebook audiences engage most" }],
  },
  general: {
    platform: "general",
    windows: [
      { weekdays: WEEKDAYS, fromHour: 9, toHour: 17, weight: 1, reason: "Weekdays 09:00–17:00 are office hours (no published research for this platform)" },
    ],
  },
};

/**
 * Which research stands in for each of our platforms. There is little published data for the
 * smaller networks, so each borrows from the closest audience:
 *   threads → instagram (same owner and audience, image-led feed)
 *   bluesky, mastodon → x (short public posts, timeline read through the working day)
 *   devto, medium, wordpress → linkedin (professional long-form read at work, midweek)
 *   sandbox, webhook → general (no audience of their own: weekdays 09–17)
 */
export const PLATFORM_BASELINE: Record<PlatformId, string> = {
  x: "x",
  bluesky: "x",
  mastodon: "x",
  linkedin: "linkedin",
  devto: "linkedin",
  medium: "linkedin",
  wordpress: "linkedin",
  instagram: "instagram",
  threads: "instagram",
  facebook: "facebook",
  sandbox: "general",
  webhook: "general",
};

export function baselineFor(platformId: PlatformId): Baseline {
  return BASELINES[PLATFORM_BASELINE[platformId]] ?? BASELINES.general!;
}
