import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { alertRules, auditLog, platformAccounts, publishingEvents } from "@/db/schema";
import { makeAccount } from "@/scripts/test/publishing";
import { recordHealth } from "@/lib/health-history/record";
import * as rules from "./alert-rules/route";
import * as ruleById from "./alert-rules/[id]/route";
import * as defaults from "./alert-rules/defaults/route";
import * as alerts from "./alerts/route";
import * as history from "./health/history/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let B: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
const post = (token: string, body: unknown) => call(rules.POST, { method: "POST", token, body });
const ruleCount = async (workspaceId: string) =>
  (await ref.current.db.select({ id: alertRules.id }).from(alertRules).where(eq(alertRules.workspaceId, workspaceId))).length;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  B = await makeWorkspaceWithTokens(ref.current.db);
});

describe("alert rules API", () => {
  it("an admin adds (defaults filled in), reads, changes and deletes a rule; each writes an audit row", async () => {
    const made = await post(A.tokens.admin, { kind: "failure_rate", params: { over_percent: 25 } });
    expect(made.status).toBe(201);
    expect(made.json).toEqual({
      id: expect.any(String),
      kind: "failure_rate",
      params: { over_percent: 25, window_minutes: 15, min_attempts: 5 },
      enabled: true,
      for_minutes: 0,
      resolve_after_minutes: 5,
      description: "More than 25 % of publish attempts failed in 15 minutes (at least 5 attempts)",
      firing: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const id = made.json!.id as string;
    // The same Idempotency-Key again: the first answer, no second rule.
    const keyed = { method: "POST", token: A.tokens.admin, body: { kind: "platform_down" }, headers: { "idempotency-key": "rule-1" } };
    const once = await call(rules.POST, keyed);
    expect((await call(rules.POST, keyed)).json).toEqual(once.json);
    expect((await call(ruleById.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id: once.json!.id } })).status).toBe(204);
    // No params at all: every default.
    expect((await post(A.tokens.admin, { kind: "queue_lag" })).json).toMatchObject({ params: { over_seconds: 120 } });

    const list = await call(rules.GET, { token: A.tokens.viewer });
    expect(list.status).toBe(200);
    expect(list.json!.items.map((r: { kind: string }) => r.kind)).toEqual(["failure_rate", "queue_lag"]);
    expect((await call(ruleById.GET, { token: A.tokens.editor, params: { id } })).json).toMatchObject({ id, kind: "failure_rate" });

    const patched = await call(ruleById.PATCH, {
      method: "PATCH",
      token: A.tokens.admin,
      params: { id },
      body: { params: { window_minutes: 30 }, for_minutes: 10 },
    });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ params: { over_percent: 25, window_minutes: 30, min_attempts: 5 }, for_minutes: 10 });

    expect((await call(ruleById.DELETE, { method: "DELETE", token: A.tokens.admin, params: { id } })).status).toBe(204);
    expect((await call(ruleById.GET, { token: A.tokens.admin, params: { id } })).status).toBe(404);
    const audit = await ref.current.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityId, id));
    expect(audit.map((a) => a.action).sort()).toEqual(["alert_rule.create", "alert_rule.delete", "alert_rule.update"]);
  });

  it("refuses bad rules with a 400 naming the field, and stores nothing", async () => {
    const before = await ruleCount(A.workspace.id);
    const bad: [unknown, RegExp][] = [
      [{ kind: "disk_full" }, /kind must be one of/],
      [{}, /kind must be one of/],
      [{ kind: "failure_rate", params: { over_percent: 0 } }, /params\.over_percent: over_percent must be more than 0/],
      [{ kind: "failure_rate", params: { over_percent: 101 } }, /over_percent must be at most 100/],
      [{ kind: "failure_rate", params: { over_percent: "10" } }, /over_percent must be a number/],
      [{ kind: "failure_rate", params: { window_minutes: 1.5 } }, /window_minutes must be a whole number/],
      [{ kind: "failure_rate", params: { over_seconds: 60 } }, /over_seconds/],
      [{ kind: "queue_lag", params: { over_seconds: 5 } }, /over_seconds must be at least 10/],
      [{ kind: "engagement_low", params: { platform: "myspace" } }, /platform must be one of/],
      [{ kind: "no_runner", params: { min_runners: 0 } }, /min_runners must be at least 1/],
      [{ kind: "account_reconnect", params: { include_errors: "yes" } }, /include_errors must be true or false/],
      [{ kind: "queue_lag", for_minutes: -1 }, /for_minutes must be at least 0/],
      [{ kind: "queue_lag", resolve_after_minutes: 2000 }, /resolve_after_minutes must be at most 1440/],
      [{ kind: "queue_lag", params: [] }, /params/],
      [{ kind: "queue_lag", colour: "red" }, /colour/],
    ];
    for (const [body, message] of bad) {
      const r = await post(A.tokens.admin, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json!.error.code).toBe("bad_request:validation");
      expect(r.json!.error.message, JSON.stringify(body)).toMatch(message);
    }
    const id = (await post(A.tokens.admin, { kind: "queue_lag" })).json!.id as string;
    const patchBad: [unknown, RegExp][] = [
      [{}, /give at least one of/],
      [{ params: { over_percent: 10 } }, /params\.over_percent/],
      [{ params: { over_seconds: 3 } }, /params\.over_seconds: over_seconds must be at least 10/],
      [{ kind: "failure_rate" }, /kind/],
      [{ params: { over_seconds: { nested: true } } }, /params/],
    ];
    for (const [body, message] of patchBad) {
      const r = await call(ruleById.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body });
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json!.error.message, JSON.stringify(body)).toMatch(message);
    }
    expect((await call(ruleById.GET, { token: A.tokens.admin, params: { id } })).json).toMatchObject({ params: { over_seconds: 120 } });
    expect(await ruleCount(A.workspace.id)).toBe(before + 1);
    expect((await call(ruleById.GET, { token: A.tokens.admin, params: { id: "not-a-uuid" } })).status).toBe(404);
  });

  it("role matrix: editors and viewers read but may not write; another workspace's rule is not found", async () => {
    const id = (await post(A.tokens.admin, { kind: "no_runner" })).json!.id as string;
    const before = await ruleCount(A.workspace.id);
    for (const role of ["editor", "viewer"] as const) {
      const token = A.tokens[role];
      expect((await post(token, { kind: "queue_lag" })).status).toBe(403);
      expect((await call(ruleById.PATCH, { method: "PATCH", token, params: { id }, body: { enabled: false } })).status).toBe(403);
      expect((await call(ruleById.DELETE, { method: "DELETE", token, params: { id } })).status).toBe(403);
      expect((await call(defaults.POST, { method: "POST", token })).status).toBe(403);
      expect((await call(rules.GET, { token })).status).toBe(200);
      expect((await call(alerts.GET, { token })).status).toBe(200);
    }
    expect((await call(rules.GET, {})).status).toBe(401);
    expect((await call(ruleById.GET, { token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect((await call(ruleById.PATCH, { method: "PATCH", token: B.tokens.admin, params: { id }, body: { enabled: false } })).status).toBe(404);
    expect((await call(ruleById.DELETE, { method: "DELETE", token: B.tokens.admin, params: { id } })).status).toBe(404);
    expect(await ruleCount(A.workspace.id)).toBe(before);
  });

  it("adds the recommended rules a workspace lacks, once", async () => {
    const first = await call(defaults.POST, { method: "POST", token: B.tokens.admin });
    expect(first.status).toBe(201);
    expect(first.json!.items.map((r: { kind: string; enabled: boolean }) => `${r.kind}:${r.enabled}`)).toEqual([
      "failure_rate:true",
      "platform_down:true",
      "queue_lag:true",
      "no_runner:true",
      "account_reconnect:true",
      "engagement_low:false",
    ]);
    expect((await call(defaults.POST, { method: "POST", token: B.tokens.admin })).json).toEqual({ items: [] });
    expect(await ruleCount(B.workspace.id)).toBe(6);
  });

  it("two admins adding the recommended rules at once add each kind once", async () => {
    const C = await makeWorkspaceWithTokens(ref.current.db);
    const both = await Promise.all([0, 1].map(() => call(defaults.POST, { method: "POST", token: C.tokens.admin })));
    expect(both.map((r) => r.status)).toEqual([201, 201]);
    expect(both.map((r) => r.json!.items.length).sort()).toEqual([0, 6]);
    expect(await ruleCount(C.workspace.id)).toBe(6);
  });
});

describe("alerts API", () => {
  it("a rule is evaluated when saved; switching it off resolves its alert; the list shows open ones first, then history", async () => {
    const account = await makeAccount(ref.current.db, A.workspace.id, "mastodon", { name: "Newsroom" });
    await ref.current.db.update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, account));
    const made = await post(A.tokens.admin, { kind: "account_reconnect" });
    expect(made.json).toMatchObject({ firing: 1 });
    const id = made.json!.id as string;
    const open = await call(alerts.GET, { token: A.tokens.viewer, path: "/api/v1/alerts?state=firing" });
    expect(open.status).toBe(200);
    expect(open.json!.items.filter((i: { rule_id: string }) => i.rule_id === id)).toEqual([
      expect.objectContaining({
        rule_id: id,
        kind: "account_reconnect",
        subject: account,
        subject_label: "Newsroom (Mastodon)",
        state: "firing",
        message: "Newsroom (Mastodon) needs reconnecting",
        rule: "An account needs reconnecting",
        resolution: null,
        resolved_at: null,
      }),
    ]);
    const off = await call(ruleById.PATCH, { method: "PATCH", token: A.tokens.admin, params: { id }, body: { enabled: false } });
    expect(off.json).toMatchObject({ enabled: false, firing: 0 });
    const all = await call(alerts.GET, { token: A.tokens.admin, path: "/api/v1/alerts?limit=10" });
    expect(all.json!.items.find((i: { rule_id: string }) => i.rule_id === id)).toMatchObject({ state: "resolved", resolution: "rule_disabled" });
    const events = await ref.current.db
      .select({ type: publishingEvents.type })
      .from(publishingEvents)
      .where(sql`${publishingEvents.data}->>'rule_id' = ${id}`)
      .orderBy(publishingEvents.id);
    expect(events.map((e) => e.type)).toEqual(["alert_fired", "alert_resolved"]);
    // B sees none of A's alerts.
    expect((await call(alerts.GET, { token: B.tokens.admin })).json!.items.filter((i: { rule_id: string }) => i.rule_id === id)).toEqual([]);
    for (const q of ["state=open", "limit=0", "limit=500", "limit=ten", "colour=red"]) {
      const r = await call(alerts.GET, { token: A.tokens.admin, path: `/api/v1/alerts?${q}` });
      expect(r.status, q).toBe(400);
    }
  });
});

