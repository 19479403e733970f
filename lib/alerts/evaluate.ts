/**
 * One evaluation of the alert rules (the "evaluate-alerts" job, every minute on every runner).
 * Per rule and subject an incident goes pending → firing → resolved:
 * - it fires once the condition has held for the rule's for_minutes (at once when 0);
 * - it resolves once the value has been clear — past the hysteresis margin — for the rule's
 *   resolve_after_minutes; a value between threshold and margin keeps it firing;
 * - firing and resolving each emit one event (alert_fired / alert_resolved) in the same
 *   transaction as the state change, which only one runner's statement can make (see
 *   db/queries/alerts.ts), so two runners evaluating at once never tell anyone twice.
 * The event log's consumers deliver them: notifications to admins (in app, email) and webhooks.
 */
import type { Db } from "@/db/client";
import {
  dropPending,
  enabledRuleRows,
  fireIncident,
  insertOpenIncident,
  openIncidentsOf,
  resolveIncident,
  touchIncident,
  type AlertIncidentRow,
  type AlertRuleRow,
} from "@/db/queries/alerts";
import { emitEvent } from "@/lib/events";
import { alertIncidentOut } from "@/lib/operations/shapes/alerts";
import { log } from "@/lib/log";
import { describeRule, incidentMessage, parseParams, type AlertRuleKind, type AnyAlertParams } from "./kinds";
import { observe, type Observation } from "./observe";

/** Kinds where a lower value is the worse one (the peak of an open alert is its minimum). */
const LOWER_IS_WORSE = new Set<AlertRuleKind>(["no_runner", "engagement_low"]);

export type Resolution = "recovered" | "insufficient_data" | "rule_disabled" | "rule_deleted";

/**
 * The event's payload: what a receiver needs to open or close its own ticket. The API's answer
 * for the incident (alertIncidentOut), its id named for an event, with a link.
 */
export function alertEventData(i: AlertIncidentRow) {
  const { id, ...rest } = alertIncidentOut(i);
  return { incident_id: id, ...rest, link: "/health" };
}

/** Resolves a firing incident and emits alert_resolved, in the caller's transaction; false if already resolved. */
export async function resolveWithEvent(tx: Db, incident: AlertIncidentRow, at: Date, resolution: Resolution) {
  const row = await resolveIncident(tx, incident.id, at, resolution);
  if (row) await emitEvent(tx, row.workspaceId, "alert_resolved", alertEventData(row));
  return !!row;
}

interface Tally {
  fired: number;
  resolved: number;
}

async function whenClear(db: Db, rule: AlertRuleRow, inc: AlertIncidentRow, o: Observation | null, now: Date, t: Tally) {
  if (inc.state === "pending") {
    await dropPending(db, [inc.id]);
    return;
  }
  const clearSince = inc.clearSince ?? now;
  if (now.getTime() - clearSince.getTime() >= rule.resolveAfterMinutes * 60_000) {
    const resolution: Resolution = o?.clearReason ?? "recovered";
    if (await db.transaction((tx) => resolveWithEvent(tx as unknown as Db, inc, now, resolution))) t.resolved++;
    return;
  }
  await touchIncident(db, inc.id, { at: now, value: o?.value ?? inc.lastValue ?? 0, peak: inc.peakValue, clearSince });
}

async function whenBreached(db: Db, rule: AlertRuleRow, params: AnyAlertParams, inc: AlertIncidentRow | undefined, o: Observation, now: Date, t: Tally) {
  const details = {
    message: incidentMessage(rule.kind, params, { value: o.value, label: o.label, extra: o.extra }),
    rule: describeRule(rule.kind, params),
    params,
    ...(o.extra ? { measured: o.extra } : {}),
  };
  const due = (since: Date) => now.getTime() - since.getTime() >= rule.forMinutes * 60_000;
  if (!inc) {
    const firing = rule.forMinutes === 0;
    const made = await db.transaction(async (tx) => {
      const row = await insertOpenIncident(tx as unknown as Db, {
        ruleId: rule.id,
        subject: o.subject,
        subjectLabel: o.label,
        state: firing ? "firing" : "pending",
        at: now,
        value: o.value,
        threshold: o.threshold,
        details,
      });
      if (row && firing) await emitEvent(tx as unknown as Db, row.workspaceId, "alert_fired", alertEventData(row));
      return row;
    });
    if (made && firing) t.fired++;
    return;
  }
  if (inc.state === "pending" && due(inc.pendingSince)) {
    const fired = await db.transaction(async (tx) => {
      const row = await fireIncident(tx as unknown as Db, inc.id, now, o.value, details);
      if (row) await emitEvent(tx as unknown as Db, row.workspaceId, "alert_fired", alertEventData(row));
      return !!row;
    });
    if (fired) t.fired++;
    return;
  }
  const worse = (a: number, b: number) => (LOWER_IS_WORSE.has(rule.kind) ? Math.min(a, b) : Math.max(a, b));
  await touchIncident(db, inc.id, { at: now, value: o.value, peak: worse(inc.peakValue ?? o.value, o.value), clearSince: null });
}

/** Evaluates one rule as of `now`; returns how many of its alerts fired and resolved. */
export async function evaluateRule(db: Db, rule: AlertRuleRow, now = new Date()): Promise<Tally> {
  const t: Tally = { fired: 0, resolved: 0 };
  const parsed = parseParams(rule.kind, rule.params);
  if (!parsed.success) {
    log.warn("alert rule has parameters it no longer accepts; skipped", { ruleId: rule.id, kind: rule.kind });
    return t;
  }
  const seen = await observe(db, rule.workspaceId, rule.kind, parsed.data, now);
  const open = new Map((await openIncidentsOf(db, rule.id)).map((i) => [i.subject, i]));
  for (const o of seen) {
    const inc = open.get(o.subject);
    open.delete(o.subject);
    if (o.breach) await whenBreached(db, rule, parsed.data, inc, o, now, t);
    else if (inc && o.clear) await whenClear(db, rule, inc, o, now, t);
    else if (inc?.state === "pending") await dropPending(db, [inc.id]);
    else if (inc) await touchIncident(db, inc.id, { at: now, value: o.value, peak: inc.peakValue, clearSince: null });
  }
  // Subjects no longer seen (an account fixed or removed, a platform with no attempts left in the window).
  for (const inc of open.values()) await whenClear(db, rule, inc, null, now, t);
  return t;
}

/** Every enabled rule of every workspace; a rule that fails is logged and the others still run. */
export async function evaluateAlerts(db: Db, now = new Date()): Promise<Tally> {
  const total: Tally = { fired: 0, resolved: 0 };
  for (const rule of await enabledRuleRows(db)) {
    try {
      const t = await evaluateRule(db, rule, now);
      total.fired += t.fired;
      total.resolved += t.resolved;
    } catch (err) {
      log.error("alert rule evaluation failed", { ruleId: rule.id, kind: rule.kind, err });
    }
  }
  return total;
}
