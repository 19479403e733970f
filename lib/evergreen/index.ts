/** Evergreen categories: content recycled into empty posting slots (fill.ts does the filling). */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getAccounts } from "@/db/queries/accounts";
import {
  categoryNameTaken,
  contentIdsOf,
  deleteCategoryRow,
  deleteItems,
  getCategoryRow,
  insertCategory,
  listCategoryRows,
  listItemRows,
  listSkipRows,
  upcomingPlacements,
  updateCategoryRow,
  upsertItems,
  workspaceApprovalPolicy,
  type CategoryRow,
} from "@/db/queries/evergreen";
import { seededRandom } from "../random";
import { roleCovered } from "../approvals/state";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { AppError, notFound } from "../errors";
import { fillCategory, type FillResult } from "./fill";
import { categoryItemOut, categoryOut, skipOut, upcomingOut } from "./shapes";
import type { CategoryFillInput, CategoryInput, CategoryItemsAdd, CategoryPatch } from "./validation";

export { EVERGREEN_ORDERS } from "./validation";

export async function listCategories(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return (await listCategoryRows(db, actor.workspaceId)).map((r) => categoryOut(r.category, r.itemCount));
}

export async function requireCategory(db: Db, actor: Actor, id: string, forUpdate = false): Promise<CategoryRow> {
  assertCan(actor.role, "content:read");
  const row = await getCategoryRow(db, actor.workspaceId, id, forUpdate);
  if (!row) throw notFound("category");
  return row;
}

/** A category with its items, the items it passed over last time and why, and the slots it filled ahead. */
export async function describeCategory(db: Db, actor: Actor, id: string, now = new Date()) {
  const c = await requireCategory(db, actor, id);
  const [items, skips, upcoming] = await Promise.all([listItemRows(db, c.id), listSkipRows(db, c.id), upcomingPlacements(db, c.id, now)]);
  return {
    ...categoryOut(c, items.length),
    items: items.map(categoryItemOut),
    skipped: skips.map(skipOut),
    upcoming: upcoming.map(upcomingOut),
  };
}

async function assertNameFree(db: Db, actor: Actor, name: string, exceptId?: string) {
  if (await categoryNameTaken(db, actor.workspaceId, name, exceptId)) {
    throw new AppError("conflict:category_name", `a category called “${name}” already exists`, [
      { field: "name", message: "already used by another category" },
    ]);
  }
}

async function assertAccounts(db: Db, actor: Actor, ids: string[]) {
  const unique = [...new Set(ids)];
  const found = await getAccounts(db, actor.workspaceId, unique);
  const missing = unique.filter((id) => !found.some((a) => a.id === id));
  if (missing.length) {
    throw new AppError("bad_request:validation", `platform_account_ids: no such account in this workspace: ${missing.join(", ")}`, [
      { field: "platform_account_ids", message: "not an account of this workspace" },
    ]);
  }
  return unique;
}

const auditView = (c: CategoryRow) => ({
  name: c.name,
  color: c.color,
  min_days: c.minDays,
  order: c.orderBy,
  max_reposts: c.maxReposts,
  platform_account_ids: c.platformAccountIds,
  active: c.active,
});

export async function createCategory(db: Db, actor: Actor, v: CategoryInput) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    await assertNameFree(tx, actor, v.name);
    const accounts = await assertAccounts(tx, actor, v.platform_account_ids);
    const row = await insertCategory(tx, actor.workspaceId, actor.userId, {
      name: v.name,
      color: v.color ?? null,
      minDays: v.min_days,
      orderBy: v.order,
      maxReposts: v.max_reposts,
      platformAccountIds: accounts,
      active: v.active,
    });
    await writeAudit(tx, actor, { action: "evergreen.create", entityType: "evergreen_category", entityId: row.id, after: auditView(row) });
    return categoryOut(row, 0);
  });
}

