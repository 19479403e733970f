import { beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import {
  alertIncidents,
  contentAnalytics,
  contentItems,
  notifications,
  platformAccounts,
  publishAttempts,
  publishingEvents,
  runnerHeartbeats,
  schedules,
  webhookDeliveries,
} from "@/db/schema";
import { closeOpenIncidents, getRuleRow, insertRuleRows, updateRuleRow, type AlertRuleRow } from "@/db/queries/alerts";
import { insertWebhook } from "@/db/queries/webhooks";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { runFanOut } from "@/lib/notifications/fanout";
import { fanOutEvents } from "@/lib/webhooks/fanout";
import { sealJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import { evaluateAlerts, evaluateRule } from "./evaluate";
import { ALERT_PARAMS, type AlertRuleKind } from "./kinds";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const MIN = 60_000;
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * MIN);

beforeAll(async () => {
  // Other processes' runners never count here: only the heartbeats a test writes.
  await db().delete(runnerHeartbeats);
});

async function rule(workspaceId: string, kind: AlertRuleKind, params: Record<string, unknown>, o: { forMinutes?: number; resolveAfterMinutes?: number } = {}) {
  const [r] = await insertRuleRows(db(), [
    {
      workspaceId,
      kind,
      params: ALERT_PARAMS[kind].parse(params),
      enabled: true,
      forMinutes: o.forMinutes ?? 0,
      resolveAfterMinutes: o.resolveAfterMinutes ?? 0,
      createdBy: null,
    },
  ]);
  return r! as AlertRuleRow;
}

/** The alert events of a rule, oldest first. */
async function events(ruleId: string) {
  const rows = await db()
    .select({ type: publishingEvents.type, data: publishingEvents.data })
    .from(publishingEvents)
    .where(sql`${publishingEvents.type} in ('alert_fired', 'alert_resolved') and ${publishingEvents.data}->>'rule_id' = ${ruleId}`)
    .orderBy(publishingEvents.id);
  return rows.map((r) => ({ type: r.type, ...(r.data as Record<string, unknown>) }) as Record<string, unknown> & { type: string });
}
const types = async (ruleId: string) => (await events(ruleId)).map((e) => `${e.type}${e.subject ? `:${e.subject}` : ""}`);
const incidentsOf = (ruleId: string) => db().select().from(alertIncidents).where(eq(alertIncidents.ruleId, ruleId)).orderBy(alertIncidents.pendingSince);

/** A finished publish attempt of the schedule, started at `when`. */
async function attempt(scheduleId: string, outcome: "success" | "permanent" | "retryable" | "auth", when: Date) {
  await db()
    .insert(publishAttempts)
    .values({
      scheduleId,
      attemptNumber: 1,
      startedAt: when,
      finishedAt: when,
      durationMs: 100,
      outcome,
      errorMessage: outcome === "success" ? null : "refused",
    });
}

async function workspaceWith(platform: string) {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  const account = await makeAccount(db(), ws.workspace.id, platform);
  const due = await makeDue(db(), ws.workspace.id, account, platform, { dueIn: 86_400 });
  return { ...ws, wsId: ws.workspace.id, account, scheduleId: due.scheduleId };
}

describe("alert rules: each kind fires once and resolves once", () => {
  it("failure rate: fires over the threshold, holds in the hysteresis band, resolves after staying clear long enough", async () => {
    const w = await workspaceWith("sandbox");
    const t0 = new Date();
    const r = await rule(w.wsId, "failure_rate", { over_percent: 50, window_minutes: 15, min_attempts: 4 }, { resolveAfterMinutes: 5 });
    // Three attempts, all failed: not enough to judge yet.
    for (let i = 0; i < 3; i++) await attempt(w.scheduleId, "permanent", at(t0, -2));
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 0, resolved: 0 });
    await attempt(w.scheduleId, "success", at(t0, -1)); // 3 of 4 failed: 75 %
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 1, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 1))).toEqual({ fired: 0, resolved: 0 });
    // 3 of 6: 50 % is not over 50 %, but not back under 40 % either: still firing.
    await attempt(w.scheduleId, "success", at(t0, 1));
    await attempt(w.scheduleId, "success", at(t0, 1));
    expect(await evaluateRule(db(), r, at(t0, 2))).toEqual({ fired: 0, resolved: 0 });
    expect((await incidentsOf(r.id))[0]).toMatchObject({ state: "firing", clearSince: null, lastValue: 50, peakValue: 75 });
    // 3 of 8: 37.5 %, clear; resolves only after five minutes of it.
    await attempt(w.scheduleId, "success", at(t0, 2));
    await attempt(w.scheduleId, "success", at(t0, 2));
    expect(await evaluateRule(db(), r, at(t0, 3))).toEqual({ fired: 0, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 7))).toEqual({ fired: 0, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 8))).toEqual({ fired: 0, resolved: 1 });
    expect(await evaluateRule(db(), r, at(t0, 9))).toEqual({ fired: 0, resolved: 0 });
    expect(await types(r.id)).toEqual(["alert_fired", "alert_resolved"]);
    const [fired, resolved] = await events(r.id);
    expect(fired).toMatchObject({
      kind: "failure_rate",
      value: 75,
      threshold: 50,
      message: expect.stringContaining("75 % of 4 publish attempts failed"),
      link: "/health",
    });
    expect(resolved).toMatchObject({ state: "resolved", resolution: "recovered", resolved_at: at(t0, 8).toISOString() });
    expect(await incidentsOf(r.id)).toHaveLength(1);
  });

  it("platform failing: fires per platform with no success, not for the platform that works; one success resolves it", async () => {
    const w = await workspaceWith("mastodon");
    const other = await makeDue(db(), w.wsId, await makeAccount(db(), w.wsId, "sandbox"), "sandbox", { dueIn: 86_400 });
    const t0 = new Date();
    const r = await rule(w.wsId, "platform_down", { window_minutes: 30, min_attempts: 3 });
    for (const m of [-20, -10, -5]) await attempt(w.scheduleId, "retryable", at(t0, m));
    await attempt(other.scheduleId, "permanent", at(t0, -5));
    await attempt(other.scheduleId, "success", at(t0, -4));
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 1, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 1))).toEqual({ fired: 0, resolved: 0 });
    expect((await incidentsOf(r.id))[0]).toMatchObject({ subject: "mastodon", subjectLabel: "Mastodon", state: "firing", value: 3 });
    await attempt(w.scheduleId, "success", at(t0, 1));
    expect(await evaluateRule(db(), r, at(t0, 2))).toEqual({ fired: 0, resolved: 1 });
    expect(await types(r.id)).toEqual(["alert_fired:mastodon", "alert_resolved:mastodon"]);
  });

  it("queue lag: a post waiting too long fires; back under the margin and published, it resolves", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const late = await makeDue(db(), ws.workspace.id, account, "sandbox", { dueIn: -300 });
    const r = await rule(ws.workspace.id, "queue_lag", { over_seconds: 120 });
    expect(await evaluateRule(db(), r)).toEqual({ fired: 1, resolved: 0 });
    // 100 s: under the threshold but not under its margin (96 s): still firing.
    await db().execute(sql`UPDATE schedules SET scheduled_time = now() - interval '100 seconds' WHERE id = ${late.scheduleId}`);
    expect(await evaluateRule(db(), r)).toEqual({ fired: 0, resolved: 0 });
    await db().update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, late.scheduleId));
    expect(await evaluateRule(db(), r)).toEqual({ fired: 0, resolved: 1 });
    expect(await types(r.id)).toEqual(["alert_fired", "alert_resolved"]);
    expect((await incidentsOf(r.id))[0]).toMatchObject({ state: "resolved", peakValue: 300 });
  });

  it("no live runner: pending first, fires after for_minutes; a pending alert that clears leaves no history", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const t0 = new Date();
    const r = await rule(ws.workspace.id, "no_runner", { min_runners: 1, stale_seconds: 60 }, { forMinutes: 2, resolveAfterMinutes: 1 });
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 0, resolved: 0 });
    expect((await incidentsOf(r.id))[0]).toMatchObject({ state: "pending" });
    // A runner beats before two minutes pass: the pending alert goes, nothing was said.
    const beat = (when: Date) =>
      db()
        .insert(runnerHeartbeats)
        .values({ runnerId: "test-runner", driver: "local", host: "test", pid: 1, startedAt: t0, lastBeatAt: when })
        .onConflictDoUpdate({ target: runnerHeartbeats.runnerId, set: { lastBeatAt: when } });
    await beat(at(t0, 1));
    expect(await evaluateRule(db(), r, at(t0, 1))).toEqual({ fired: 0, resolved: 0 });
    expect(await incidentsOf(r.id)).toEqual([]);
    // Silent from minute 1: pending at 3, firing at 5, once.
    expect(await evaluateRule(db(), r, at(t0, 3))).toEqual({ fired: 0, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 4))).toEqual({ fired: 0, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 5))).toEqual({ fired: 1, resolved: 0 });
    expect(await evaluateRule(db(), r, at(t0, 6))).toEqual({ fired: 0, resolved: 0 });
    // Back: clear at 7, resolved a minute later.
    await beat(at(t0, 7));
    expect(await evaluateRule(db(), r, at(t0, 7))).toEqual({ fired: 0, resolved: 0 });
    await beat(at(t0, 8));
    expect(await evaluateRule(db(), r, at(t0, 8))).toEqual({ fired: 0, resolved: 1 });
    expect(await types(r.id)).toEqual(["alert_fired", "alert_resolved"]);
    expect((await events(r.id))[0]).toMatchObject({ value: 0, threshold: 1, message: "0 job runners alive, at least 1 expected" });
    await db().delete(runnerHeartbeats);
  });

  it("account needing reconnection: fires per account, resolves once it is reconnected", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const broken = await makeAccount(db(), ws.workspace.id, "bluesky", { name: "Main" });
    await makeAccount(db(), ws.workspace.id, "sandbox", { name: "Fine" });
    await db().update(platformAccounts).set({ status: "needs_reconnect", statusReason: "token revoked" }).where(eq(platformAccounts.id, broken));
    const r = await rule(ws.workspace.id, "account_reconnect", {});
    expect(await evaluateRule(db(), r)).toEqual({ fired: 1, resolved: 0 });
    expect(await evaluateRule(db(), r)).toEqual({ fired: 0, resolved: 0 });
    expect((await events(r.id))[0]).toMatchObject({
      subject: broken,
      subject_label: "Main (Bluesky)",
      message: "Main (Bluesky) needs reconnecting: token revoked",
    });
    await db().update(platformAccounts).set({ status: "active", statusReason: null }).where(eq(platformAccounts.id, broken));
    expect(await evaluateRule(db(), r)).toEqual({ fired: 0, resolved: 1 });
    expect(await types(r.id)).toEqual([`alert_fired:${broken}`, `alert_resolved:${broken}`]);
  });

  it("low engagement: fires when the mean of the period's posts is under the threshold, resolves when newer measurements recover", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const t0 = new Date();
    const items = await db()
      .insert(contentItems)
      .values([1, 2, 3].map((i) => ({ workspaceId: ws.workspace.id, title: `Post ${i}`, content: "x", status: "published" as const })))
      .returning({ id: contentItems.id });
    const measure = (rate: number, when: Date) =>
      db()
        .insert(contentAnalytics)
        .values(items.map((i) => ({ contentItemId: i.id, platformId: "mastodon", engagementRate: rate, measuredAt: when })));
    const r = await rule(ws.workspace.id, "engagement_low", { below_percent: 2, period_hours: 24, min_posts: 3 });
    await measure(0.01, at(t0, -60));
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 1, resolved: 0 });
    expect((await events(r.id))[0]).toMatchObject({ subject: "mastodon", value: 1, message: expect.stringContaining("Mean engagement on Mastodon was 1 %") });
    // 2.2 %: over the threshold, under its margin (2.4 %): still firing. Then 3 %: resolved.
    await measure(0.022, at(t0, -30));
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 0, resolved: 0 });
    await measure(0.03, at(t0, -10));
    expect(await evaluateRule(db(), r, t0)).toEqual({ fired: 0, resolved: 1 });
    expect(await types(r.id)).toEqual(["alert_fired:mastodon", "alert_resolved:mastodon"]);
  });
});

