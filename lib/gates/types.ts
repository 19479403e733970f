import type { ComposerMedia } from "../composer/types";
import type { ContentType, PlatformId } from "@/adapters/types";

export interface GateFinding {
  /** Which rule: `platform_limits`, `required_fields`, `banned_words`, `link_check`, `alt_text`. */
  rule: string;
  severity: "error" | "warning";
  message: string;
  platform?: PlatformId;
  field?: string;
}

export type GateStage = "submit" | "publish";

/** The same shape the composer holds (so a draft can be checked before it is saved). */
export type SubjectMedia = ComposerMedia;

export interface SubjectVariant {
  platform: string;
  text: string | null;
  parts: string[] | null;
  mediaIds: string[] | null;
}

/** What the gates look at: the item, its platform variants and every medium either refers to. */
export interface GateSubject {
  item: { title: string; content: string; summary: string | null; contentType: ContentType; tags: string[]; mediaIds: string[] };
  variants: SubjectVariant[];
  media: SubjectMedia[];
}
