import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { ago, audit, counter, delivery, event, measurement, notification, present, scheduleWithAttempts, setRetention } from "@/scripts/test/retention";
import type { Db } from "@/db/client";
import { loadJob } from "@/db/queries/publishing-job";
import { periodicJob, type JobEnv } from "@/jobs/catalogue";
import { renderMetrics } from "@/lib/monitoring/prometheus";
import { countWouldRemove, pruneRetention } from "./prune";
import { DEFAULT_RETENTION, RETENTION_KINDS, readRetention, type RetentionKind, type RetentionSettings } from "./settings";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
/** A fixed clock, in the past: rows the fixtures write at the real time are newer than anything pruned here. */
const NOW = new Date("2025-03-01T12:00:00Z");
const MINUTE = 60_000;

type Ws = Awaited<ReturnType<typeof makeWorkspace>>;
let A: Ws;
let B: Ws;

/** One row of `kind` in the workspace at `at`. */
async function row(kind: RetentionKind, w: Ws, at: Date): Promise<string> {
  const id = w.workspace.id;
  switch (kind) {
    case "publish_attempts":
      return (await scheduleWithAttempts(db(), id, "published", [{ at }])).attemptIds[0]!;
    case "analytics":
      return measurement(db(), id, at);
    case "events":
      return String(await event(db(), id, at));
    case "notifications":
      return notification(db(), id, w.actors.admin.userId, at);
    case "audit_log":
      return audit(db(), id, at);
    case "webhook_deliveries":
      return delivery(db(), id, at);
  }
}

const SETTINGS_A: RetentionSettings = { publish_attempts: 30, analytics: 60, events: 7, notifications: 10, audit_log: 40, webhook_deliveries: 5 };

beforeAll(async () => {
  A = await makeWorkspace(db(), ["admin"]);
  B = await makeWorkspace(db(), ["admin"]);
  await setRetention(db(), A.workspace.id, SETTINGS_A);
});

