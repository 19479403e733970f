import { beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { healthSamples, platformAccounts, publishAttempts, runnerHeartbeats, schedules } from "@/db/schema";
import { insertSamples } from "@/db/queries/health-history";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { minuteOf, recordHealth } from "./record";
import { healthHistory, toSlots } from "./read";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const MIN = 60_000;
// A whole minute a little in the past, so every sample of a test is at a minute of its own.
const T0 = minuteOf(new Date(Date.now() - 60 * MIN));
const at = (m: number) => new Date(T0.getTime() + m * MIN + 5_000);

beforeAll(async () => {
  await db().delete(runnerHeartbeats);
});

const samplesAt = (when: Date) =>
  db()
    .select({
      check: healthSamples.check,
      subject: healthSamples.subject,
      status: healthSamples.status,
      value: healthSamples.value,
      details: healthSamples.details,
      workspaceId: healthSamples.workspaceId,
    })
    .from(healthSamples)
    .where(eq(healthSamples.at, minuteOf(when)))
    .orderBy(healthSamples.check, healthSamples.subject);

describe("health history", () => {
  it("records every check once a minute (a second runner adds nothing), each platform per workspace", async () => {
    const a = await makeWorkspace(db(), ["admin"]);
    const b = await makeWorkspace(db(), ["admin"]);
    const good = await makeAccount(db(), a.workspace.id, "sandbox");
    const bad = await makeAccount(db(), a.workspace.id, "mastodon");
    await makeAccount(db(), b.workspace.id, "bluesky");
    await db().update(platformAccounts).set({ status: "needs_reconnect" }).where(eq(platformAccounts.id, bad));
    const ok = await makeDue(db(), a.workspace.id, good, "sandbox", { dueIn: 86_400 });
    const failing = await makeDue(db(), a.workspace.id, bad, "mastodon", { dueIn: 86_400 });
    const attempt = (scheduleId: string, outcome: "success" | "auth", when: Date) =>
      db().insert(publishAttempts).values({ scheduleId, attemptNumber: 1, startedAt: when, finishedAt: when, outcome });
    await attempt(ok.scheduleId, "success", at(-43));
    await attempt(failing.scheduleId, "auth", at(-42));
    await db()
      .insert(runnerHeartbeats)
      .values({ runnerId: "r1", driver: "local", host: "h", pid: 1, startedAt: at(-41), lastBeatAt: at(-40) });

    // Forty minutes before the next test's hour.
    const written = await recordHealth(db(), at(-40), 7);
    expect(await recordHealth(db(), new Date(at(-40).getTime() + 20_000), 7)).toBe(0);
    const rows = await samplesAt(at(-40));
    expect(rows).toHaveLength(written);
    const byKey = Object.fromEntries(rows.map((r) => [`${r.check}:${r.subject}`, r]));
    expect(byKey["database:"]).toMatchObject({ status: "ok", workspaceId: null });
    expect(byKey["runner:"]).toMatchObject({ status: "ok", value: 1, details: { live: 1 } });
    expect(byKey["queue:"]).toMatchObject({ status: "ok", value: 0, details: { due: 0, publishing: 0 } });
    expect(byKey["platform:sandbox"]).toMatchObject({
      workspaceId: a.workspace.id,
      status: "ok",
      details: { recent_successes: 1, recent_failures: 0, last_success_at: at(-43).toISOString(), last_failure_at: null },
    });
    expect(byKey["platform:mastodon"]).toMatchObject({ workspaceId: a.workspace.id, status: "fail", value: 1, details: { accounts_in_trouble: 1 } });
    expect(byKey["platform:bluesky"]).toMatchObject({ workspaceId: b.workspace.id, status: "ok" });
    await db().delete(runnerHeartbeats);
  });

  it("reads runs and transitions: a late post turns the queue to warn and back, a pause in recording shows as no record", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    // Due at minute 12:30: 95 s late when recorded at 14:05, 155 s (over two minutes) at 15:05.
    const late = await makeDue(db(), ws.workspace.id, account, "sandbox", { dueIn: 86_400 });
    await db()
      .update(schedules)
      .set({ scheduledTime: new Date(T0.getTime() + 10 * MIN + 150_000) })
      .where(eq(schedules.id, late.scheduleId));
    for (let m = 10; m <= 16; m++) await recordHealth(db(), at(m), 7);
    await db().update(schedules).set({ publishStatus: "published" }).where(eq(schedules.id, late.scheduleId));
    await recordHealth(db(), at(17), 7);
    // Nothing records from 18 to 22; back at 23.
    await recordHealth(db(), at(23), 7);
    await recordHealth(db(), at(24), 7);

    const h = await healthHistory(db(), { ...ws.actors.admin, tokenId: null }, 1, at(25));
    const queue = h.checks.find((c) => c.check === "queue")!;
    const mins = (d: Date) => Math.round((d.getTime() - T0.getTime()) / MIN);
    expect(queue.segments.map((s) => `${s.status} ${mins(s.from)}-${mins(s.to)}`)).toEqual(["ok 10-15", "warn 15-17", "ok 17-18", "ok 23-25"]);
    expect(queue.status).toBe("ok");
    const changes = h.transitions.filter((t) => t.check === "queue").map((t) => `${mins(t.at)} ${t.from ?? "none"}→${t.to ?? "none"}`);
    expect(changes).toEqual(["23 none→ok", "18 ok→none", "17 warn→ok", "15 ok→warn"]);
    expect(h.transitions.find((t) => t.check === "queue" && t.to === "warn")).toMatchObject({ value: 155, details: { due: 1, oldest_due_seconds: 155 } });
    // The runner check failed all along (no heartbeat): one run, no change within it.
    expect(h.checks.find((c) => c.check === "runner")!.segments.map((s) => s.status)).toEqual(["fail", "fail"]);

    // The strip: four slots of 15 minutes over the hour before 25:05, each the worst it saw.
    const slots = toSlots(queue.segments, new Date(at(25).getTime() - 3_600_000), at(25), 4);
    expect(slots).toEqual([null, null, "ok", "warn"]);
    // Recording stopped: the latest status is unknown, and the change to "no record" is listed.
    const later = await healthHistory(db(), { ...ws.actors.admin, tokenId: null }, 1, at(30));
    expect(later.checks.find((c) => c.check === "queue")!.status).toBeNull();
    expect(later.transitions.filter((t) => t.check === "queue")[0]).toMatchObject({ from: "ok", to: null });
  });

  it("prunes exactly what is older than the retention", async () => {
    const now = new Date();
    const old = (days: number, minutes = 0) => new Date(now.getTime() - days * 86_400_000 - minutes * MIN);
    await insertSamples(db(), [
      { at: minuteOf(old(7, 2)), workspaceId: null, check: "database", subject: "", status: "ok", value: 1, details: {} },
      { at: minuteOf(old(7, -2)), workspaceId: null, check: "database", subject: "", status: "ok", value: 2, details: {} },
      { at: minuteOf(old(3)), workspaceId: null, check: "database", subject: "", status: "warn", value: 3, details: {} },
    ]);
    await recordHealth(db(), now, 7);
    const left = await db()
      .select({ value: healthSamples.value })
      .from(healthSamples)
      .where(and(isNull(healthSamples.workspaceId), eq(healthSamples.check, "database"), lt(healthSamples.at, old(1))))
      .orderBy(healthSamples.at);
    expect(left.map((r) => r.value)).toEqual([2, 3]);
    await recordHealth(db(), now, 2);
    expect(
      await db()
        .select()
        .from(healthSamples)
        .where(lt(healthSamples.at, old(2))),
    ).toEqual([]);
  });
});
