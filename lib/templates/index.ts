import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import {
  deleteTemplateRow,
  getTemplateRow,
  getTemplateVersionRow,
  insertTemplate,
  listTemplateRows,
  listTemplateVersionRows,
  templateNameTaken,
  templateVersionRowsFor,
  updateTemplateRow,
  type TemplateRow,
  type TemplateValues,
} from "@/db/queries/templates";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { customVariables } from "./render";
import type { TemplateInput, TemplatePatch } from "./validation";

/** The template library: every save keeps a version; restoring an old one saves it again as the newest. */
export async function listTemplates(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  return listTemplateRows(db, actor.workspaceId);
}

/** The templates with the versions of each (newest first): the versions of all of them in one read. */
export async function listTemplatesWithVersions(db: Db, actor: Actor) {
  const templates = await listTemplates(db, actor);
  // Only this workspace's templates, as listed above: the versions are read by template id.
  const versions = await templateVersionRowsFor(
    db,
    templates.map((t) => t.id),
  );
  return { templates, versions };
}

export async function requireTemplate(db: Db, actor: Actor, id: string, forUpdate = false) {
  assertCan(actor.role, "content:read");
  const row = await getTemplateRow(db, actor.workspaceId, id, forUpdate);
  if (!row) throw notFound("template");
  return row;
}

async function assertNameFree(db: Db, actor: Actor, name: string, exceptId?: string) {
  if (await templateNameTaken(db, actor.workspaceId, name, exceptId)) {
    throw new AppError("conflict:template_name", `a template called “${name}” already exists`, [
      { field: "name", message: "already used by another template" },
    ]);
  }
}

const values = (v: Omit<TemplateValues, "variables">): TemplateValues => ({ ...v, variables: customVariables(v.body) });
const emptyToNull = <T>(list: T[] | null | undefined) => (list && list.length ? list : null);

/** What the audit log keeps of a template: the fields a person edits, and the version. */
const auditView = (t: TemplateRow) => ({
  name: t.name,
  body: t.body,
  default_platforms: t.defaultPlatforms,
  default_tags: t.defaultTags,
  version: t.currentVersion,
});

export async function createTemplate(db: Db, actor: Actor, v: TemplateInput) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    await assertNameFree(tx, actor, v.name);
    const row = await insertTemplate(
      tx,
      actor.workspaceId,
      actor.userId,
      values({ name: v.name, body: v.body, defaultPlatforms: emptyToNull(v.default_platforms), defaultTags: emptyToNull(v.default_tags) }),
    );
    await writeAudit(tx, actor, { action: "template.create", entityType: "template", entityId: row.id, after: auditView(row) });
    return row;
  });
}

export async function updateTemplate(db: Db, actor: Actor, id: string, patch: TemplatePatch) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireTemplate(tx, actor, id, true);
    if (patch.version !== undefined && patch.version !== current.currentVersion) {
      throw new AppError(
        "conflict:template_version",
        `someone saved version ${current.currentVersion} of this template after you opened version ${patch.version}; reload it and apply your change again`,
      );
    }
    const next = values({
      name: patch.name ?? current.name,
      body: patch.body ?? current.body,
      defaultPlatforms: patch.default_platforms !== undefined ? emptyToNull(patch.default_platforms) : current.defaultPlatforms,
      defaultTags: patch.default_tags !== undefined ? emptyToNull(patch.default_tags) : current.defaultTags,
    });
    if (next.name.toLowerCase() !== current.name.toLowerCase()) await assertNameFree(tx, actor, next.name, id);
    if (sameContent(current, next)) return current; // nothing changed: no new version
    const row = await updateTemplateRow(tx, actor.workspaceId, id, current.currentVersion + 1, actor.userId, next);
    await writeAudit(tx, actor, { action: "template.update", entityType: "template", entityId: id, before: auditView(current), after: auditView(row) });
    return row;
  });
}

function sameContent(a: Omit<TemplateValues, "variables">, b: Omit<TemplateValues, "variables">) {
  const list = (x: string[] | null) => JSON.stringify(x ?? []);
  return a.name === b.name && a.body === b.body && list(a.defaultPlatforms) === list(b.defaultPlatforms) && list(a.defaultTags) === list(b.defaultTags);
}

export async function listTemplateVersions(db: Db, actor: Actor, id: string) {
  await requireTemplate(db, actor, id);
  return listTemplateVersionRows(db, id);
}

/** Saves version `version`'s content as a new version (history is never rewritten). */
export async function restoreTemplateVersion(db: Db, actor: Actor, id: string, version: number) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const current = await requireTemplate(tx, actor, id, true);
    const old = Number.isInteger(version) && version >= 1 ? await getTemplateVersionRow(tx, id, version) : null;
    if (!old) throw new AppError("not_found:template_version", `this template has no version ${version}`);
    if (old.name.toLowerCase() !== current.name.toLowerCase()) await assertNameFree(tx, actor, old.name, id);
    const row = await updateTemplateRow(
      tx,
      actor.workspaceId,
      id,
      current.currentVersion + 1,
      actor.userId,
      values({ name: old.name, body: old.body, defaultPlatforms: old.defaultPlatforms, defaultTags: old.defaultTags }),
    );
    await writeAudit(tx, actor, {
      action: "template.restore",
      entityType: "template",
      entityId: id,
      before: auditView(current),
      after: { ...auditView(row), restored_from: version },
    });
    return row;
  });
}

export async function deleteTemplate(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  await db.transaction(async (tx) => {
    const current = await requireTemplate(tx, actor, id, true);
    await deleteTemplateRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "template.delete", entityType: "template", entityId: id, before: auditView(current) });
  });
}
