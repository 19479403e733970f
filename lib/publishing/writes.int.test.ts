import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow } from "@/scripts/test/publishing";
import { claimDue } from "@/db/queries/publishing";
import { contentItems, platformAccounts, publishAttempts, publishingEvents, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { batchedWrites, coalesce } from "./writes";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

describe("engine writes merged across posts", () => {
  it("settles many successes in one statement with each row's guarantees: only under its lease, items follow, one event each", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const account = await makeAccount(db(), workspace.id, "webhook");
    const a = await makeDue(db(), workspace.id, account, "webhook");
    const b = await makeDue(db(), workspace.id, account, "webhook");
    const lost = await makeDue(db(), workspace.id, account, "webhook");
    // A second schedule of a's item, still to go: a's item must stay scheduled.
    await db()
      .insert(schedules)
      .values({
        workspaceId: workspace.id,
        contentItemId: a.contentId,
        platformAccountId: account,
        platformId: "webhook",
        scheduledTime: new Date(Date.now() + 3600_000),
        originalTime: new Date(Date.now() + 3600_000),
        localTime: "x",
        timezone: "UTC",
      });
    const claimed = await claimDue(db(), { runnerId: "me", limit: 10, leaseSeconds: 60 });
    expect(claimed.map((c) => c.id).sort()).toEqual([a.scheduleId, b.scheduleId, lost.scheduleId].sort());
    // Another runner took `lost` over meanwhile.
    await db().update(schedules).set({ leaseOwner: "other" }).where(eq(schedules.id, lost.scheduleId));

    const writes = batchedWrites(db());
    const ids = [a, b, lost].map((x) => x.scheduleId);
    const attempts = await Promise.all(
      ids.map((id, i) =>
        writes.startAttempt({ scheduleId: id, attemptNumber: 1, runnerId: "me", idempotencyKey: `${id}:v1`, workspaceId: workspace.id, event: { n: i } }),
      ),
    );
    expect(new Set(attempts).size).toBe(3);
    const settled = await Promise.all(
      ids.map((id, i) =>
        writes.settleSuccess({
          runnerId: "me",
          scheduleId: id,
          attemptId: attempts[i]!,
          outcome: "success",
          platformPostId: `p${i}`,
          url: null,
          durationMs: 5,
          httpStatus: 200,
          responseExcerpt: null,
          event: { n: i },
        }),
      ),
    );
    expect(settled).toEqual([true, true, false]);
    expect((await scheduleRow(db(), a.scheduleId)).publishStatus).toBe("published");
    expect((await scheduleRow(db(), b.scheduleId)).platformPostId).toBe("p1");
    expect((await scheduleRow(db(), lost.scheduleId)).publishStatus).toBe("publishing");
    const items = await db().select({ id: contentItems.id, status: contentItems.status }).from(contentItems);
    const status = new Map(items.map((i) => [i.id, i.status]));
    expect(status.get(a.contentId)).toBe("scheduled");
    expect(status.get(b.contentId)).toBe("published");
    expect(status.get(lost.contentId)).toBe("scheduled");
    const outcomes = await db().select({ s: publishAttempts.scheduleId, o: publishAttempts.outcome }).from(publishAttempts);
    expect(outcomes.filter((o) => o.o === "success")).toHaveLength(3); // the attempt is closed even when the lease was lost, as before
    const events = await db().select({ type: publishingEvents.type }).from(publishingEvents);
    expect(events.filter((e) => e.type === "publishing_started")).toHaveLength(3);
    expect(events.filter((e) => e.type === "publishing_completed")).toHaveLength(2);
  });

  it("takes an account's tokens for the posts asking together, and tells the ones left out to wait in turn", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const one = await makeAccount(db(), workspace.id, "webhook");
    const two = await makeAccount(db(), workspace.id, "webhook");
    const writes = batchedWrites(db());
    const limits = { primary: { capacity: 3, refillPerSecond: 1 }, secondary: null };
    const asks = [one, one, one, one, one, two, crypto.randomUUID()];
    const got = await Promise.all(asks.map((acc) => writes.takeToken(acc, limits)));
    expect(got.slice(0, 3)).toEqual([{ ok: true }, { ok: true }, { ok: true }]);
    const [w4, w5] = got.slice(3, 5) as { ok: false; waitMs: number }[];
    expect(w4!.ok).toBe(false);
    expect(w5!.ok).toBe(false);
    expect(w4!.waitMs).toBeGreaterThan(900);
    expect(w5!.waitMs).toBeGreaterThan(w4!.waitMs + 900);
    expect(got[5]).toEqual({ ok: true });
    expect(got[6]).toEqual({ ok: true }); // an account that is gone: the publish step reports it
    const [row] = await db().select({ t: platformAccounts.bucketTokens }).from(platformAccounts).where(eq(platformAccounts.id, one));
    expect(row!.t).toBeLessThan(0.1);
  });

  it("a merged flush that fails is retried row by row, so one bad row fails alone", async () => {
    const seen: number[][] = [];
    const run = coalesce(async (xs: number[]) => {
      seen.push(xs);
      if (xs.includes(2)) throw new Error("bad row");
      return xs.map((x) => x * 10);
    });
    const results = await Promise.allSettled([1, 2, 3].map((x) => run(x)));
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : "failed"))).toEqual([10, "failed", 30]);
    expect(seen[0]).toEqual([1, 2, 3]);
  });
});
