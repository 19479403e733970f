import { z } from "zod";
import { ALERT_STATES, HEALTH_STATUSES } from "@/db/schema/values";
import type { AlertIncidentRow, AlertRuleRow } from "@/db/queries/alerts";
import { ALERT_PARAMS, describeRule, type AlertRuleKind, type AnyAlertParams } from "@/lib/alerts/kinds";
import type { HealthHistory } from "@/lib/health-history/read";
import { id, iso, record, ts, tsN } from "./common";

const ruleBase = {
  id,
  enabled: z.boolean(),
  for_minutes: z.number().int().describe("the condition must hold this long before the alert fires"),
  resolve_after_minutes: z.number().int().describe("the condition must stay clear this long before the alert resolves"),
  description: z.string().describe("the rule in words"),
  firing: z.number().int().describe("alerts of this rule firing now"),
  created_at: ts,
  updated_at: ts,
};
const ruleOf = <K extends AlertRuleKind>(kind: K) => z.object({ kind: z.literal(kind), params: ALERT_PARAMS[kind], ...ruleBase });

/** An alert rule: its kind decides its parameters. */
export const alertRule = z.discriminatedUnion("kind", [
  ruleOf("failure_rate"),
  ruleOf("platform_down"),
  ruleOf("queue_lag"),
  ruleOf("no_runner"),
  ruleOf("account_reconnect"),
  ruleOf("engagement_low"),
]);

export function alertRuleOut(r: AlertRuleRow & { firing: number }): z.output<typeof alertRule> {
  const parsed = ALERT_PARAMS[r.kind].safeParse(r.params);
  const params = (parsed.success ? parsed.data : record(r.params)) as AnyAlertParams;
  return {
    id: r.id,
    kind: r.kind,
    params,
    enabled: r.enabled,
    for_minutes: r.forMinutes,
    resolve_after_minutes: r.resolveAfterMinutes,
    description: describeRule(r.kind, params),
    firing: Number(r.firing),
    created_at: iso(r.createdAt),
    updated_at: iso(r.updatedAt),
  } as z.output<typeof alertRule>;
}

export const alertIncident = z.object({
  id,
  rule_id: id.nullable().describe("null once the rule is deleted"),
  kind: z.enum(Object.keys(ALERT_PARAMS) as [AlertRuleKind, ...AlertRuleKind[]]),
  subject: z.string().nullable().describe("the platform or account the alert is about; null for the rule as a whole"),
  subject_label: z.string().nullable(),
  state: z.enum(ALERT_STATES).describe("pending: the condition holds, not yet for the rule's for_minutes; firing; resolved"),
  pending_since: ts,
  fired_at: tsN,
  resolved_at: tsN,
  value: z.number().nullable().describe("the measured value when it fired (percent, seconds, runners, attempts)"),
  peak_value: z.number().nullable().describe("the worst value while open"),
  last_value: z.number().nullable(),
  threshold: z.number().nullable(),
  message: z.string().nullable(),
  rule: z.string().nullable().describe("the rule in words, as it was when the alert fired"),
  resolution: z.enum(["recovered", "insufficient_data", "rule_disabled", "rule_deleted"]).nullable(),
});

export function alertIncidentOut(i: AlertIncidentRow): z.output<typeof alertIncident> {
  const d = record(i.details) as { message?: string; rule?: string; resolution?: z.output<typeof alertIncident>["resolution"] };
  return {
    id: i.id,
    rule_id: i.ruleId,
    kind: i.kind,
    subject: i.subject || null,
    subject_label: i.subjectLabel,
    state: i.state,
    pending_since: iso(i.pendingSince),
    fired_at: iso(i.firedAt),
    resolved_at: iso(i.resolvedAt),
    value: i.value,
    peak_value: i.peakValue,
    last_value: i.lastValue,
    threshold: i.threshold,
    message: d.message ?? null,
    rule: d.rule ?? null,
    resolution: d.resolution ?? null,
  };
}

const status = z.enum(HEALTH_STATUSES);
const checkName = z.enum(["database", "runner", "queue", "platform"]);

export const healthHistory = z.object({
  from: ts,
  to: ts,
  interval_seconds: z.number().int().describe("one sample per check and interval"),
  retention_days: z.number().int(),
  checks: z.array(
    z.object({
      check: checkName,
      subject: z.string().nullable().describe("the platform, for platform checks"),
      scope: z.enum(["instance", "workspace"]),
      label: z.string(),
      status: status.nullable().describe("the latest verdict; null when nothing recorded it lately"),
      segments: z.array(z.object({ status, from: ts, to: ts })).describe("runs of one status, oldest first; what lies between was not recorded"),
    }),
  ),
  transitions: z
    .array(
      z.object({
        at: ts,
        check: checkName,
        subject: z.string().nullable(),
        label: z.string(),
        from: status.nullable().describe("null: nothing was recorded before"),
        to: status.nullable().describe("null: nothing was recorded after"),
        value: z.number().nullable(),
        details: z.record(z.string(), z.unknown()),
      }),
    )
    .describe("what changed, newest first"),
});

export function healthHistoryOut(h: HealthHistory, retentionDays: number): z.output<typeof healthHistory> {
  return {
    from: iso(h.from),
    to: iso(h.to),
    interval_seconds: 60,
    retention_days: retentionDays,
    checks: h.checks.map((c) => ({
      check: c.check,
      subject: c.subject,
      scope: c.scope,
      label: c.label,
      status: c.status,
      segments: c.segments.map((s) => ({ status: s.status, from: iso(s.from), to: iso(s.to) })),
    })),
    transitions: h.transitions.map((t) => ({
      at: iso(t.at),
      check: t.check,
      subject: t.subject,
      label: t.label,
      from: t.from,
      to: t.to,
      value: t.value,
      details: t.details,
    })),
  };
}
