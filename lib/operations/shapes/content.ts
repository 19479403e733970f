import { z } from "zod";
import { PLATFORMS, type PlatformId } from "@/adapters/types";
import { APPROVAL_STATUSES, CONTENT_STATUSES, CONTENT_TYPES } from "@/db/schema/values";
import { id, iso, record, ts, tsN } from "./common";
import { readPostLinkTracking } from "@/lib/links/settings";

/** Content, variants, media, quality-gate findings and approvals. The documented schema of each answer, and beside it the mapper that builds it from rows (typed by the schema, so the two cannot drift). */
export const content = z.object({
  id,
  title: z.string(),
  content: z.string(),
  summary: z.string().nullable(),
  content_type: z.enum(CONTENT_TYPES),
  status: z.enum(CONTENT_STATUSES),
  platform_configs: z.record(z.string(), z.unknown()),
  tags: z.array(z.string()),
  author_id: id.nullable(),
  author_name: z.string().nullable(),
  source_type: z.string(),
  source_reference: z.string().nullable(),
  scheduled_for: tsN,
  published_at: tsN,
  expires_at: tsN,
  archived_at: tsN,
  media_ids: z.array(id),
  link_tracking: z
    .object({ enabled: z.boolean().optional(), utm_campaign: z.string().optional(), override_existing: z.boolean().optional() })
    .nullable()
    .describe("this post's own link tracking choices; null: the workspace's settings"),
  version: z.number().int(),
  created_at: ts,
  updated_at: ts,
});
export const contentCreated = z.object({ id, status: z.enum(CONTENT_STATUSES), created_at: ts });
export const variant = z.object({
  platform: z.enum(PLATFORMS),
  text: z.string().nullable(),
  parts: z.array(z.string()).nullable(),
  /** Published right after the post as a reply or comment; null: none. */
  first_comment: z.string().nullable(),
  media_ids: z.array(id),
  options: z.record(z.string(), z.unknown()),
  updated_at: ts,
});
export const media = z.object({
  id,
  filename: z.string(),
  mime_type: z.string(),
  size_bytes: z.number().int(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  duration_ms: z.number().int().nullable(),
  alt_text: z.string().nullable(),
  sha256: z.string(),
  url: z.string(),
  created_at: ts,
});
export const gateFinding = z.object({
  rule: z.enum(["platform_limits", "required_fields", "banned_words", "link_check", "alt_text"]),
  severity: z.enum(["error", "warning"]),
  message: z.string(),
  platform: z.string().nullish(),
  field: z.string().nullish(),
});
export const gateCheck = z.object({
  platforms: z.array(z.string()),
  findings: z.array(gateFinding),
  passes: z.boolean().describe("nothing blocks: no errors and no warnings"),
  passes_with_acknowledgement: z.boolean().describe("no errors: passes once the warnings are acknowledged"),
});

// Outgoing webhooks (lib/webhooks/shapes.ts builds these).
export const approvalStatus = z.enum(APPROVAL_STATUSES);
export const approvalRequest = z.object({
  id,
  content_item_id: id,
  status: approvalStatus,
  content_version: z.number().int(),
  requested_by: id.nullable(),
  decided_by: id.nullable(),
  decided_at: tsN,
  comment: z.string().nullable(),
  created_at: ts,
});
export const approvalSubmitted = approvalRequest.extend({ findings: z.array(gateFinding).describe("warnings acknowledged with this submission") });
export const approvalDecided = approvalRequest.extend({ released_schedules: z.number().int().describe("held schedules released by an approval") });
export const approvalQueue = z.object({
  counts: z.object({ pending: z.number().int(), approved: z.number().int(), changes_requested: z.number().int(), rejected: z.number().int() }),
  is_approver: z.boolean(),
  items: z.array(
    z.object({
      approval_request_id: id,
      content_item_id: id,
      title: z.string(),
      status: approvalStatus,
      state: z.enum(["draft", "in_review", "approved", "changes_requested", "rejected", "outdated"]).describe("outdated: approved, but edited since"),
      content_version: z.number().int(),
      current_version: z.number().int(),
      author_id: id.nullable(),
      author_name: z.string().nullable(),
      submitted_at: ts,
      decided_at: tsN,
      comment: z.string().nullable(),
      next_time: tsN,
      held_schedules: z.number().int(),
    }),
  ),
});
export const reviewComment = z.object({
  id,
  parent_id: id.nullable(),
  approval_request_id: id.nullable(),
  author_id: id.nullable(),
  author_name: z.string().nullable(),
  body: z.string(),
  mentions: z.array(z.object({ user_id: id, name: z.string() })),
  created_at: ts,
});

export function contentOut(c: {
  id: string;
  title: string;
  content: string;
  summary: string | null;
  contentType: (typeof CONTENT_TYPES)[number];
  status: (typeof CONTENT_STATUSES)[number];
  platformConfigs: unknown;
  tags: string[];
  authorId: string | null;
  authorName?: string | null;
  sourceType: string;
  sourceReference: string | null;
  scheduledFor: Date | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  mediaIds: string[];
  linkTracking?: unknown;
}): z.output<typeof content> {
  return {
    id: c.id,
    title: c.title,
    content: c.content,
    summary: c.summary,
    content_type: c.contentType,
    status: c.status,
    platform_configs: record(c.platformConfigs),
    tags: c.tags,
    author_id: c.authorId,
    author_name: c.authorName ?? null,
    source_type: c.sourceType,
    source_reference: c.sourceReference,
    scheduled_for: iso(c.scheduledFor),
    published_at: iso(c.publishedAt),
    expires_at: iso(c.expiresAt),
    archived_at: iso(c.archivedAt),
    media_ids: c.mediaIds,
    link_tracking: readPostLinkTracking(c.linkTracking),
    version: c.version,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function variantOut(v: {
  platform: string;
  text: string | null;
  parts: unknown;
  firstComment: string | null;
  mediaIds: string[] | null;
  options: unknown;
  updatedAt: Date;
}): z.output<typeof variant> {
  return {
    // a text column, written only after the platform was checked against PLATFORMS
    platform: v.platform as PlatformId,
    text: v.text,
    parts: (v.parts as string[] | null) ?? null,
    first_comment: v.firstComment,
    media_ids: v.mediaIds ?? [],
    options: record(v.options),
    updated_at: iso(v.updatedAt),
  };
}

export function mediaOut(m: {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  altText: string | null;
  sha256: string;
  createdAt: Date;
}): z.output<typeof media> {
  return {
    id: m.id,
    filename: m.filename,
    mime_type: m.mimeType,
    size_bytes: m.sizeBytes,
    width: m.width,
    height: m.height,
    duration_ms: m.durationMs,
    alt_text: m.altText,
    sha256: m.sha256,
    url: `/api/v1/media/${m.id}/file`,
    created_at: iso(m.createdAt),
  };
}
