import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { getStoredRetention, setStoredRetention } from "@/db/queries/retention";
import { workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import { DEFAULT_RETENTION, readRetention } from "./settings";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
const MIGRATION = path.join(process.cwd(), "db/migrations/0010_keep_history_on_upgrade.sql");

describe("upgrading to retention settings", () => {
  it("workspaces that existed keep the history that was kept forever, forever; workspaces that chose, and new ones, are left alone", async () => {
    const before = await makeWorkspace(db());
    const chose = await makeWorkspace(db());
    // What the workspaces looked like before retention existed: no retention key at all.
    for (const w of [before, chose]) {
      await db()
        .update(workspaces)
        .set({ settings: sql`${workspaces.settings} - 'retention'` })
        .where(eq(workspaces.id, w.workspace.id));
    }
    await setStoredRetention(db(), chose.workspace.id, { audit_log: 30 });
    const settingsBefore = (await db().select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, before.workspace.id)))[0]!.s;

    await db().execute(sql.raw(fs.readFileSync(MIGRATION, "utf8")));
    const later = await makeWorkspace(db());

    expect(readRetention(await getStoredRetention(db(), before.workspace.id))).toEqual({
      ...DEFAULT_RETENTION,
      publish_attempts: null,
      analytics: null,
      notifications: null,
      audit_log: null,
    });
    // The rest of the workspace's settings are untouched.
    const settingsAfter = (await db().select({ s: workspaces.settings }).from(workspaces).where(eq(workspaces.id, before.workspace.id)))[0]!.s as Record<
      string,
      unknown
    >;
    expect({ ...settingsAfter, retention: undefined }).toEqual({ ...(settingsBefore as Record<string, unknown>), retention: undefined });
    expect(readRetention(await getStoredRetention(db(), chose.workspace.id))).toEqual({ ...DEFAULT_RETENTION, audit_log: 30 });
    expect(readRetention(await getStoredRetention(db(), later.workspace.id))).toEqual(DEFAULT_RETENTION);
  });
});
