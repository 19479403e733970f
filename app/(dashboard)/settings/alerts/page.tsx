import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { can } from "@/lib/auth/permissions";
import { listAlertRules } from "@/lib/alerts/manage";
import { ALERT_RULE_KINDS } from "@/lib/alerts/kinds";
import { alertRuleOut } from "@/lib/operations/shapes";
import { AlertRulesManager, type RuleItem } from "@/components/alerts/AlertRulesManager";

export const metadata: Metadata = { title: "Alerts" };

export default async function AlertsSettingsPage() {
  const { db, actor } = await requireMember();
  const rows = await listAlertRules(db, actor);
  const rules: RuleItem[] = rows.map((r) => {
    const out = alertRuleOut(r);
    return {
      id: r.id,
      kind: r.kind,
      params: out.params as Record<string, unknown>,
      enabled: r.enabled,
      forMinutes: r.forMinutes,
      resolveAfterMinutes: r.resolveAfterMinutes,
      description: out.description,
      firing: out.firing,
    };
  });
  const have = new Set(rows.map((r) => r.kind));
  return <AlertRulesManager rules={rules} canEdit={can(actor.role, "alerts:manage")} missingKinds={ALERT_RULE_KINDS.filter((k) => !have.has(k)).length} />;
}
