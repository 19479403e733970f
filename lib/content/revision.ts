/**
 * The one way content versions come to be. Every change to what will be published — body, title,
 * settings, a platform's variant, attached media, an alt text — goes through `reviseContent`: it
 * bumps the version, records the role the change was made under, and runs the approval rule for
 * edits. Creation records the first version the same way (`recordCreated`).
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Db } from "@/db/client";
import { getContentRow, updateContentRow, type ContentRow, type ContentValues } from "@/db/queries/content";
import { insertContentVersion, lockContentRow } from "@/db/queries/content-versions";
import { afterContentEdit } from "../approvals/workflow";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";

/** The item whose version is being made in this async context, when one is. */
const making = new AsyncLocalStorage<{ contentId: string }>();

/**
 * Runs `fn` as part of the version of `contentId` being made: changes inside make no version of
 * their own. The composer saves text, variants and settings as one version this way.
 */
export function withinVersion<T>(contentId: string, fn: () => Promise<T>): Promise<T> {
  return making.run({ contentId }, fn);
}

/** The session's role, the token's own role, or `system` for a change no person typed. */
export function actingRole(actor: Actor): string {
  return actor.system ? "system" : actor.role;
}

/** Records the acting role of a version made outside `reviseContent` (archive and restore bump it too). */
export async function recordVersion(tx: Db, actor: Actor, contentItemId: string, version: number, change: string) {
  await insertContentVersion(tx, { contentItemId, version, actorRole: actingRole(actor), userId: actor.userId, tokenId: actor.tokenId, change });
}

/** Records who made a new item's first version, and under which role. */
export async function recordCreated(tx: Db, actor: Actor, row: { id: string; version: number }, change = "content.create") {
  await recordVersion(tx, actor, row.id, row.version, change);
}

/** Locks the item for this transaction and checks the version the caller last saw. */
export async function lockContent(tx: Db, actor: Actor, id: string, expectedVersion?: number): Promise<ContentRow> {
  if (!(await lockContentRow(tx, actor.workspaceId, id))) throw notFound("content");
  const row = (await getContentRow(tx, actor.workspaceId, id))!;
  checkVersion(row, expectedVersion);
  return row;
}

function checkVersion(row: Pick<ContentRow, "version">, expectedVersion: number | undefined) {
  if (expectedVersion !== undefined && row.version !== expectedVersion) {
    throw new AppError("conflict:version", `The content changed since version ${expectedVersion}. Reload it and apply your change again.`);
  }
}

export function assertChangeable(item: Pick<ContentRow, "status">) {
  if (item.status === "published") throw new AppError("conflict:published", "Published content cannot be edited. Clone it to post a new version.");
  if (item.status === "archived") throw new AppError("conflict:archived", "Archived content cannot be edited. Restore it first.");
}

type Bumped = NonNullable<Awaited<ReturnType<typeof updateContentRow>>>;

export interface Revision {
  /** What the change is, as the audit log names it: content.update, variant.put, media.alt_text, … */
  change: string;
  /** Columns of the item to set along with the new version. */
  values?: ContentValues;
  /** The version the caller edited (optimistic locking); omitted for changes that do not carry one. */
  expectedVersion?: number;
  /** Checks of the current row before anything is written (beyond published / archived). */
  check?: (current: ContentRow) => void;
}

/**
 * Applies one change as a new content version, in one transaction: lock, refuse published or
 * archived content, bump the version, `apply` the rest of the change (variant rows, media links,
 * validation, audit), record the acting role on the new version, then the post-edit approval rule
 * (back to review, or a minor edit that keeps the approval).
 */
export async function reviseContent<T>(db: Db, actor: Actor, id: string, rev: Revision, apply: (tx: Db, current: ContentRow, bumped: Bumped) => Promise<T>) {
  return db.transaction(async (tx) => {
    const current = await lockContent(tx, actor, id);
    assertChangeable(current);
    rev.check?.(current);
    checkVersion(current, rev.expectedVersion);
    if (making.getStore()?.contentId === id) {
      // Part of a version already being made: its maker records it and runs the approval rule.
      const row =
        rev.values && Object.keys(rev.values).length ? (await updateContentRow(tx, actor.workspaceId, id, rev.values, undefined, { bump: false }))! : current;
      return { result: await apply(tx, current, row), before: current, after: current };
    }
    const bumped = (await updateContentRow(tx, actor.workspaceId, id, rev.values ?? {}))!;
    const result = await withinVersion(id, () => apply(tx, current, bumped));
    await recordVersion(tx, actor, id, bumped.version, rev.change);
    const after = (await getContentRow(tx, actor.workspaceId, id))!;
    await afterContentEdit(tx, actor, current, after);
    return { result, before: current, after };
  });
}
