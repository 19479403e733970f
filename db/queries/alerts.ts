/**
 * Alert rules and incidents. An incident changes state only through a statement that names the
 * state it expects (`WHERE state = 'pending'`), so of two runners acting on one incident at once
 * only one sees a row come back — and only that one emits the event. The evaluator's statements
 * that open or fire an incident also share-lock the rule row and act only while it is enabled, so
 * they wait for a transaction that switches the rule off or deletes it (which holds that row for
 * update) and then do nothing: no incident is left firing on a rule that is off or gone.
 */
import { and, desc, eq, inArray, ne, sql } from "drizzle-orm";
import { rowsOf, type Db } from "../client";
import { alertIncidents, alertRules } from "../schema";
import { tz } from "./alert-measures";
import type { ALERT_RULE_KINDS, ALERT_STATES } from "../schema/values";

type Kind = (typeof ALERT_RULE_KINDS)[number];
type State = (typeof ALERT_STATES)[number];

const ruleColumns = {
  id: alertRules.id,
  workspaceId: alertRules.workspaceId,
  kind: alertRules.kind,
  params: alertRules.params,
  enabled: alertRules.enabled,
  forMinutes: alertRules.forMinutes,
  resolveAfterMinutes: alertRules.resolveAfterMinutes,
  createdAt: alertRules.createdAt,
  updatedAt: alertRules.updatedAt,
};
export type AlertRuleRow = Omit<typeof alertRules.$inferSelect, "createdBy">;
export type AlertIncidentRow = typeof alertIncidents.$inferSelect;

const firingCount = sql<number>`(select count(*)::int from alert_incidents i where i.rule_id = "alert_rules"."id" and i.state = 'firing')`;

/** A workspace's rules, oldest first (added together: in the kinds' order), each with how many of its alerts are firing. */
export async function listRuleRows(db: Db, workspaceId: string) {
  return db
    .select({ ...ruleColumns, firing: firingCount })
    .from(alertRules)
    .where(eq(alertRules.workspaceId, workspaceId))
    .orderBy(alertRules.createdAt, alertRules.kind, alertRules.id);
}

export async function getRuleRow(db: Db, workspaceId: string, id: string, opts: { lock?: boolean } = {}) {
  const q = db
    .select({ ...ruleColumns, firing: firingCount })
    .from(alertRules)
    .where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)))
    .limit(1);
  const [row] = await (opts.lock ? q.for("update", { of: alertRules }) : q);
  return row ?? null;
}

export async function insertRuleRows(
  db: Db,
  rows: { workspaceId: string; kind: Kind; params: unknown; enabled: boolean; forMinutes: number; resolveAfterMinutes: number; createdBy: string | null }[],
) {
  if (!rows.length) return [];
  return db.insert(alertRules).values(rows).returning(ruleColumns);
}

export async function updateRuleRow(
  db: Db,
  workspaceId: string,
  id: string,
  patch: Partial<{ params: unknown; enabled: boolean; forMinutes: number; resolveAfterMinutes: number }>,
) {
  const [row] = await db
    .update(alertRules)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)))
    .returning(ruleColumns);
  return row ?? null;
}

export async function deleteRuleRow(db: Db, workspaceId: string, id: string) {
  const gone = await db
    .delete(alertRules)
    .where(and(eq(alertRules.id, id), eq(alertRules.workspaceId, workspaceId)))
    .returning({ id: alertRules.id });
  return gone.length > 0;
}

/** Every enabled rule of every workspace: what one evaluation pass looks at. */
export async function enabledRuleRows(db: Db): Promise<AlertRuleRow[]> {
  return db.select(ruleColumns).from(alertRules).where(eq(alertRules.enabled, true)).orderBy(alertRules.workspaceId, alertRules.createdAt);
}

export async function openIncidentsOf(db: Db, ruleId: string): Promise<AlertIncidentRow[]> {
  return db
    .select()
    .from(alertIncidents)
    .where(and(eq(alertIncidents.ruleId, ruleId), ne(alertIncidents.state, "resolved")));
}

/**
 * A new open incident, unless the rule already has one for the subject (another runner made it a
 * moment ago) or the rule is gone or switched off meanwhile: then nothing, and null.
 */
export async function insertOpenIncident(
  db: Db,
  v: {
    ruleId: string;
    subject: string;
    subjectLabel: string | null;
    state: "pending" | "firing";
    at: Date;
    value: number;
    threshold: number | null;
    details: Record<string, unknown>;
  },
): Promise<AlertIncidentRow | null> {
  const at = tz(v.at);
  const rows = await db.execute(sql`
    INSERT INTO alert_incidents (workspace_id, rule_id, kind, subject, subject_label, state, pending_since, fired_at, value, peak_value, last_value, threshold, last_evaluated_at, details)
    SELECT r.workspace_id, r.id, r.kind, ${v.subject}::text, ${v.subjectLabel}::text, ${v.state}::alert_state, ${at}, ${v.state === "firing" ? at : sql`null::timestamptz`},
           ${v.value}::float8, ${v.value}::float8, ${v.value}::float8, ${v.threshold}::float8, ${at}, ${JSON.stringify(v.details)}::jsonb
    FROM alert_rules r WHERE r.id = ${v.ruleId} AND r.enabled
    FOR SHARE OF r
    ON CONFLICT (rule_id, subject) WHERE state <> 'resolved' DO NOTHING
    RETURNING id`);
  const id = rowsOf<{ id: string }>(rows)[0]?.id;
  if (!id) return null;
  const [row] = await db.select().from(alertIncidents).where(eq(alertIncidents.id, id));
  return row ?? null;
}

