import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { hashtagGroups, signatures, templates, templateVersions, users } from "../schema";

/** Templates with their versions, hashtag groups and signatures of a workspace. */
export const templateColumns = {
  id: templates.id,
  name: templates.name,
  body: templates.body,
  variables: templates.variables,
  defaultPlatforms: templates.defaultPlatforms,
  defaultTags: templates.defaultTags,
  currentVersion: templates.currentVersion,
  createdBy: templates.createdBy,
  createdAt: templates.createdAt,
  updatedAt: templates.updatedAt,
};
export type TemplateRow = { [K in keyof typeof templateColumns]: (typeof templates.$inferSelect)[K] };

export interface TemplateValues {
  name: string;
  body: string;
  variables: string[];
  defaultPlatforms: string[] | null;
  defaultTags: string[] | null;
}

export async function listTemplateRows(db: Db, workspaceId: string) {
  return db
    .select(templateColumns)
    .from(templates)
    .where(eq(templates.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${templates.name})`));
}

export async function getTemplateRow(db: Db, workspaceId: string, id: string, forUpdate = false) {
  const q = db
    .select(templateColumns)
    .from(templates)
    .where(and(eq(templates.id, id), eq(templates.workspaceId, workspaceId)))
    .limit(1);
  const [row] = forUpdate ? await q.for("update") : await q;
  return row ?? null;
}

/** Another template of the workspace already called `name` (names are unique, case-insensitively on our side). */
export async function templateNameTaken(db: Db, workspaceId: string, name: string, exceptId?: string) {
  const where = [eq(templates.workspaceId, workspaceId), sql`lower(${templates.name}) = lower(${name})`];
  if (exceptId) where.push(ne(templates.id, exceptId));
  const [row] = await db
    .select({ id: templates.id })
    .from(templates)
    .where(and(...where))
    .limit(1);
  return !!row;
}

export async function insertTemplate(db: Db, workspaceId: string, createdBy: string | null, v: TemplateValues) {
  const [row] = await db
    .insert(templates)
    .values({ workspaceId, createdBy, currentVersion: 1, ...v })
    .returning(templateColumns);
  await insertTemplateVersion(db, row!.id, 1, createdBy, v);
  return row!;
}

/** Saves the template's new content as version `version` (the caller computed it under a row lock). */
export async function updateTemplateRow(db: Db, workspaceId: string, id: string, version: number, createdBy: string | null, v: TemplateValues) {
  const [row] = await db
    .update(templates)
    .set({ ...v, currentVersion: version, updatedAt: new Date() })
    .where(and(eq(templates.id, id), eq(templates.workspaceId, workspaceId)))
    .returning(templateColumns);
  await insertTemplateVersion(db, id, version, createdBy, v);
  return row!;
}

async function insertTemplateVersion(db: Db, templateId: string, version: number, createdBy: string | null, v: TemplateValues) {
  await db.insert(templateVersions).values({ templateId, version, createdBy, ...v });
}

export async function deleteTemplateRow(db: Db, workspaceId: string, id: string) {
  await db.delete(templates).where(and(eq(templates.id, id), eq(templates.workspaceId, workspaceId)));
}

const versionColumns = {
  version: templateVersions.version,
  name: templateVersions.name,
  body: templateVersions.body,
  variables: templateVersions.variables,
  defaultPlatforms: templateVersions.defaultPlatforms,
  defaultTags: templateVersions.defaultTags,
  createdBy: templateVersions.createdBy,
  createdByName: users.name,
  createdAt: templateVersions.createdAt,
};

/** Newest first. The template must already be known to belong to the workspace. */
export async function listTemplateVersionRows(db: Db, templateId: string) {
  return db
    .select(versionColumns)
    .from(templateVersions)
    .leftJoin(users, eq(users.id, templateVersions.createdBy))
    .where(eq(templateVersions.templateId, templateId))
    .orderBy(desc(templateVersions.version));
}

/** The versions of several templates in one read, newest first per template. */
export async function templateVersionRowsFor(db: Db, templateIds: string[]) {
  const out = new Map<string, Awaited<ReturnType<typeof versionRows>>>();
  if (!templateIds.length) return out;
  for (const row of await versionRows(db, templateIds)) out.set(row.templateId, [...(out.get(row.templateId) ?? []), row]);
  return out;
}

function versionRows(db: Db, templateIds: string[]) {
  return db
    .select({ ...versionColumns, templateId: templateVersions.templateId })
    .from(templateVersions)
    .leftJoin(users, eq(users.id, templateVersions.createdBy))
    .where(inArray(templateVersions.templateId, templateIds))
    .orderBy(desc(templateVersions.version));
}

export async function getTemplateVersionRow(db: Db, templateId: string, version: number) {
  const [row] = await db
    .select(versionColumns)
    .from(templateVersions)
    .leftJoin(users, eq(users.id, templateVersions.createdBy))
    .where(and(eq(templateVersions.templateId, templateId), eq(templateVersions.version, version)))
    .limit(1);
  return row ?? null;
}

// Hashtag groups

export const hashtagGroupColumns = {
  id: hashtagGroups.id,
  name: hashtagGroups.name,
  hashtags: hashtagGroups.hashtags,
  platforms: hashtagGroups.platforms,
  createdAt: hashtagGroups.createdAt,
};

export async function listHashtagGroupRows(db: Db, workspaceId: string) {
  return db
    .select(hashtagGroupColumns)
    .from(hashtagGroups)
    .where(eq(hashtagGroups.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${hashtagGroups.name})`));
}

