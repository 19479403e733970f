"use server";
import { z } from "zod";
import { action, actionRuntime } from "@/app/_server/action";
import { createContent, updateContent } from "@/lib/content";
import { lockContent, reviseContent, withinVersion } from "@/lib/content/revision";
import { listContentVariants, putContentVariant, removeContentVariant } from "@/lib/content/variants";
import { createSchedules } from "@/lib/scheduling/create";
import { queueContent } from "@/lib/scheduling/queue";
import { scheduleAtBestTimes } from "@/lib/scheduling/best-queue";
import { contentCreateSchema } from "@/lib/validation/content";
import { recurrenceSchema, scheduleCreateSchema } from "@/lib/validation/schedules";
import { AppError } from "@/lib/errors";
import { formatLocal, utcToLocal } from "@/lib/time";
import { applyScheduleEdit, describeEdit, openSchedulesOf } from "@/lib/composer/edit-schedules";
import { isPlatformId } from "@/adapters/registry";
import { setAltText } from "@/lib/media/store";

/**
 * The composer's one save: content, per-platform texts and (unless it is a draft) the schedules,
 * in one transaction over the same lib functions as /api/v1, so a refused schedule saves nothing.
 */
const composerSaveSchema = z
  .object({
    id: z.uuid().optional(),
    version: z.number().int().min(1).optional(),
    content: contentCreateSchema,
    /** Platform → its own text; empty or null removes the platform's text. */
    variants: z.record(z.string().max(40), z.string().max(200_000).nullable()).default({}),
    /** Platform → the first comment published right after the post; empty or null: none. */
    first_comments: z.record(z.string().max(40), z.string().trim().max(10_000).nullable()).default({}),
    /**
     * Attached file → its new alt text (null or blank clears it), saved with the post: stored with
     * the file as part of this one version. Other content using the file gets its own version.
     */
    alt_texts: z
      .record(z.uuid({ message: "alt_texts keys must be media ids" }), z.string().trim().max(1500, "alt text can have at most 1,500 characters").nullable())
      .default({}),
    mode: z.enum(["draft", "schedule", "now", "queue", "best"], { message: "mode must be draft, schedule, now, queue or best" }),
    platform_account_ids: z
      .array(z.uuid({ message: "accounts must be ids" }))
      .max(50, "at most 50 accounts")
      .default([]),
    schedule: z
      .object({
        scheduled_time: z.string().trim().min(1, "pick a date and time").max(40),
        timezone: z.string().trim().min(1).max(64),
        recurrence: recurrenceSchema.optional(),
      })
      .strict()
      .optional(),
    /**
     * Content that already has open schedules: what the person saw and decided. Schedule then
     * moves, adds and cancels (lib/composer/edit-schedules); "add_time" adds a second time.
     */
    edit: z
      .object({
        anchor_id: z.uuid().nullable(),
        scope: z.enum(["post", "series"], { message: "scope must be post or series" }).default("post"),
        intent: z.enum(["schedule", "add_time"], { message: "intent must be schedule or add_time" }).default("schedule"),
        known: z.array(z.object({ id: z.uuid(), version: z.number().int().min(1) }).strict()).max(5000),
        confirm_cancel: z.array(z.uuid()).max(5000).default([]),
      })
      .strict()
      .optional(),
  })
  .strict()
  .refine((v) => v.mode === "draft" || v.platform_account_ids.length > 0, {
    message: "Choose at least one account to post to.",
    path: ["platform_account_ids"],
  })
  .refine((v) => v.mode !== "schedule" || !!v.schedule, { message: "Pick a date, time and time zone.", path: ["schedule"] })
  .refine((v) => Object.keys(v.alt_texts).every((m) => (v.content.media_ids ?? []).includes(m)), {
    message: "Alt text can only be saved for a file attached to this post.",
    path: ["alt_texts"],
  })
  .refine((v) => !v.id || v.version !== undefined, { message: "version is required when saving existing content", path: ["version"] });

function scheduleInput(raw: unknown) {
  const parsed = scheduleCreateSchema.safeParse(raw);
  if (!parsed.success) throw new AppError("bad_request:validation", parsed.error.issues[0]?.message ?? "invalid schedule");
  return parsed.data;
}

