import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount, makeDue, testDispatcher } from "@/scripts/test/publishing";
import { eq } from "drizzle-orm";
import { contentAnalytics, contentItems, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import * as metrics from "@/app/api/metrics/route";
import { suggestForAccounts } from "@/lib/scheduling/suggest";
import { createSchedules } from "@/lib/scheduling/create";
import { suggestionsForAccountsInput } from "@/lib/validation/suggestions";
import { scheduleCreateSchema } from "@/lib/validation/schedules";
import { decide, submitForApproval } from "@/lib/approvals/workflow";
import { runFanOut } from "@/lib/notifications/fanout";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import { periodicJob, runTriggerPass } from "@/jobs/catalogue";
import { OPS, PROMTOOL, promtool, required } from "./promtool";

/**
 * The operators' files in ops/ against a live /api/metrics answer: promtool checks the answer,
 * and the alert rules and the Grafana dashboard may read only metrics it really has (the rules'
 * own checks are in rules.test.ts). Skipped where promtool is not installed, unless required.
 */

/** Metric names a PromQL expression reads (words followed by a selector, a range or an operator, not functions or labels). */
function metricNames(expr: string): string[] {
  const stripped = expr.replace(/\{[^}]*\}/g, "{}").replace(/\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)/g, "");
  const words = [...stripped.matchAll(/\b([a-z_][a-z0-9_]*)\b(?!\s*\()/g)].map((m) => m[1]!);
  const keywords = new Set(["and", "or", "unless", "offset", "bool", "by", "without", "le", "inf", "nan"]);
  return [...new Set(words.filter((w) => !keywords.has(w) && w.includes("_")))];
}

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let exposition = "";

describe.skipIf(!PROMTOOL && !required)("ops/: a live /api/metrics answer, and the rules and dashboard reading only what it serves", () => {
  beforeAll(async () => {
    // A live answer with every family in it: attempts that succeeded and failed, a queue, engagement.
    const A = await makeWorkspaceWithTokens(db());
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const due = await makeDue(db(), A.workspace.id, accountId, "sandbox");
    await makeDue(db(), A.workspace.id, accountId, "sandbox", { dueIn: 3600 });
    await testDispatcher(db()).drain();
    await db().insert(contentAnalytics).values({ contentItemId: due.contentId, platformId: "sandbox", engagementRate: 0.04, measuredAt: new Date() });
    // The plan's counters and histograms, each through the code that serves or does the thing.
    await suggestForAccounts(db(), A.actors.viewer, suggestionsForAccountsInput.parse({ platform_account_ids: [accountId], count: 2 }));
    const later = await makeDue(db(), A.workspace.id, accountId, "sandbox", { dueIn: 30 * 86_400 });
    const when = { content_item_id: later.contentId, platform_account_id: accountId, scheduled_time: "2031-05-05T09:30", timezone: "UTC" };
    await createSchedules(db(), A.actors.editor, scheduleCreateSchema.parse(when));
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, A.workspace.id));
    const [draft] = await db()
      .insert(contentItems)
      .values({ workspaceId: A.workspace.id, authorId: A.actors.editor.userId, title: "For review", content: "Text to review" })
      .returning();
    await submitForApproval(db(), A.actors.editor, draft!.id);
    await decide(db(), A.actors.admin, draft!.id, "approve", { version: draft!.version });
    await runFanOut(db());
    const env = { db: db(), engine: configuredEngine(db(), "ops-test"), dispatch: configuredDispatch(), trigger: null };
    await runTriggerPass(periodicJob("prune"), env, new Date(), { marginMs: 120_000 });
    const cfg = getConfig();
    const saved = cfg.metricsToken;
    cfg.metricsToken = "ops-metrics-token-0123456789";
    try {
      const res = await call(metrics.GET, { token: cfg.metricsToken });
      expect(res.status).toBe(200);
      exposition = res.text;
    } finally {
      cfg.metricsToken = saved;
    }
  }, 60_000);

  it("a live /api/metrics answer passes promtool check metrics, engagement, retention and the plan's counters and histograms included", () => {
    // Every kind of the retention pruning is listed, pruned or not.
    expect(exposition.match(/^retention_pruned_rows_total\{kind="\w+"\} \d+$/gm)).toHaveLength(6);
    expect(exposition).toMatch(/^content_engagement_rate\{platform="sandbox",content_type="post"\} 0\.04$/m);
    expect(exposition).toMatch(/^content_engagement_posts\{platform="sandbox",content_type="post"\} 1$/m);
    expect(exposition).toMatch(/^optimal_time_suggestions_total\{platform="sandbox"\} 2$/m);
    expect(exposition).toMatch(/^scheduled_content_total\{platform="sandbox",time_bucket="morning"\} 1$/m);
    expect(exposition).toMatch(/^notification_deliveries_total\{channel="in_app",outcome="delivered"\} [1-9]\d*$/m);
    expect(exposition).toMatch(/^approval_response_time_seconds_bucket\{decision="approved",le="60"\} 1$/m);
    expect(exposition).toMatch(/^approval_response_time_seconds_count\{decision="approved"\} 1$/m);
    expect(exposition).toMatch(/^workflow_execution_duration_seconds_bucket\{job="prune",le="\+Inf"\} 1$/m);
    expect(exposition).toMatch(/^workflow_execution_duration_seconds_sum\{job="prune"\} \d/m);
    const r = promtool(["check", "metrics"], exposition);
    expect(r.out.trim()).toBe("");
    expect(r.code).toBe(0);
  });

  it("the rules and the dashboard read only metrics the app serves", () => {
    const served = new Set(
      [...exposition.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap((m) => (m[2] === "histogram" ? [`${m[1]}_bucket`, `${m[1]}_sum`, `${m[1]}_count`] : [m[1]!])),
    );
    const rules = fs.readFileSync(path.join(OPS, "prometheus", "alerts.yml"), "utf8");
    const ruleExprs = [...rules.matchAll(/expr: (?:\|\n((?:\s{10}.*\n)+)|(.*)\n)/g)].map((m) => m[1] ?? m[2]!);
    const dashboard = JSON.parse(fs.readFileSync(path.join(OPS, "grafana", "dashboard.json"), "utf8")) as { panels: { targets?: { expr: string }[] }[] };
    const panelExprs = dashboard.panels.flatMap((p) => (p.targets ?? []).map((t) => t.expr));
    expect(ruleExprs).toHaveLength(5);
    expect(panelExprs.length).toBeGreaterThan(10);
    const unknown = [...ruleExprs, ...panelExprs].flatMap(metricNames).filter((n) => !served.has(n));
    expect(unknown).toEqual([]);
    // And every family the app serves is on the dashboard.
    const charted = new Set(panelExprs.flatMap(metricNames).map((n) => n.replace(/_(bucket|sum|count)$/, "")));
    expect([...exposition.matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]!).filter((n) => !charted.has(n))).toEqual([]);
  });
});