export async function getHashtagGroupRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(hashtagGroupColumns)
    .from(hashtagGroups)
    .where(and(eq(hashtagGroups.id, id), eq(hashtagGroups.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function insertHashtagGroup(db: Db, workspaceId: string, v: { name: string; hashtags: string[]; platforms: string[] | null }) {
  const [row] = await db
    .insert(hashtagGroups)
    .values({ workspaceId, ...v })
    .returning(hashtagGroupColumns);
  return row!;
}

export async function updateHashtagGroupRow(
  db: Db,
  workspaceId: string,
  id: string,
  v: Partial<{ name: string; hashtags: string[]; platforms: string[] | null }>,
) {
  const [row] = await db
    .update(hashtagGroups)
    .set(v)
    .where(and(eq(hashtagGroups.id, id), eq(hashtagGroups.workspaceId, workspaceId)))
    .returning(hashtagGroupColumns);
  return row ?? null;
}

export async function deleteHashtagGroupRow(db: Db, workspaceId: string, id: string) {
  await db.delete(hashtagGroups).where(and(eq(hashtagGroups.id, id), eq(hashtagGroups.workspaceId, workspaceId)));
}

// Signatures

export const signatureColumns = {
  id: signatures.id,
  name: signatures.name,
  body: signatures.body,
  platform: signatures.platform,
  createdAt: signatures.createdAt,
};

export async function listSignatureRows(db: Db, workspaceId: string) {
  return db
    .select(signatureColumns)
    .from(signatures)
    .where(eq(signatures.workspaceId, workspaceId))
    .orderBy(asc(sql`lower(${signatures.name})`));
}

export async function getSignatureRow(db: Db, workspaceId: string, id: string) {
  const [row] = await db
    .select(signatureColumns)
    .from(signatures)
    .where(and(eq(signatures.id, id), eq(signatures.workspaceId, workspaceId)))
    .limit(1);
  return row ?? null;
}

export async function insertSignature(db: Db, workspaceId: string, v: { name: string; body: string; platform: string | null }) {
  const [row] = await db
    .insert(signatures)
    .values({ workspaceId, ...v })
    .returning(signatureColumns);
  return row!;
}

export async function updateSignatureRow(db: Db, workspaceId: string, id: string, v: Partial<{ name: string; body: string; platform: string | null }>) {
  const [row] = await db
    .update(signatures)
    .set(v)
    .where(and(eq(signatures.id, id), eq(signatures.workspaceId, workspaceId)))
    .returning(signatureColumns);
  return row ?? null;
}

export async function deleteSignatureRow(db: Db, workspaceId: string, id: string) {
  await db.delete(signatures).where(and(eq(signatures.id, id), eq(signatures.workspaceId, workspaceId)));
}
