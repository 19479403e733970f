import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, testDispatcher } from "@/scripts/test/publishing";
import { approvalRequests, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import { approvalQueue } from "./queue";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

describe("approval queue", () => {
  it("lists what the engine held and what it will hold, and drops a version once approved", async () => {
    const ws = await makeWorkspace(db(), ["admin", "editor", "viewer"]);
    const wsId = ws.workspace.id;
    const accountId = await makeAccount(db(), wsId, "sandbox", { name: "Sandbox A" });
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, wsId));
    const dueByEditor = await makeDue(db(), wsId, accountId, "sandbox", { title: "Editor due", authorId: ws.actors.editor.userId });
    const laterByEditor = await makeDue(db(), wsId, accountId, "sandbox", { title: "Editor later", authorId: ws.actors.editor.userId, dueIn: 3600 });
    await makeDue(db(), wsId, accountId, "sandbox", { title: "Admin later", authorId: ws.actors.admin.userId, dueIn: 3600 });

    await testDispatcher(db()).drain();
    const q = await approvalQueue(db(), ws.actors.viewer);
    expect(q.policy).toBe("required_for_editors");
    expect(q.held.map((i) => i.title)).toEqual(["Editor due"]);
    expect(q.held[0]!.schedules).toEqual([
      expect.objectContaining({ held: true, accountName: "Sandbox A", reason: expect.stringMatching(/requires approval/) }),
    ]);
    expect(q.held[0]!.contentId).toBe(dueByEditor.contentId);
    // The admin's post is not gated under this policy; the editor's later one will be.
    expect(q.upcoming.map((i) => i.title)).toEqual(["Editor later"]);

    await db()
      .insert(approvalRequests)
      .values({ workspaceId: wsId, contentItemId: laterByEditor.contentId, snapshot: {}, contentVersion: 1, status: "approved" });
    expect((await approvalQueue(db(), ws.actors.viewer)).upcoming).toEqual([]);

    // With the policy off nothing new is gated, but what is already held stays listed.
    await db().update(workspaces).set({ approvalPolicy: "off" }).where(eq(workspaces.id, wsId));
    await db().execute(sql`UPDATE content_items SET version = 2 WHERE id = ${laterByEditor.contentId}`);
    const off = await approvalQueue(db(), ws.actors.viewer);
    expect(off.upcoming).toEqual([]);
    expect(off.held.map((i) => i.title)).toEqual(["Editor due"]);
  });

  it("shows another workspace nothing", async () => {
    const other = await makeWorkspace(db(), ["viewer"]);
    expect(await approvalQueue(db(), other.actors.viewer)).toEqual({ policy: "off", held: [], upcoming: [] });
  });
});
