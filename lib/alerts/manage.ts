/**
 * A workspace's alert rules: everyone reads them and their alerts, admins add, change and delete
 * them. Switching a rule off or deleting it resolves its firing alerts (with alert_resolved, so a
 * receiver's ticket closes); a rule added or changed is evaluated at once, so the Health page
 * shows its effect without waiting for the next minute.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { lockWorkspace } from "@/db/queries/workspaces";
import {
  closeOpenIncidents,
  deleteRuleRow,
  getRuleRow,
  insertRuleRows,
  listIncidentRows,
  listRuleRows,
  updateRuleRow,
  type AlertRuleRow,
} from "@/db/queries/alerts";
import { emitEvent } from "@/lib/events";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { log } from "../log";
import { alertEventData, evaluateRule, type Resolution } from "./evaluate";
import { parseParams, type AlertRuleKind } from "./kinds";
import { insertRecommendedRules } from "./defaults";
import type { AlertListQuery, AlertRuleCreateInput, AlertRulePatchInput } from "./validation";

const view = (r: Pick<AlertRuleRow, "kind" | "params" | "enabled" | "forMinutes" | "resolveAfterMinutes">) => ({
  kind: r.kind,
  params: r.params,
  enabled: r.enabled,
  for_minutes: r.forMinutes,
  resolve_after_minutes: r.resolveAfterMinutes,
});

/** Runs the rule once now; a failure is logged, never the caller's (the change itself is saved). */
async function evaluateNow(db: Db, rule: AlertRuleRow) {
  if (!rule.enabled) return;
  await evaluateRule(db, rule).catch((err) => log.error("alert rule evaluation after a change failed", { ruleId: rule.id, err }));
}

/** In the transaction holding the rule for update: the evaluator cannot open or fire one meanwhile. */
async function closeOpen(tx: Db, ruleId: string, resolution: Resolution) {
  for (const row of await closeOpenIncidents(tx, ruleId, new Date(), resolution)) await emitEvent(tx, row.workspaceId, "alert_resolved", alertEventData(row));
}

export async function listAlertRules(db: Db, actor: Actor) {
  assertCan(actor.role, "health:read");
  return listRuleRows(db, actor.workspaceId);
}

export async function requireAlertRule(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "health:read");
  const row = await getRuleRow(db, actor.workspaceId, id);
  if (!row) throw notFound("alert_rule");
  return row;
}

export async function createAlertRule(db: Db, actor: Actor, input: AlertRuleCreateInput) {
  assertCan(actor.role, "alerts:manage");
  const [made] = await db.transaction(async (tx) => {
    const rows = await insertRuleRows(tx, [
      {
        workspaceId: actor.workspaceId,
        kind: input.kind,
        params: input.params,
        enabled: input.enabled ?? true,
        forMinutes: input.for_minutes ?? 0,
        resolveAfterMinutes: input.resolve_after_minutes ?? 5,
        createdBy: actor.userId,
      },
    ]);
    await writeAudit(tx, actor, { action: "alert_rule.create", entityType: "alert_rule", entityId: rows[0]!.id, after: view(rows[0]!) });
    return rows;
  });
  await evaluateNow(db, made!);
  return (await getRuleRow(db, actor.workspaceId, made!.id))!;
}

/** The rule's parameters with the patch merged in, checked against its kind (400 naming each field). */
function mergedParams(kind: AlertRuleKind, current: unknown, patch: Record<string, unknown>) {
  const merged: Record<string, unknown> = { ...(current as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete merged[k];
    else merged[k] = v;
  }
  const parsed = parseParams(kind, merged);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({
    field: `params.${i.path.join(".") || (i.code === "unrecognized_keys" ? i.keys.join(", ") : "")}`,
    message: i.message,
  }));
  throw new AppError("bad_request:validation", details.map((d) => `${d.field}: ${d.message}`).join("; "), details);
}

export async function updateAlertRule(db: Db, actor: Actor, id: string, patch: AlertRulePatchInput) {
  assertCan(actor.role, "alerts:manage");
  const saved = await db.transaction(async (tx) => {
    const before = await getRuleRow(tx, actor.workspaceId, id, { lock: true });
    if (!before) throw notFound("alert_rule");
    const params = patch.params ? mergedParams(before.kind, before.params, patch.params) : undefined;
    const row = (await updateRuleRow(tx, actor.workspaceId, id, {
      ...(params ? { params } : {}),
      ...(patch.enabled !== undefined ? { enabled: patch.enabled } : {}),
      ...(patch.for_minutes !== undefined ? { forMinutes: patch.for_minutes } : {}),
      ...(patch.resolve_after_minutes !== undefined ? { resolveAfterMinutes: patch.resolve_after_minutes } : {}),
    }))!;
    if (before.enabled && !row.enabled) await closeOpen(tx, id, "rule_disabled");
    await writeAudit(tx, actor, { action: "alert_rule.update", entityType: "alert_rule", entityId: id, before: view(before), after: view(row) });
    return row;
  });
  await evaluateNow(db, saved);
  return (await getRuleRow(db, actor.workspaceId, id))!;
}

export async function deleteAlertRule(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "alerts:manage");
  await db.transaction(async (tx) => {
    const before = await getRuleRow(tx, actor.workspaceId, id, { lock: true });
    if (!before) throw notFound("alert_rule");
    await closeOpen(tx, id, "rule_deleted");
    await deleteRuleRow(tx, actor.workspaceId, id);
    await writeAudit(tx, actor, { action: "alert_rule.delete", entityType: "alert_rule", entityId: id, before: view(before) });
  });
}

/** "Add recommended rules": one of each kind the workspace lacks; nothing when it has them all. */
export async function addRecommendedRules(db: Db, actor: Actor) {
  assertCan(actor.role, "alerts:manage");
  const added = await db.transaction(async (tx) => {
    // Two admins pressing it at once: the second reads the kinds after the first has added them.
    await lockWorkspace(tx, actor.workspaceId);
    const have = new Set((await listRuleRows(tx, actor.workspaceId)).map((r) => r.kind));
    const rows = await insertRecommendedRules(tx, actor.workspaceId, actor.userId, have);
    for (const r of rows) await writeAudit(tx, actor, { action: "alert_rule.create", entityType: "alert_rule", entityId: r.id, after: view(r) });
    return rows;
  });
  for (const r of added) await evaluateNow(db, r);
  const ids = new Set(added.map((r) => r.id));
  return (await listRuleRows(db, actor.workspaceId)).filter((r) => ids.has(r.id));
}

export async function listAlerts(db: Db, actor: Actor, q: AlertListQuery & { since?: Date }) {
  assertCan(actor.role, "health:read");
  return listIncidentRows(db, actor.workspaceId, q);
}
