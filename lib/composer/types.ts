/** Plain data the composer's pages hand to its client components (serialisable props). */
import type { ContentType, PlatformId } from "@/adapters/types";
import type { RecurrenceForm, ScheduleFields } from "./schedule";
import type { OpenSchedule } from "./reconcile";
import type { PostLinkTracking } from "@/lib/links/settings";

export interface ComposerAccount {
  id: string;
  name: string;
  platform: PlatformId;
  platformName: string;
  status: string;
  /** Public config (a Mastodon server's max_characters changes its counter). */
  config: Record<string, unknown>;
}

export interface ComposerMedia {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  altText: string | null;
  /** Where a reader without a session loads it (a signed link); members use the media API. */
  url?: string;
}

export interface ComposerSnippet {
  label: string;
  text: string;
  /** Where it comes from; a template's text has {{variables}} filled in when inserted. */
  kind?: "tag" | "template" | "hashtags" | "signature";
  /** Only offered while one of these platforms is being edited (absent or empty: always). */
  platforms?: string[];
  /** A template's time zone for {{date}} (the person's own). */
  timeZone?: string;
  /** A template's default tags, added to the post's tags when it is inserted. */
  tags?: string[];
}

export interface ComposerInitial {
  id: string | null;
  version: number | null;
  status: string;
  title: string;
  body: string;
  contentType: ContentType;
  parts: string[];
  tags: string[];
  media: ComposerMedia[];
  variants: Partial<Record<PlatformId, string>>;
  /** Platform → the first comment published right after the post. */
  firstComments: Partial<Record<PlatformId, string>>;
  accountIds: string[];
  schedule: ScheduleFields;
  recurrence: RecurrenceForm;
  /** Its pending and paused schedules: Schedule edits them instead of adding more. */
  open?: OpenSchedule[];
  /** The open schedule the picker was filled from ("the post" a new time moves). */
  anchorId?: string | null;
  /** The post's own link tracking choice (null: the workspace's). */
  linkTracking?: PostLinkTracking | null;
}

/** The workspace's link tracking, as the composer needs it. */
export interface ComposerLinkTracking {
  enabled: boolean;
  /** Where short links live. */
  base: string;
}

export interface ScheduleSummary {
  id: string;
  accountName: string;
  platformName: string;
  localTime: string;
  timezone: string;
  /** The instant it goes out (a wall time shown twice in a fall-back hour is one of two). */
  scheduledTime?: string;
  status: string;
  recurring: boolean;
}

/** This item's own approval, for the composer's wording ("Scheduled — waiting for approval"). */
export interface ItemApproval {
  /** Changes since the last approval need one: nothing goes out until a reviewer approves. */
  waiting: boolean;
  canSubmit: boolean;
  inReview: boolean;
}

export interface ApprovalInfo {
  /** The workspace's policy holds this person's posts until a reviewer approves them. */
  required: boolean;
  policy: string;
}