/** pending → firing while its rule is enabled; null when another runner fired it (or it cleared, or the rule is off or gone) first. */
export async function fireIncident(db: Db, id: string, at: Date, value: number, details: Record<string, unknown>) {
  const rows = await db.execute(sql`
    WITH rule AS (
      SELECT r.id FROM alert_rules r
      WHERE r.id = (SELECT i.rule_id FROM alert_incidents i WHERE i.id = ${id}) AND r.enabled
      FOR SHARE OF r
    )
    UPDATE alert_incidents SET state = 'firing', fired_at = ${tz(at)}, value = ${value}::float8, peak_value = ${value}::float8,
      last_value = ${value}::float8, clear_since = null, last_evaluated_at = ${tz(at)}, details = details || ${JSON.stringify(details)}::jsonb
    FROM rule
    WHERE alert_incidents.id = ${id} AND alert_incidents.rule_id = rule.id AND alert_incidents.state = 'pending'
    RETURNING alert_incidents.id`);
  if (!rowsOf<{ id: string }>(rows)[0]) return null;
  const [row] = await db.select().from(alertIncidents).where(eq(alertIncidents.id, id));
  return row ?? null;
}

/**
 * Closes every open incident of a rule being switched off or deleted, in one statement: pending
 * ones leave no history, firing ones resolve with the resolution; returns the resolved ones (each
 * needs its alert_resolved). The caller holds the rule row for update.
 */
export async function closeOpenIncidents(db: Db, ruleId: string, at: Date, resolution: string): Promise<AlertIncidentRow[]> {
  const rows = await db.execute(sql`
    WITH dropped AS (
      DELETE FROM alert_incidents WHERE rule_id = ${ruleId} AND state = 'pending' RETURNING id
    )
    UPDATE alert_incidents SET state = 'resolved', resolved_at = ${tz(at)}, last_evaluated_at = ${tz(at)},
      details = details || ${JSON.stringify({ resolution })}::jsonb
    WHERE rule_id = ${ruleId} AND state = 'firing'
    RETURNING id`);
  const ids = rowsOf<{ id: string }>(rows).map((r) => r.id);
  if (!ids.length) return [];
  return db.select().from(alertIncidents).where(inArray(alertIncidents.id, ids));
}

/** firing → resolved; null when it was resolved already. */
export async function resolveIncident(db: Db, id: string, at: Date, resolution: string) {
  const [row] = await db
    .update(alertIncidents)
    .set({ state: "resolved", resolvedAt: at, lastEvaluatedAt: at, details: sql`${alertIncidents.details} || ${JSON.stringify({ resolution })}::jsonb` })
    .where(and(eq(alertIncidents.id, id), eq(alertIncidents.state, "firing")))
    .returning();
  return row ?? null;
}

/** A pending incident whose condition stopped before it fired leaves no history. */
export async function dropPending(db: Db, ids: string[]) {
  if (!ids.length) return 0;
  const gone = await db
    .delete(alertIncidents)
    .where(and(inArray(alertIncidents.id, ids), eq(alertIncidents.state, "pending")))
    .returning({ id: alertIncidents.id });
  return gone.length;
}

/** The latest measurement of an open incident (and since when it has been clear, if it is). */
export async function touchIncident(db: Db, id: string, v: { at: Date; value: number; peak: number | null; clearSince: Date | null }) {
  await db
    .update(alertIncidents)
    .set({ lastValue: v.value, peakValue: v.peak, clearSince: v.clearSince, lastEvaluatedAt: v.at })
    .where(and(eq(alertIncidents.id, id), ne(alertIncidents.state, "resolved")));
}

/** A workspace's incidents: open ones first (firing, then pending), then the newest. */
export async function listIncidentRows(db: Db, workspaceId: string, q: { state?: State; limit: number; since?: Date }) {
  return db
    .select()
    .from(alertIncidents)
    .where(
      and(
        eq(alertIncidents.workspaceId, workspaceId),
        q.state ? eq(alertIncidents.state, q.state) : undefined,
        q.since ? sql`coalesce(${alertIncidents.resolvedAt}, now()) >= ${tz(q.since)}` : undefined,
      ),
    )
    .orderBy(
      sql`case ${alertIncidents.state} when 'firing' then 0 when 'pending' then 1 else 2 end`,
      desc(sql`coalesce(${alertIncidents.firedAt}, ${alertIncidents.pendingSince})`),
    )
    .limit(q.limit);
}