export const saveComposerAction = action("content:write", composerSaveSchema, async ({ db, actor, input }) => {
  const { content: c } = input;
  const result = await db.transaction(async (tx) => {
    // One save is one content version, made under the saver's role: texts, variants and settings.
    const id = input.id ?? (await createContent(tx, actor, c)).id;
    const write = async () => {
      // Texts first, so an edit of scheduled content is checked with the platforms' new texts.
      const existing = await listContentVariants(tx, actor, id);
      for (const platform of new Set([...Object.keys(input.variants), ...Object.keys(input.first_comments)])) {
        if (!isPlatformId(platform)) throw new AppError("bad_request:validation", `unknown platform "${platform}"`);
        const had = existing.find((v) => v.platform === platform);
        const text = input.variants[platform] || null;
        // A platform missing from first_comments keeps the comment it had.
        const comment = platform in input.first_comments ? input.first_comments[platform] || null : (had?.firstComment ?? null);
        if (text || comment) await putContentVariant(tx, actor, id, platform, { text, first_comment: comment });
        else if (had && (had.text != null || had.firstComment != null) && !had.parts && !had.mediaIds?.length)
          await removeContentVariant(tx, actor, id, platform);
      }
      if (input.id) {
        const { version } = await lockContent(tx, actor, id);
        await updateContent(tx, actor, id, {
          title: c.title,
          content: c.content,
          content_type: c.content_type,
          tags: c.tags ?? [],
          media_ids: c.media_ids ?? [],
          ...(c.link_tracking !== undefined ? { link_tracking: c.link_tracking } : {}),
          version,
        });
      }
      // The files are attached by now: their alt text is part of this version (and of the
      // approval rule's snapshot); a file published content still posts refuses the change.
      for (const [mediaId, text] of Object.entries(input.alt_texts)) await setAltText(tx, actor, mediaId, text);
    };
    if (input.id) await reviseContent(tx, actor, id, { change: "content.update", expectedVersion: input.version }, write);
    else await withinVersion(id, write);
    const accounts = input.platform_account_ids;
    let made = 0;
    let summary: string | null = null;
    const warnings: string[] = [];
    const open = input.id && input.mode !== "draft" ? await openSchedulesOf(tx, actor, id) : [];
    if ((input.mode === "queue" || input.mode === "best") && open.length) {
      throw new AppError(
        "conflict:scheduled",
        "This post is already scheduled. To move it, pick a date and time and press Schedule; to add a time, use Add another time.",
      );
    }
    if ((input.mode === "schedule" || input.mode === "now") && (open.length || input.edit)) {
      // Content with open schedules: Schedule edits them and Publish now moves the post to now;
      // neither adds another post by accident.
      if (!input.edit) throw new AppError("conflict:version", "This content already has schedules. Reload the page to see them, then save again.");
      const e = input.edit;
      const timezone = input.schedule?.timezone ?? "UTC";
      const now = input.mode === "now";
      // One clock for the whole save: "now" is this minute, judged against this same moment (the
      // engine allows a minute's grace), so a press at hh:mm:59 is not refused as past.
      const at = new Date();
      const r = await applyScheduleEdit(tx, actor, {
        contentItemId: id,
        accounts,
        now: at,
        local: now ? formatLocal(utcToLocal(at, timezone)).slice(0, 16) : input.schedule!.scheduled_time,
        timezone,
        recurrence: now ? undefined : input.schedule!.recurrence,
        anchorId: e.anchor_id,
        scope: now ? "post" : e.scope,
        intent: now ? "schedule" : e.intent,
        known: e.known,
        confirmedCancel: e.confirm_cancel,
      });
      made = r.moved + r.added + r.seriesCreated;
      summary = now ? `Publishing ${made} post${made === 1 ? "" : "s"} now${r.cancelled ? `, cancelled ${r.cancelled}` : ""}` : describeEdit(r);
      warnings.push(...r.warnings);
    } else if (input.mode === "schedule" || input.mode === "now") {
      const when = input.mode === "now" ? { scheduled_time: new Date().toISOString(), timezone: input.schedule?.timezone ?? "UTC" } : input.schedule!;
      const r = await createSchedules(
        tx,
        actor,
        scheduleInput({
          content_item_id: id,
          platform_account_ids: accounts,
          ...when,
          ...(input.mode === "schedule" && input.schedule?.recurrence ? { recurrence: input.schedule.recurrence } : {}),
        }),
      );
      made = r.schedules.length;
      warnings.push(...r.warnings.map((w) => w.message), ...r.conflicts.map((x) => x.message));
    } else if (input.mode === "queue" || input.mode === "best") {
      const r = input.mode === "queue" ? await queueContent(tx, actor, id, accounts) : await scheduleAtBestTimes(tx, actor, id, accounts);
      made = r.reduce((n, x) => n + x.schedules.length, 0);
      warnings.push(...r.flatMap((x) => [...x.warnings.map((w) => w.message), ...x.conflicts.map((k) => k.message)]));
    }
    return { id, schedules: made, warnings, summary };
  });
  actionRuntime.revalidate("/");
  return result;
});
