/**
 * A workspace's quality-gate rules, as stored in `workspaces.settings.quality_gates`. Pure (zod
 * only), so the settings form uses the same lists and labels as the server.
 */
import { z } from "zod";
import { CONTENT_TYPES } from "../validation/content";
import { PLATFORMS } from "@/adapters/types";

export const GATE_RULES = ["platform_limits", "required_fields", "banned_words", "link_check", "alt_text"] as const;
export type GateRule = (typeof GATE_RULES)[number];

export const RULE_LABELS: Record<GateRule, string> = {
  platform_limits: "Platform limits",
  required_fields: "Required fields",
  banned_words: "Banned words and phrases",
  link_check: "Link check",
  alt_text: "Alt text on images",
};

export const SEVERITIES = ["error", "warning"] as const;
export type Severity = (typeof SEVERITIES)[number];
const severity = z.enum(SEVERITIES, { message: "severity must be error or warning" });

/** The fields an admin may require, and for which content types each one makes sense. */
export const REQUIRED_FIELDS = ["title", "summary", "tags", "media", "link", "parts"] as const;
export type RequiredField = (typeof REQUIRED_FIELDS)[number];

export const FIELD_LABELS: Record<RequiredField, string> = {
  title: "Title",
  summary: "Summary",
  tags: "At least one tag",
  media: "An image or video (cover)",
  link: "A link in the text",
  parts: "At least 2 parts",
};

export const FIELDS_BY_TYPE: Record<(typeof CONTENT_TYPES)[number], readonly RequiredField[]> = {
  post: ["title", "tags", "media", "link"],
  article: ["title", "summary", "tags", "media", "link"],
  thread: ["title", "parts", "tags", "media", "link"],
  carousel: ["title", "tags", "media", "link"],
};

const fieldList = (type: (typeof CONTENT_TYPES)[number]) =>
  z
    .array(z.enum(REQUIRED_FIELDS))
    .max(REQUIRED_FIELDS.length)
    .refine((list) => list.every((f) => FIELDS_BY_TYPE[type].includes(f)), { message: `only ${FIELDS_BY_TYPE[type].join(", ")} can be required for ${type}` })
    .refine((list) => new Set(list).size === list.length, { message: "name each required field once" })
    .default([]);

export const bannedEntry = z.strictObject({
  text: z.string().trim().min(1, "a banned word or phrase cannot be empty").max(100, "a banned word or phrase has at most 100 characters"),
  severity: severity.default("error"),
});

export const qualityGatesSchema = z.strictObject({
  platform_limits: z.strictObject({ enabled: z.boolean().default(true), severity: severity.default("error") }).default({ enabled: true, severity: "error" }),
  required_fields: z
    .strictObject({
      enabled: z.boolean().default(false),
      severity: severity.default("error"),
      by_type: z
        .strictObject({ post: fieldList("post"), article: fieldList("article"), thread: fieldList("thread"), carousel: fieldList("carousel") })
        .default({ post: [], article: [], thread: [], carousel: [] }),
    })
    .default({ enabled: false, severity: "error", by_type: { post: [], article: [], thread: [], carousel: [] } }),
  banned_words: z
    .strictObject({
      enabled: z.boolean().default(false),
      entries: z
        .array(bannedEntry)
        .max(500, "at most 500 banned words or phrases")
        .refine((list) => new Set(list.map((e) => e.text.toLowerCase())).size === list.length, { message: "each banned word or phrase appears once" })
        .default([]),
    })
    .default({ enabled: false, entries: [] }),
  link_check: z
    .strictObject({
      enabled: z.boolean().default(false),
      severity: severity.default("warning"),
      timeout_ms: z
        .number()
        .int()
        .min(500, "the wait per link must be from 0.5 to 15 seconds (timeout_ms 500 to 15000)")
        .max(15_000, "the wait per link must be from 0.5 to 15 seconds (timeout_ms 500 to 15000)")
        .default(5000),
    })
    .default({ enabled: false, severity: "warning", timeout_ms: 5000 }),
  alt_text: z.strictObject({ enabled: z.boolean().default(false), severity: severity.default("error") }).default({ enabled: false, severity: "error" }),
});

export type QualityGates = z.output<typeof qualityGatesSchema>;
export type QualityGatesInput = z.input<typeof qualityGatesSchema>;

export const DEFAULT_GATES: QualityGates = qualityGatesSchema.parse({});

/**
 * The rules from whatever is stored. Something unreadable (written by hand, or by an older
 * version) falls back to the defaults rather than blocking every submit.
 */
export function readGates(stored: unknown): QualityGates {
  const parsed = qualityGatesSchema.safeParse(stored ?? {});
  return parsed.success ? parsed.data : DEFAULT_GATES;
}

/** Body of `POST /content/{id}/check`: the platforms to check for (default: the item's own). */
export const gateCheckSchema = z.strictObject({
  platforms: z
    .array(z.enum(PLATFORMS, { message: `platforms must be among ${PLATFORMS.join(", ")}` }))
    .max(PLATFORMS.length)
    .optional(),
});
