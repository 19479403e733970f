"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { checkDraft, saveGateRules } from "@/lib/gates";
import { qualityGatesSchema } from "@/lib/gates/rules";
import { CONTENT_TYPES } from "@/lib/validation/content";
import { PLATFORMS } from "@/adapters/types";

/** Admins replace the workspace's quality-gate rules (same function as PUT /api/v1/workspace/quality-gates). */
export const saveQualityGatesAction = action(operation("put /workspace/quality-gates"), qualityGatesSchema, async ({ db, actor, input }) => {
  const rules = await saveGateRules(db, actor, input);
  actionRuntime.revalidate("/settings/quality-gates");
  return rules;
});

const platform = z.enum(PLATFORMS, { message: "unknown platform" });

/** The composer's "Check": the gates of stage submit over what the form holds now. */
const draftCheckSchema = z.strictObject({
  title: z.string().max(500),
  content: z.string().max(200_000),
  summary: z.string().max(5000).nullable().default(null),
  content_type: z.enum(CONTENT_TYPES),
  tags: z.array(z.string().max(100)).max(30).default([]),
  media_ids: z.array(z.uuid()).max(20).default([]),
  /** The alt text the form holds for each attached file, saved or not. */
  alt_texts: z.record(z.uuid(), z.string().max(1500).nullable()).default({}),
  variants: z.partialRecord(platform, z.string().max(200_000).nullable()).default({}),
  platforms: z.array(platform).max(PLATFORMS.length).default([]),
});

export const checkDraftAction = action("content:read", draftCheckSchema, async ({ db, actor, input }) =>
  checkDraft(db, actor, {
    title: input.title,
    content: input.content,
    summary: input.summary,
    contentType: input.content_type,
    tags: input.tags,
    mediaIds: input.media_ids,
    altTexts: input.alt_texts,
    variants: input.variants,
    platforms: input.platforms,
  }),
);
