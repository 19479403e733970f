import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { contentItems, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import { failedPostCount, unscheduledContent } from "./calendar-board";
import { dropTargetsFor, rememberDropTargets } from "@/lib/calendar/drop-targets";
import { AppError } from "@/lib/errors";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

describe("the calendar's side list", () => {
  it("lists content with nothing placed; a failed post is under Needs attention instead", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const ws = workspace.id;
    const accountId = await makeAccount(db(), ws, "sandbox");
    await db().insert(contentItems).values({ workspaceId: ws, title: "Plain draft", content: "x" });
    await makeDue(db(), ws, accountId, "sandbox", { title: "Pending", dueIn: 3600 });
    for (const [title, status] of [
      ["Failed post", "failed"],
      ["Given up", "dead_letter"],
      ["Cancelled", "cancelled"],
    ] as const) {
      const { scheduleId, contentId } = await makeDue(db(), ws, accountId, "sandbox", { title, dueIn: 3600 });
      await db().update(schedules).set({ publishStatus: status }).where(eq(schedules.id, scheduleId));
      await db()
        .update(contentItems)
        .set({ status: status === "cancelled" ? "draft" : "failed" })
        .where(eq(contentItems.id, contentId));
    }
    // Failed once, but its failed post is gone: nothing needs attention, so it can be placed again.
    const gone = await makeDue(db(), ws, accountId, "sandbox", { title: "Failed, post deleted", dueIn: 3600 });
    await db().delete(schedules).where(eq(schedules.id, gone.scheduleId));
    await db().update(contentItems).set({ status: "failed" }).where(eq(contentItems.id, gone.contentId));
    const list = await unscheduledContent(db(), ws);
    expect(list.map((d) => d.title).sort()).toEqual(["Cancelled", "Failed, post deleted", "Plain draft"]);
    expect(await failedPostCount(db(), ws)).toBe(2);
  });
});

describe("the accounts a dropped draft goes to", () => {
  it("are remembered per person and workspace, kept to usable accounts of that workspace", async () => {
    const { workspace, actors } = await makeWorkspace(db(), ["admin", "editor"]);
    const other = await makeWorkspace(db(), ["admin"]);
    const ws = workspace.id;
    const a = await makeAccount(db(), ws, "sandbox", { name: "A" });
    const b = await makeAccount(db(), ws, "sandbox", { name: "B" });
    const foreign = await makeAccount(db(), other.workspace.id, "sandbox", { name: "Elsewhere" });
    const accounts = [
      { id: a, status: "active" },
      { id: b, status: "active" },
    ];
    // No choice yet: the first usable account.
    expect(await dropTargetsFor(db(), actors.admin, accounts)).toEqual([a]);
    await rememberDropTargets(db(), actors.admin, [b]);
    expect(await dropTargetsFor(db(), actors.admin, accounts)).toEqual([b]);
    // Another person keeps their own default.
    expect(await dropTargetsFor(db(), actors.editor, accounts)).toEqual([a]);
    // An account that can no longer take posts drops out; none ticked is a choice too.
    expect(
      await dropTargetsFor(db(), actors.admin, [
        { id: a, status: "active" },
        { id: b, status: "needs_reconnect" },
      ]),
    ).toEqual([]);
    await rememberDropTargets(db(), actors.admin, []);
    expect(await dropTargetsFor(db(), actors.admin, accounts)).toEqual([]);
    // Someone else's account is refused, and changes nothing.
    await rememberDropTargets(db(), actors.admin, [a]);
    await expect(rememberDropTargets(db(), actors.admin, [foreign])).rejects.toBeInstanceOf(AppError);
    expect(await dropTargetsFor(db(), actors.admin, accounts)).toEqual([a]);
    // The person's notification settings, kept in the same row, are untouched.
    const { notificationPrefsOf } = await import("./notifications");
    const stored = (await notificationPrefsOf(db(), [actors.admin.userId])).get(actors.admin.userId)!.prefs as Record<string, unknown>;
    expect(Object.keys(stored)).toEqual(["calendar_drop_accounts"]);
  });
});
