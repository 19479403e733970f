/** Reading and changing a workspace's quality-gate rules (admins write; every change is audited). */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getStoredGates, setStoredGates } from "@/db/queries/quality-gates";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { readGates, type QualityGates } from "./rules";

export async function getGateRules(db: Db, workspaceId: string): Promise<QualityGates> {
  return readGates(await getStoredGates(db, workspaceId));
}

/** Replaces the rules (input already parsed by `qualityGatesSchema`). */
export async function saveGateRules(db: Db, actor: Actor, rules: QualityGates): Promise<QualityGates> {
  assertCan(actor.role, "workspace:manage");
  return db.transaction(async (tx) => {
    const before = readGates(await getStoredGates(tx, actor.workspaceId, { forUpdate: true }));
    await setStoredGates(tx, actor.workspaceId, rules);
    await writeAudit(tx, actor, { action: "quality_gates.update", entityType: "workspace", entityId: actor.workspaceId, before, after: rules });
    return rules;
  });
}
