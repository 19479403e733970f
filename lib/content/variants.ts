import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { deleteVariant, listVariants, upsertVariant } from "@/db/queries/content";
import { getMediaByIds } from "@/db/queries/media";
import { PLATFORMS, type PlatformId } from "@/adapters/types";
import { supportsComments } from "@/adapters/comments";
import { platformName } from "@/adapters/registry";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { VariantInput } from "../validation/content";
import { requireContent } from "./index";
import { assertChangeable, lockContent, reviseContent } from "./revision";

export function requirePlatform(platform: string): PlatformId {
  if (!(PLATFORMS as readonly string[]).includes(platform)) {
    throw new AppError("not_found:platform", `unknown platform "${platform}"; known: ${PLATFORMS.join(", ")}`);
  }
  return platform as PlatformId;
}

export async function listContentVariants(db: Db, actor: Actor, contentId: string) {
  assertCan(actor.role, "content:read");
  await requireContent(db, actor, contentId);
  return listVariants(db, contentId);
}

export async function getContentVariant(db: Db, actor: Actor, contentId: string, platform: string) {
  const p = requirePlatform(platform);
  const found = (await listContentVariants(db, actor, contentId)).find((v) => v.platform === p);
  if (!found) throw notFound("variant");
  return found;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Sets the text, thread parts, media or options one platform gets instead of the base content.
 * That changes what will be published: a new content version, and the same approval rule as an
 * edit of the body. Sending what is already there changes nothing.
 */
export async function putContentVariant(db: Db, actor: Actor, contentId: string, platform: string, input: VariantInput) {
  assertCan(actor.role, "content:write");
  const p = requirePlatform(platform);
  const firstComment = input.first_comment ? input.first_comment : null;
  if (firstComment && !supportsComments(p)) {
    throw new AppError("bad_request:validation", `${platformName(p)} has no comments, so it cannot take a first comment`, [
      { field: "first_comment", message: `${platformName(p)} has no comments` },
    ]);
  }
  const values = { text: input.text ?? null, parts: input.parts ?? null, firstComment, mediaIds: input.media_ids ?? null, options: input.options ?? {} };
  return db.transaction(async (tx) => {
    const item = await lockContent(tx, actor, contentId);
    assertChangeable(item);
    const ids = input.media_ids ?? [];
    const found = await getMediaByIds(tx, actor.workspaceId, ids);
    if (found.length !== new Set(ids).size) {
      const missing = ids.filter((id) => !found.some((m) => m.id === id));
      throw new AppError("bad_request:validation", `media not found in this workspace: ${missing.join(", ")}`, [
        { field: "media_ids", message: "unknown media" },
      ]);
    }
    const before = (await listVariants(tx, contentId)).find((v) => v.platform === p) ?? null;
    if (
      before &&
      same(before.text, values.text) &&
      same(before.parts, values.parts) &&
      same(before.firstComment, values.firstComment) &&
      same(before.mediaIds, values.mediaIds) &&
      same(before.options, values.options)
    )
      return before;
    const { result } = await reviseContent(tx, actor, contentId, { change: "variant.put" }, async (t) => {
      const row = await upsertVariant(t, contentId, p, values);
      await writeAudit(t, actor, {
        action: "variant.put",
        entityType: "content",
        entityId: contentId,
        before: before && { platform: p, text: before.text, parts: before.parts, first_comment: before.firstComment },
        after: { platform: p, text: row.text, parts: row.parts, first_comment: row.firstComment, media_ids: row.mediaIds },
      });
      return row;
    });
    return result;
  });
}

export async function removeContentVariant(db: Db, actor: Actor, contentId: string, platform: string) {
  assertCan(actor.role, "content:write");
  const p = requirePlatform(platform);
  await reviseContent(db, actor, contentId, { change: "variant.delete" }, async (tx) => {
    if (!(await deleteVariant(tx, contentId, p))) throw notFound("variant");
    await writeAudit(tx, actor, { action: "variant.delete", entityType: "content", entityId: contentId, before: { platform: p } });
  });
}
