import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow } from "@/scripts/test/publishing";
import { runnerHeartbeats } from "@/db/schema";
import type { Db } from "@/db/client";
import { LocalRunner, liveRunners, pruneHeartbeats } from "./local";
import { appWork } from "./ticks";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

describe("the embedded runner", () => {
  it("beats, publishes what is due through the engine, and leaves no heartbeat after a clean stop", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const accountId = await makeAccount(db(), workspace.id, "sandbox");
    const due = await makeDue(db(), workspace.id, accountId, "sandbox");
    const runner = new LocalRunner(db(), { work: appWork(), intervalMs: 50 });
    await runner.start(); // registers the heartbeat; the first tick runs in the background
    expect((await liveRunners(db())).map((r) => r.runnerId)).toContain(runner.runnerId);
    await runner.stop(); // waits for the running tick and what is in flight
    expect((await scheduleRow(db(), due.scheduleId)).publishStatus).toBe("published");
    expect(runner.status()).toMatchObject({ driver: "local", state: "stopped" });
    expect(await db().select().from(runnerHeartbeats).where(eq(runnerHeartbeats.runnerId, runner.runnerId))).toHaveLength(0);
  });

  it("forgets runners silent for a day (killed without a clean stop)", async () => {
    await db()
      .insert(runnerHeartbeats)
      .values([
        { runnerId: "killed-long-ago", driver: "local", host: "h", pid: 1, lastBeatAt: sql`now() - interval '2 days'` as unknown as Date },
        { runnerId: "killed-just-now", driver: "local", host: "h", pid: 2, lastBeatAt: sql`now() - interval '1 minute'` as unknown as Date },
      ]);
    expect(await pruneHeartbeats(db())).toBe(1);
    const left = (await db().select({ id: runnerHeartbeats.runnerId }).from(runnerHeartbeats)).map((r) => r.id);
    expect(left).toContain("killed-just-now");
    expect(left).not.toContain("killed-long-ago");
  });
});