describe("health history API", () => {
  it("answers the recorded checks of the last hours as runs and transitions, in the documented shape", async () => {
    await makeAccount(ref.current.db, A.workspace.id, "sandbox");
    const now = new Date();
    for (let m = 5; m >= 1; m--) await recordHealth(ref.current.db, new Date(now.getTime() - m * 60_000), 7);
    const r = await call(history.GET, { token: A.tokens.viewer, path: "/api/v1/health/history?hours=2" });
    expect(r.status).toBe(200);
    expect(r.json!.interval_seconds).toBe(60);
    expect(r.json!.retention_days).toBe(7);
    expect(Date.parse(r.json!.to) - Date.parse(r.json!.from)).toBe(2 * 3_600_000);
    const checks = r.json!.checks as { check: string; subject: string | null; scope: string; status: string | null; segments: unknown[] }[];
    expect(checks.map((c) => `${c.check}:${c.subject ?? ""}:${c.scope}`)).toEqual([
      "database::instance",
      "runner::instance",
      "queue::instance",
      "platform:mastodon:workspace",
      "platform:sandbox:workspace",
    ]);
    const db = checks.find((c) => c.check === "database")!;
    expect(db.status).toBe("ok");
    expect(db.segments).toEqual([{ status: "ok", from: expect.any(String), to: expect.any(String) }]);
    // B has no platform accounts: only the instance's checks.
    const b = await call(history.GET, { token: B.tokens.viewer, path: "/api/v1/health/history" });
    expect(b.json!.checks.map((c: { check: string }) => c.check)).toEqual(["database", "runner", "queue"]);
    for (const q of ["hours=0", "hours=169", "hours=1.5", "hours=day", "since=yesterday"]) {
      expect((await call(history.GET, { token: A.tokens.admin, path: `/api/v1/health/history?${q}` })).status, q).toBe(400);
    }
    expect((await call(history.GET, {})).status).toBe(401);
  });
});
