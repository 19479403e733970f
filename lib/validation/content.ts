import { z } from "zod";
import { dateOrDateTime, csvList, isoDateTime, pageQuery, tagSchema } from "./common";
import { versionField } from "./version";
import { postLinkTracking } from "@/lib/links/settings";

import { CONTENT_STATUSES, CONTENT_TYPES } from "@/db/schema/values";

export { CONTENT_STATUSES, CONTENT_TYPES };

const platformConfigs = z.record(z.string().min(1).max(40), z.record(z.string(), z.unknown()), {
  message: "platform_configs must map platform ids to objects",
});

const contentFields = {
  title: z.string().trim().min(1, "title is required").max(300, "title can have at most 300 characters"),
  content: z.string().min(1, "content is required").max(200_000, "content can have at most 200,000 characters"),
  summary: z.string().max(2_000, "summary can have at most 2,000 characters").nullish(),
  content_type: z.enum(CONTENT_TYPES, { message: "content_type must be post, article, thread or carousel" }),
  platform_configs: platformConfigs,
  tags: z.array(tagSchema).max(30, "at most 30 tags"),
  scheduled_for: isoDateTime.nullish(),
  expires_at: isoDateTime.nullish(),
  source_reference: z.string().max(255).nullish(),
  media_ids: z.array(z.uuid({ message: "media_ids must be ids" })).max(20, "at most 20 media"),
  link_tracking: postLinkTracking,
};

export const contentCreateSchema = z
  .object({
    ...contentFields,
    content_type: contentFields.content_type.default("post"),
    platform_configs: contentFields.platform_configs.optional(),
    tags: contentFields.tags.optional(),
    media_ids: contentFields.media_ids.optional(),
    link_tracking: contentFields.link_tracking.optional(),
    source_type: z.string().max(40).optional(),
  })
  .strict();
export type ContentCreateInput = z.infer<typeof contentCreateSchema>;

// No defaults here: a field left out of a PATCH stays as it is.
export const contentPatchSchema = z
  .object({ ...contentFields, version: versionField })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).some((k) => k !== "version"), { message: "send at least one field to change" });
export type ContentPatchInput = z.infer<typeof contentPatchSchema>;

export const contentListQuery = z
  .object({
    ...pageQuery,
    status: z.enum(CONTENT_STATUSES, { message: `status must be one of ${CONTENT_STATUSES.join(", ")}` }).optional(),
    author_id: z.uuid({ message: "author_id must be an id" }).optional(),
    platform: z.string().min(1).max(40).optional(),
    tags: csvList.optional(),
    date_from: dateOrDateTime.optional(),
    date_to: dateOrDateTime.optional(),
    q: z.string().trim().max(200, "q can have at most 200 characters").optional(),
    sort: z.enum(["created_at", "-created_at", "scheduled_for", "-scheduled_for", "title", "-title", "updated_at", "-updated_at"]).default("-created_at"),
  })
  .strict();
export type ContentListQuery = z.infer<typeof contentListQuery>;

export const variantSchema = z
  .object({
    text: z.string().max(200_000).nullish(),
    parts: z.array(z.string().min(1, "a thread part cannot be empty").max(100_000)).max(100, "a thread can have at most 100 parts").nullish(),
    media_ids: z.array(z.uuid()).max(20, "at most 20 media").nullish(),
    options: z.record(z.string(), z.unknown()).optional(),
    // Checked against the platform's own cap when the content is scheduled (adapters/comments.ts).
    first_comment: z.string().trim().max(10_000, "first_comment can have at most 10,000 characters").nullish(),
  })
  .strict()
  .refine((v) => v.text != null || v.parts != null || v.media_ids != null || v.options !== undefined || v.first_comment != null, {
    message: "send text, parts, media_ids, options or first_comment",
  });
export type VariantInput = z.infer<typeof variantSchema>;