export async function updateCategory(db: Db, actor: Actor, id: string, v: CategoryPatch) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const before = await requireCategory(tx, actor, id, true);
    if (v.name !== undefined) await assertNameFree(tx, actor, v.name, id);
    const accounts = v.platform_account_ids ? await assertAccounts(tx, actor, v.platform_account_ids) : undefined;
    const row = (await updateCategoryRow(tx, actor.workspaceId, id, {
      name: v.name,
      color: v.color,
      minDays: v.min_days,
      orderBy: v.order,
      maxReposts: v.max_reposts,
      platformAccountIds: accounts,
      active: v.active,
    }))!;
    await writeAudit(tx, actor, {
      action: "evergreen.update",
      entityType: "evergreen_category",
      entityId: id,
      before: auditView(before),
      after: auditView(row),
    });
    const items = await listItemRows(tx, id);
    return categoryOut(row, items.length);
  });
}

/** Deletes the category and its memberships; the posts it already placed stay as ordinary schedules. */
export async function deleteCategory(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  await db.transaction(async (tx) => {
    const before = await requireCategory(tx, actor, id, true);
    await deleteCategoryRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "evergreen.delete", entityType: "evergreen_category", entityId: id, before: auditView(before) });
  });
}

/**
 * Puts content items into the category (or sets the variant texts of ones already in it). Variant
 * texts go out without a review of their own, so only a role the approval policy does not cover
 * may write them: otherwise recycling would publish text nobody approved.
 */
export async function addCategoryItems(db: Db, actor: Actor, id: string, v: CategoryItemsAdd) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    await requireCategory(tx, actor, id, true);
    const ids = [...new Set(v.items.map((i) => i.content_item_id))];
    const known = await contentIdsOf(tx, actor.workspaceId, ids);
    const missing = ids.filter((x) => !known.has(x));
    if (missing.length)
      throw new AppError(
        "not_found:content",
        `content not found: ${missing.join(", ")}`,
        missing.map((x) => ({ content_item_id: x })),
      );
    if (v.items.some((i) => i.texts?.length)) {
      const policy = await workspaceApprovalPolicy(tx, actor.workspaceId);
      if (roleCovered(policy, actor.role)) {
        throw new AppError(
          "forbidden:needs_approval",
          "Variant texts would go out unreviewed; under this workspace's approval policy only an admin may set them.",
        );
      }
    }
    await upsertItems(
      tx,
      id,
      v.items.map((i) => ({ contentItemId: i.content_item_id, texts: i.texts })),
    );
    await writeAudit(tx, actor, {
      action: "evergreen.items_add",
      entityType: "evergreen_category",
      entityId: id,
      after: { items: v.items.map((i) => ({ content_item_id: i.content_item_id, ...(i.texts ? { texts: i.texts } : {}) })) },
    });
    return (await listItemRows(tx, id)).map(categoryItemOut);
  });
}

export async function removeCategoryItems(db: Db, actor: Actor, id: string, contentItemIds: string[]) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    await requireCategory(tx, actor, id, true);
    const removed = await deleteItems(tx, id, [...new Set(contentItemIds)]);
    if (removed)
      await writeAudit(tx, actor, {
        action: "evergreen.items_remove",
        entityType: "evergreen_category",
        entityId: id,
        after: { content_item_ids: contentItemIds },
      });
    return (await listItemRows(tx, id)).map(categoryItemOut);
  });
}

/** "Fill now": the category's accounts' empty slots over the next days, at a person's request. */
export async function fillCategoryNow(db: Db, actor: Actor, id: string, input: CategoryFillInput, now = new Date()): Promise<Omit<FillResult, "category_id">> {
  assertCan(actor.role, "schedules:write");
  const c = await requireCategory(db, actor, id);
  if (!c.active) throw new AppError("conflict:category_inactive", "This category is paused; turn it on before filling slots from it.");
  if (!c.platformAccountIds.length) throw new AppError("conflict:no_accounts", "This category fills no account yet; choose its accounts first.");
  const policy = await workspaceApprovalPolicy(db, actor.workspaceId);
  const random = seededRandom(input.seed ?? Math.floor(Math.random() * 2 ** 31));
  const { placed, skipped, unfilled } = await fillCategory(db, actor, c, { now, days: input.days, approvalPolicy: policy, random });
  return { placed, skipped, unfilled };
}
