import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  deleteHashtagGroupRow,
  deleteSignatureRow,
  getHashtagGroupRow,
  getSignatureRow,
  insertHashtagGroup,
  insertSignature,
  listHashtagGroupRows,
  listSignatureRows,
  updateHashtagGroupRow,
  updateSignatureRow,
} from "@/db/queries/templates";
import { notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import type { HashtagGroupInput, SignatureInput } from "./validation";

/** Hashtag groups and signatures: short texts the composer inserts, optionally only for some platforms. */
const nullIfEmpty = (list: string[] | null | undefined) => (list && list.length ? list : null);

export async function listHashtagGroups(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return listHashtagGroupRows(db, actor.workspaceId);
}

export async function requireHashtagGroup(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:read");
  const row = await getHashtagGroupRow(db, actor.workspaceId, id);
  if (!row) throw notFound("hashtag_group");
  return row;
}

export async function createHashtagGroup(db: Db, actor: Actor, v: HashtagGroupInput) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const row = await insertHashtagGroup(tx, actor.workspaceId, { name: v.name, hashtags: v.hashtags, platforms: nullIfEmpty(v.platforms) });
    await writeAudit(tx, actor, { action: "hashtag_group.create", entityType: "hashtag_group", entityId: row.id, after: row });
    return row;
  });
}

export async function updateHashtagGroup(db: Db, actor: Actor, id: string, v: Partial<HashtagGroupInput>) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireHashtagGroup(tx, actor, id);
    const row = (await updateHashtagGroupRow(tx, actor.workspaceId, id, {
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.hashtags !== undefined ? { hashtags: v.hashtags } : {}),
      ...(v.platforms !== undefined ? { platforms: nullIfEmpty(v.platforms) } : {}),
    }))!;
    await writeAudit(tx, actor, { action: "hashtag_group.update", entityType: "hashtag_group", entityId: id, before: current, after: row });
    return row;
  });
}

export async function deleteHashtagGroup(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  await db.transaction(async (tx) => {
    const current = await requireHashtagGroup(tx, actor, id);
    await deleteHashtagGroupRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "hashtag_group.delete", entityType: "hashtag_group", entityId: id, before: current });
  });
}

export async function listSignatures(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return listSignatureRows(db, actor.workspaceId);
}

export async function requireSignature(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:read");
  const row = await getSignatureRow(db, actor.workspaceId, id);
  if (!row) throw notFound("signature");
  return row;
}

export async function createSignature(db: Db, actor: Actor, v: SignatureInput) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const row = await insertSignature(tx, actor.workspaceId, { name: v.name, body: v.body, platform: v.platform ?? null });
    await writeAudit(tx, actor, { action: "signature.create", entityType: "signature", entityId: row.id, after: row });
    return row;
  });
}

export async function updateSignature(db: Db, actor: Actor, id: string, v: Partial<SignatureInput>) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireSignature(tx, actor, id);
    const row = (await updateSignatureRow(tx, actor.workspaceId, id, {
      ...(v.name !== undefined ? { name: v.name } : {}),
      ...(v.body !== undefined ? { body: v.body } : {}),
      ...(v.platform !== undefined ? { platform: v.platform ?? null } : {}),
    }))!;
    await writeAudit(tx, actor, { action: "signature.update", entityType: "signature", entityId: id, before: current, after: row });
    return row;
  });
}

export async function deleteSignature(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  await db.transaction(async (tx) => {
    const current = await requireSignature(tx, actor, id);
    await deleteSignatureRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "signature.delete", entityType: "signature", entityId: id, before: current });
  });
}
