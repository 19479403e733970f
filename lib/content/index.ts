import type { Db } from "@/db/client";
import { emitScheduleCancelled } from "../scheduling/events";
import { writeAudit } from "@/db/queries/audit";
import {
  cancelOpenSchedules,
  countSchedulesByStatus,
  deleteContentRow,
  getContentRow,
  insertContent,
  listVariants,
  updateContentRow,
  upsertVariant,
  type ContentRow,
  type ContentValues,
} from "@/db/queries/content";
import { listContentJson, listContentRows, type ContentFilter } from "@/db/queries/content-list";
import { getMediaByIds } from "@/db/queries/media";
import { setContentMedia } from "@/db/queries/media-write";
import { endSeriesOf } from "@/db/queries/series";
import { openPlatformsOf } from "@/db/queries/schedules";
import { isPlatformId } from "@/adapters/registry";
import { platformIssuesError, validateItemFor } from "./draft";
import { recordCreated, recordVersion, reviseContent } from "./revision";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { ContentCreateInput, ContentListQuery, ContentPatchInput } from "../validation/content";
import { rangeEnd } from "../validation/common";

const date = (s: string | null | undefined) => (s == null ? s : new Date(s));

/** Fields an audit row keeps of a content item: enough to see what changed, not the whole body twice. */
function auditView(c: ContentRow | Awaited<ReturnType<typeof insertContent>>) {
  return {
    title: c.title,
    status: c.status,
    content_type: c.contentType,
    tags: c.tags,
    scheduled_for: c.scheduledFor,
    expires_at: c.expiresAt,
    content_length: c.content.length,
    version: c.version,
  };
}

function checkDates(v: { scheduled_for?: string | null; expires_at?: string | null }, current?: ContentRow) {
  const scheduled = v.scheduled_for !== undefined ? date(v.scheduled_for) : current?.scheduledFor;
  const expires = v.expires_at !== undefined ? date(v.expires_at) : current?.expiresAt;
  if (scheduled && expires && expires <= scheduled) {
    throw new AppError("bad_request:validation", "expires_at must be after scheduled_for", [{ field: "expires_at", message: "must be after scheduled_for" }]);
  }
}

/** One content item of the workspace, or null (a screen decides what a missing item shows). */
export async function findContent(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:read");
  return getContentRow(db, actor.workspaceId, id);
}

export async function requireContent(db: Db, actor: Actor, id: string) {
  const row = await getContentRow(db, actor.workspaceId, id);
  if (!row) throw notFound("content");
  return row;
}

/** Attaches media in order, after checking every id is this workspace's. */
async function attachMedia(db: Db, actor: Actor, itemId: string, ids: string[] | undefined) {
  if (ids === undefined) return;
  const found = await getMediaByIds(db, actor.workspaceId, ids);
  const missing = ids.filter((id) => !found.some((m) => m.id === id));
  if (missing.length)
    throw new AppError("bad_request:validation", `media not found in this workspace: ${missing.join(", ")}`, [
      { field: "media_ids", message: "unknown media" },
    ]);
  await setContentMedia(db, itemId, [...new Set(ids)]);
}

export async function createContent(db: Db, actor: Actor, input: ContentCreateInput) {
  assertCan(actor.role, "content:write");
  checkDates(input);
  return db.transaction(async (tx) => {
    const row = await insertContent(tx, actor.workspaceId, {
      title: input.title,
      content: input.content,
      summary: input.summary ?? null,
      contentType: input.content_type,
      platformConfigs: input.platform_configs ?? {},
      tags: dedupe(input.tags ?? []),
      authorId: actor.userId,
      sourceType: input.source_type ?? (actor.tokenId ? "api" : "manual"),
      sourceReference: input.source_reference ?? null,
      scheduledFor: date(input.scheduled_for) ?? null,
      expiresAt: date(input.expires_at) ?? null,
      linkTracking: input.link_tracking ?? null,
    });
    await attachMedia(tx, actor, row.id, input.media_ids);
    await recordCreated(tx, actor, row);
    await writeAudit(tx, actor, { action: "content.create", entityType: "content", entityId: row.id, after: auditView(row) });
    return row;
  });
}

function dedupe(tags: string[]): string[] {
  const seen = new Set<string>();
  return tags.filter((t) => {
    const k = t.toLowerCase();
    return seen.has(k) ? false : (seen.add(k), true);
  });
}