describe("retention pruning", () => {
  it("removes exactly what is older than each workspace's setting, kind by kind; the preview counted the same", async () => {
    const expected: Record<string, { stay: string[]; go: string[] }> = {};
    for (const kind of RETENTION_KINDS) {
      const a = SETTINGS_A[kind]!;
      const b = DEFAULT_RETENTION[kind]!;
      const stay = [
        await row(kind, A, ago(NOW, a, MINUTE)), // just inside A's setting
        await row(kind, B, ago(NOW, b, MINUTE)), // just inside B's (the default)
        // The other workspace's cutoff, inside this one's longer setting.
        a < b ? await row(kind, B, ago(NOW, a, -MINUTE)) : await row(kind, A, ago(NOW, b, -MINUTE)),
      ];
      const go = [await row(kind, A, ago(NOW, a, -MINUTE)), await row(kind, B, ago(NOW, b, -MINUTE))];
      expected[kind] = { stay, go };
    }
    const previewA = await countWouldRemove(db(), A.workspace.id, readRetention(SETTINGS_A), NOW);
    const previewB = await countWouldRemove(db(), B.workspace.id, DEFAULT_RETENTION, NOW);
    for (const kind of RETENTION_KINDS) expect([kind, previewA[kind], previewB[kind]]).toEqual([kind, 1, 1]);
    const before = Object.fromEntries(await Promise.all(RETENTION_KINDS.map(async (k) => [k, await counter(db(), "retention_pruned_rows_total", k)])));

    // Through the job catalogue, as both runners run it.
    const done = await periodicJob("prune")
      .start({ db: db() } as JobEnv)
      .pass(NOW);
    expect(done).toBeGreaterThanOrEqual(12);

    for (const kind of RETENTION_KINDS) {
      const { stay, go } = expected[kind]!;
      expect([kind, await present(db(), kind, [...stay, ...go])]).toEqual([kind, [...stay].sort()]);
      expect([kind, (await counter(db(), "retention_pruned_rows_total", kind)) - before[kind]]).toEqual([kind, 2]);
    }
    // A second pass finds nothing more.
    expect(Object.values(await pruneRetention(db(), NOW))).toEqual(RETENTION_KINDS.map(() => 0));
  });

  it("keeps what the engine still needs: attempts of unfinished schedules and the last attempt of a retryable one", async () => {
    const old = (d: number) => ago(NOW, 100 + d);
    const pending = await scheduleWithAttempts(db(), A.workspace.id, "pending", [{ at: old(2), outcome: "retryable" }]);
    const publishing = await scheduleWithAttempts(db(), A.workspace.id, "publishing", [{ at: old(1), outcome: "in_progress" }]);
    const dead = await scheduleWithAttempts(db(), A.workspace.id, "dead_letter", [
      { at: old(3), outcome: "retryable" },
      { at: old(2), outcome: "unknown_outcome" },
    ]);
    const failed = await scheduleWithAttempts(db(), A.workspace.id, "failed", [{ at: old(1), outcome: "permanent" }]);
    const published = await scheduleWithAttempts(db(), A.workspace.id, "published", [
      { at: old(2), outcome: "retryable" },
      { at: old(1), outcome: "success" },
    ]);
    const cancelled = await scheduleWithAttempts(db(), A.workspace.id, "cancelled", [{ at: old(1), outcome: "retryable" }]);
    const all = [pending, publishing, dead, failed, published, cancelled].flatMap((s) => s.attemptIds);

    expect((await countWouldRemove(db(), A.workspace.id, SETTINGS_A, NOW)).publish_attempts).toBe(4);
    expect((await pruneRetention(db(), NOW)).publish_attempts).toBe(4);
    const kept = [...pending.attemptIds, ...publishing.attemptIds, dead.attemptIds[1]!, ...failed.attemptIds].sort();
    expect(await present(db(), "publish_attempts", all)).toEqual(kept);
    // A retry by hand goes on from the last attempt: number 3, after an unknown outcome (so it looks first).
    expect((await loadJob(db(), dead.scheduleId))!.history).toEqual({ count: 2, last: "unknown_outcome" });
  });

  it("keeps events until notifications and webhooks both handled them (30 days at most)", async () => {
    const at = ago(NOW, 8);
    const handled = await event(db(), A.workspace.id, at);
    const halfway = await event(db(), A.workspace.id, at, ["notifications"]);
    const unhandled = await event(db(), A.workspace.id, at, []);
    const abandoned = await event(db(), A.workspace.id, ago(NOW, 30, -MINUTE), ["webhooks"]);
    expect((await pruneRetention(db(), NOW)).events).toBe(2);
    expect(await present(db(), "events", [handled, halfway, unhandled, abandoned].map(String))).toEqual([String(halfway), String(unhandled)].sort());
  });

  it("keeps webhook deliveries still to be sent or retried", async () => {
    const at = ago(NOW, 6);
    const ids = Object.fromEntries(
      await Promise.all(
        ["pending", "delivering", "retrying", "delivered", "failed", "cancelled"].map(async (s) => [s, await delivery(db(), A.workspace.id, at, s)]),
      ),
    );
    expect((await pruneRetention(db(), NOW)).webhook_deliveries).toBe(3);
    expect(await present(db(), "webhook_deliveries", Object.values(ids))).toEqual([ids.pending, ids.delivering, ids.retrying].sort());
  });

  it("keeps everything of a workspace that keeps it forever; rows of no workspace follow the defaults", async () => {
    const C = await makeWorkspace(db(), ["admin"]);
    await setRetention(db(), C.workspace.id, {
      publish_attempts: null,
      analytics: null,
      events: 30,
      notifications: null,
      audit_log: null,
      webhook_deliveries: null,
    });
    const ancient = ago(NOW, 5000);
    const ids = {
      publish_attempts: [await row("publish_attempts", C, ancient)],
      analytics: [await row("analytics", C, ancient)],
      notifications: [await row("notifications", C, ancient)],
      audit_log: [await row("audit_log", C, ancient)],
      webhook_deliveries: [await row("webhook_deliveries", C, ancient)],
    };
    const orphanOld = await audit(db(), null, ago(NOW, 365, -MINUTE));
    const orphanNew = await audit(db(), null, ago(NOW, 365, MINUTE));
    await pruneRetention(db(), NOW);
    for (const [kind, list] of Object.entries(ids)) expect(await present(db(), kind as RetentionKind, list)).toEqual(list);
    expect(await present(db(), "audit_log", [orphanOld, orphanNew])).toEqual([orphanNew]);
  });

  it("works in batches: a pass stops after its batches, the next one goes on", async () => {
    const E = await makeWorkspace(db(), ["admin"]);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await audit(db(), E.workspace.id, ago(NOW, 400 + i)));
    expect((await pruneRetention(db(), NOW, { batch: 2, maxBatches: 1 })).audit_log).toBe(2);
    expect(await present(db(), "audit_log", ids)).toHaveLength(3);
    expect((await pruneRetention(db(), NOW, { batch: 2 })).audit_log).toBe(3);
    expect(await present(db(), "audit_log", ids)).toEqual([]);
  });

  it("a stored value that is not valid falls back to the default for that kind only", async () => {
    expect(readRetention({ analytics: "forever", events: null, audit_log: 45, notifications: 3 })).toEqual({
      ...DEFAULT_RETENTION,
      audit_log: 45,
    });
    expect(readRetention("nonsense")).toEqual(DEFAULT_RETENTION);
  });

  it("the attempt counters of /api/metrics do not go down when attempts are pruned", async () => {
    const F = await makeWorkspace(db(), ["admin"]);
    for (const [outcome, ms] of [
      ["success", 40],
      ["retryable", 700],
      ["success", 12_000],
    ] as const)
      await scheduleWithAttempts(db(), F.workspace.id, "published", [{ at: ago(NOW, 400), outcome, durationMs: ms }]);
    const attemptLines = (text: string) =>
      text.split("\n").filter((l) => /^content_(published_total|publishing_errors_total|publishing_duration_seconds)/.test(l));
    const before = attemptLines(await renderMetrics(db()));
    expect(before.join("\n")).toMatch(/content_publishing_duration_seconds_count\{platform="sandbox"\} \d+/);
    expect((await pruneRetention(db(), NOW)).publish_attempts).toBe(3);
    const after = await renderMetrics(db());
    expect(attemptLines(after)).toEqual(before);
    expect(after).toMatch(/^retention_pruned_rows_total\{kind="publish_attempts"\} [1-9]\d*$/m);
  });
});