describe("alert rules: two runners, and the event log's consumers", () => {
  it("two evaluations at once fire once and resolve once", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const broken = await makeAccount(db(), ws.workspace.id, "mastodon");
    await db().update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, broken));
    const r = await rule(ws.workspace.id, "account_reconnect", {});
    const now = new Date();
    await Promise.all([evaluateAlerts(db(), now), evaluateAlerts(db(), now), evaluateRule(db(), r, now), evaluateRule(db(), r, now)]);
    expect(await types(r.id)).toEqual([`alert_fired:${broken}`]);
    await db().update(platformAccounts).set({ status: "active" }).where(eq(platformAccounts.id, broken));
    await Promise.all([evaluateAlerts(db(), now), evaluateRule(db(), r, now), evaluateRule(db(), r, now)]);
    expect(await types(r.id)).toEqual([`alert_fired:${broken}`, `alert_resolved:${broken}`]);
    expect(await incidentsOf(r.id)).toHaveLength(1);
  });

  it("while a rule is being switched off, an evaluation that saw it enabled neither opens nor fires an alert on it", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const broken = await makeAccount(db(), ws.workspace.id, "mastodon");
    await db().update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, broken));
    const now = new Date();
    /** Switches the rule off in a transaction that stays open while `during` runs (as a slow admin request would). */
    const switchOffAround = async (r: AlertRuleRow, during: () => Promise<unknown>) => {
      let updated!: () => void;
      const ready = new Promise<void>((res) => (updated = res));
      const off = db().transaction(async (tx) => {
        await getRuleRow(tx as unknown as Db, ws.workspace.id, r.id, { lock: true });
        await updateRuleRow(tx as unknown as Db, ws.workspace.id, r.id, { enabled: false });
        updated();
        await new Promise((res) => setTimeout(res, 300));
        await closeOpenIncidents(tx as unknown as Db, r.id, now, "rule_disabled");
      });
      await ready;
      await Promise.all([off, during()]);
    };
    // A new alert (for_minutes 0 would open it firing).
    const opening = await rule(ws.workspace.id, "account_reconnect", {});
    await switchOffAround(opening, () => evaluateRule(db(), opening, now));
    expect(await incidentsOf(opening.id)).toEqual([]);
    expect(await types(opening.id)).toEqual([]);
    // A pending alert that is due to fire.
    const firing = await rule(ws.workspace.id, "account_reconnect", {}, { forMinutes: 1 });
    await evaluateRule(db(), firing, at(now, -5));
    expect(await incidentsOf(firing.id)).toMatchObject([{ state: "pending" }]);
    await switchOffAround(firing, () => evaluateRule(db(), firing, now));
    expect(await incidentsOf(firing.id)).toEqual([]);
    expect(await types(firing.id)).toEqual([]);
  });

  it("alert_fired and alert_resolved reach admins (in app, with email pending) and subscribed webhooks", async () => {
    const ws = await makeWorkspace(db(), ["admin", "editor"]);
    const hookId = crypto.randomUUID();
    await insertWebhook(db(), {
      id: hookId,
      workspaceId: ws.workspace.id,
      url: "https://203.0.113.10/hook",
      events: ["alert_fired", "alert_resolved"],
      secretEncrypted: sealJson(appKeyring(), "secret-0123456789abcdef", hookId),
      createdBy: null,
    });
    // The webhook existed before the events: back-date it past clock skew between rows.
    await db().execute(sql`UPDATE webhooks SET created_at = now() - interval '1 minute' WHERE id = ${hookId}`);
    const r = await rule(ws.workspace.id, "queue_lag", { over_seconds: 60 });
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const late = await makeDue(db(), ws.workspace.id, account, "sandbox", { dueIn: -600 });
    await evaluateRule(db(), r);
    await db().update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, late.scheduleId));
    await evaluateRule(db(), r);
    await runFanOut(db());
    await fanOutEvents(db());
    const mine = (userId: string) =>
      db()
        .select({ type: notifications.type, title: notifications.title, body: notifications.body, link: notifications.link, data: notifications.data })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), sql`${notifications.type} like 'alert_%'`))
        .orderBy(notifications.createdAt);
    const admin = await mine(ws.actors.admin.userId);
    expect(admin.map((n) => n.type)).toEqual(["alert_fired", "alert_resolved"]);
    expect(admin[0]).toMatchObject({ title: expect.stringMatching(/^Alert: The oldest due post has waited 10 min/), link: "/health" });
    expect(admin[0]!.data).toMatchObject({ in_app: true, email: true, kind: "queue_lag", rule_id: r.id });
    expect(admin[1]).toMatchObject({ title: expect.stringMatching(/^Resolved: /), body: expect.stringContaining("The condition has cleared.") });
    expect(await mine(ws.actors.editor.userId)).toEqual([]);
    const deliveries = await db()
      .select({ event: webhookDeliveries.event, payload: webhookDeliveries.payload })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, hookId))
      .orderBy(webhookDeliveries.createdAt);
    expect(deliveries.map((d) => d.event)).toEqual(["alert_fired", "alert_resolved"]);
    expect(deliveries[0]!.payload).toMatchObject({
      type: "alert_fired",
      workspace_id: ws.workspace.id,
      data: { kind: "queue_lag", rule_id: r.id, state: "firing" },
    });
  });
});
