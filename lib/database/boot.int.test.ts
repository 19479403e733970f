import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestDatabase, TEST_DRIVER, type TestDatabase } from "@/db/testing";
import { prepareDatabase } from "./index";
import { rowsOf } from "@/db/client";
import { contentItems, platformAccounts, schedules, workspaces, users } from "@/db/schema";

const count = async (db: TestDatabase["db"], table: typeof users | typeof workspaces | typeof contentItems | typeof platformAccounts) => {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
};

describe(`start-up on an empty ${TEST_DRIVER} database`, () => {
  let database: TestDatabase;
  afterAll(() => database?.dispose());

  it("applies every migration to an empty database and seeds the demo once", async () => {
    database = await createTestDatabase(); // no template: migrations run from nothing
    const tables = rowsOf<{ name: string }>(
      await database.db.execute(sql`select table_name as name from information_schema.tables where table_schema = 'public'`),
    ).map((r) => r.name);
    for (const t of [
      "workspaces",
      "users",
      "memberships",
      "api_tokens",
      "platform_accounts",
      "content_items",
      "content_variants",
      "media",
      "schedules",
      "publish_attempts",
      "content_analytics",
      "approval_requests",
      "review_comments",
      "templates",
      "template_versions",
      "hashtag_groups",
      "schedule_exceptions",
      "user_preferences",
      "notifications",
      "webhooks",
      "webhook_deliveries",
      "audit_log",
      "engagement_observations",
      "best_time_models",
      "optimization_trials",
      "idempotency_keys",
      "runner_heartbeats",
    ]) {
      expect(tables).toContain(t);
    }
    const due = rowsOf<{ def: string }>(await database.db.execute(sql`select indexdef as def from pg_indexes where indexname = 'schedules_due_idx'`));
    expect(due[0]?.def).toMatch(/WHERE \(publish_status = 'pending'/);

    const first = await prepareDatabase(database, { seedDemo: true, demoAdminEmail: "owner@example.com" });
    expect(first.seeded).toBe(true);
    expect(first.generatedPassword).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(await count(database.db, users)).toBe(1);
    expect(await count(database.db, workspaces)).toBe(1);
    expect(await count(database.db, platformAccounts)).toBe(1);
    expect(await count(database.db, contentItems)).toBe(12);
    const statuses = await database.db.select({ s: schedules.publishStatus, n: sql<number>`count(*)::int` }).from(schedules).groupBy(schedules.publishStatus);
    const by = Object.fromEntries(statuses.map((r) => [r.s, r.n]));
    expect(by.failed).toBe(1);
    expect(by.published).toBeGreaterThan(0);
    expect(by.pending).toBeGreaterThan(0);

    const second = await prepareDatabase(database, { seedDemo: true, demoAdminEmail: "owner@example.com" });
    expect(second).toEqual({ seeded: false, generatedPassword: null });
    expect(await count(database.db, contentItems)).toBe(12);
    expect(await count(database.db, users)).toBe(1);
  });

  it("does not seed when SEED_DEMO is off", async () => {
    const other = await createTestDatabase();
    try {
      const r = await prepareDatabase(other, { seedDemo: false, demoAdminEmail: "x@example.com" });
      expect(r.seeded).toBe(false);
      expect(await count(other.db, workspaces)).toBe(0);
    } finally {
      await other.dispose();
    }
  });
});