export async function updateContent(db: Db, actor: Actor, id: string, patch: ContentPatchInput) {
  assertCan(actor.role, "content:write");
  const v: ContentValues = {};
  if (patch.title !== undefined) v.title = patch.title;
  if (patch.content !== undefined) v.content = patch.content;
  if (patch.summary !== undefined) v.summary = patch.summary;
  if (patch.content_type !== undefined) v.contentType = patch.content_type;
  if (patch.platform_configs !== undefined) v.platformConfigs = patch.platform_configs;
  if (patch.tags !== undefined) v.tags = dedupe(patch.tags);
  if (patch.scheduled_for !== undefined) v.scheduledFor = date(patch.scheduled_for);
  if (patch.expires_at !== undefined) v.expiresAt = date(patch.expires_at);
  if (patch.source_reference !== undefined) v.sourceReference = patch.source_reference;
  if (patch.link_tracking !== undefined) v.linkTracking = patch.link_tracking;
  const { result } = await reviseContent(
    db,
    actor,
    id,
    { change: "content.update", values: v, expectedVersion: patch.version, check: (current) => checkDates(patch, current) },
    async (tx, current, row) => {
      await attachMedia(tx, actor, id, patch.media_ids);
      // An edit must not break what is already scheduled: check it against those platforms again.
      const platforms = (await openPlatformsOf(tx, id)).filter(isPlatformId);
      if (platforms.length) {
        const errors = (await validateItemFor(tx, actor.workspaceId, (await requireContent(tx, actor, id))!, platforms)).filter((i) => i.severity === "error");
        if (errors.length) throw platformIssuesError(errors);
      }
      await writeAudit(tx, actor, { action: "content.update", entityType: "content", entityId: id, before: auditView(current), after: auditView(row) });
      return row;
    },
  );
  return result;
}

function listFilter(actor: Actor, q: ContentListQuery): ContentFilter {
  assertCan(actor.role, "content:read");
  const from = q.date_from ? new Date(q.date_from) : undefined;
  // A bare end date includes that whole day.
  const to = q.date_to ? rangeEnd(q.date_to) : undefined;
  if (from && to && from > to) throw new AppError("bad_request:validation", "date_from must not be after date_to");
  return {
    status: q.status,
    authorId: q.author_id,
    platform: q.platform,
    tags: q.tags,
    from,
    to,
    q: q.q,
    sort: q.sort,
    limit: q.limit,
    offset: (q.page - 1) * q.limit,
  };
}

const pagesOf = (total: number, q: ContentListQuery) => Math.max(1, Math.ceil(total / q.limit));

export async function listContent(db: Db, actor: Actor, q: ContentListQuery) {
  const { items, total } = await listContentRows(db, actor.workspaceId, listFilter(actor, q));
  return { items, total, page: q.page, pages: pagesOf(total, q) };
}

/** The same page as listContent, as the API's JSON text (its items written by Postgres). */
export async function listContentText(db: Db, actor: Actor, q: ContentListQuery): Promise<string> {
  const { items, total } = await listContentJson(db, actor.workspaceId, listFilter(actor, q));
  return `{"items":${items},"total":${total},"page":${q.page},"pages":${pagesOf(total, q)}}`;
}

export async function deleteContent(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  await db.transaction(async (tx) => {
    const current = await requireContent(tx, actor, id);
    const counts = await countSchedulesByStatus(tx, id);
    if ((counts.published ?? 0) + (counts.publishing ?? 0) > 0) {
      throw new AppError("conflict:published", "This content has been published; its history stays. Archive it instead of deleting it.");
    }
    await deleteContentRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "content.delete", entityType: "content", entityId: id, before: auditView(current) });
  });
}

export async function archiveContent(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireContent(tx, actor, id);
    if (current.status === "archived") return current;
    const cancelled = await cancelOpenSchedules(tx, id, "content archived");
    await emitScheduleCancelled(tx, cancelled);
    await endSeriesOf(tx, id);
    const row = (await updateContentRow(tx, actor.workspaceId, id, { status: "archived", archivedAt: new Date() }))!;
    await recordVersion(tx, actor, id, row.version, "content.archive");
    await writeAudit(tx, actor, {
      action: "content.archive",
      entityType: "content",
      entityId: id,
      before: { status: current.status },
      after: { status: "archived", cancelled_schedules: cancelled.length },
    });
    return row;
  });
}

export async function restoreContent(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireContent(tx, actor, id);
    if (current.status !== "archived") throw new AppError("conflict:not_archived", "Only archived content can be restored.");
    const status = current.publishedAt ? "published" : "draft";
    const row = (await updateContentRow(tx, actor.workspaceId, id, { status, archivedAt: null }))!;
    await recordVersion(tx, actor, id, row.version, "content.restore");
    await writeAudit(tx, actor, { action: "content.restore", entityType: "content", entityId: id, before: { status: "archived" }, after: { status } });
    return row;
  });
}

/** A new draft with the same text, settings and per-platform variants; schedules are not copied. */
export async function cloneContent(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const src = await requireContent(tx, actor, id);
    const row = await insertContent(tx, actor.workspaceId, {
      title: `${src.title} (copy)`.slice(0, 300),
      content: src.content,
      summary: src.summary,
      contentType: src.contentType,
      platformConfigs: src.platformConfigs,
      tags: src.tags,
      authorId: actor.userId,
      sourceType: "clone",
      sourceReference: src.id,
    });
    await setContentMedia(tx, row.id, src.mediaIds);
    for (const v of await listVariants(tx, id)) {
      await upsertVariant(tx, row.id, v.platform, {
        text: v.text,
        parts: v.parts as string[] | null,
        mediaIds: v.mediaIds,
        options: v.options as Record<string, unknown>,
      });
    }
    await recordCreated(tx, actor, row, "content.clone");
    await writeAudit(tx, actor, { action: "content.clone", entityType: "content", entityId: row.id, after: { ...auditView(row), cloned_from: id } });
    return row;
  });
}
