import { afterAll, beforeAll, describe, expect, it } from "vitest";
import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, testDispatcher } from "@/scripts/test/publishing";
import { createWebhookFake } from "@/adapters/fakes/webhook";
import { contentItems, schedules } from "@/db/schema";
import { rowsOf, type Db } from "@/db/client";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const hook = createWebhookFake({ secret: "s" });
beforeAll(() => hook.start());
afterAll(() => hook.close());

const N = 1000;

describe("two runners on one database", () => {
  it(`publish ${N} due posts with exactly ${N} platform calls and no duplicates`, async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const accounts: string[] = [];
    for (let i = 0; i < 4; i++)
      accounts.push(await makeAccount(db(), workspace.id, "webhook", { config: { api_base_url: hook.hookUrl() }, credentials: { secret: "s" } }));
    const items = Array.from({ length: N }, (_, i) => ({
      id: crypto.randomUUID(),
      workspaceId: workspace.id,
      title: `Race ${i}`,
      content: `race post ${i}`,
      status: "scheduled" as const,
    }));
    await db().insert(contentItems).values(items);
    const due = new Date(Date.now() - 1000);
    await db()
      .insert(schedules)
      .values(
        items.map((item, i) => {
          const id = crypto.randomUUID();
          return {
            id,
            workspaceId: workspace.id,
            contentItemId: item.id,
            platformAccountId: accounts[i % 4]!,
            platformId: "webhook",
            scheduledTime: due,
            originalTime: due,
            localTime: "2026-01-01T00:00",
            idempotencyKey: `${id}:v1`,
          };
        }),
      );
    const before = hook.requests.length;
    const one = testDispatcher(db(), { runnerId: "runner-one", dispatch: { concurrency: 8, perAccount: 4 } });
    const two = testDispatcher(db(), { runnerId: "runner-two", dispatch: { concurrency: 8, perAccount: 4 } });
    await Promise.all([one.drain(500), two.drain(500)]);

    const calls = hook.requests.slice(before).filter((r) => r.method === "POST" && r.path === "/hook");
    const keys = calls.map((r) => String(r.headers["idempotency-key"]));
    expect(calls).toHaveLength(N);
    expect(new Set(keys).size).toBe(N);
    const [counts] = rowsOf<{ published: number; other: number; attempts: number; both: number }>(
      await db().execute(sql`SELECT
        count(*) FILTER (WHERE publish_status = 'published')::int AS published,
        count(*) FILTER (WHERE publish_status <> 'published')::int AS other,
        (SELECT count(*)::int FROM publish_attempts a JOIN schedules s2 ON s2.id = a.schedule_id WHERE s2.workspace_id = ${workspace.id}) AS attempts,
        (SELECT count(DISTINCT runner_id)::int FROM publish_attempts a JOIN schedules s3 ON s3.id = a.schedule_id WHERE s3.workspace_id = ${workspace.id}) AS both
        FROM schedules WHERE workspace_id = ${workspace.id}`),
    );
    expect(counts).toEqual({ published: N, other: 0, attempts: N, both: expect.any(Number) });
    expect(one.results.length + two.results.length).toBe(N);
    // On Postgres both runners really worked in parallel; PGlite serialises them but must stay exact.
    if (ref.current.driver === "postgres") {
      expect(counts!.both).toBe(2);
      expect(Math.min(one.results.length, two.results.length)).toBeGreaterThan(0);
    }
    // A thousand publishes on one embedded database take 10–25 s alone; beside other test files
    // and the peer servers' install on two cores, more. The assertions are about exactness, not pace.
  }, 120_000);
});
