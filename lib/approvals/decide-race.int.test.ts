import { beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { approvalRequests, contentItems, workspaces } from "@/db/schema";
import { rowsOf, type Db } from "@/db/client";
import { decideRequest, latestRequest } from "@/db/queries/approvals";
import { reviseContent } from "../content/revision";
import { AppError } from "../errors";
import { decide, submitForApproval } from "./workflow";

// A reviewer approves the version they read. An edit that lands between their read and their
// decision must turn the decision into a conflict, never an approval of text nobody read.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let ws: Awaited<ReturnType<typeof makeWorkspace>>;

beforeAll(async () => {
  ws = await makeWorkspace(db(), ["admin", "editor"]);
  await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, ws.workspace.id));
});

/** An editor's item, submitted: its pending request stands for the returned version. */
async function submitted() {
  const [row] = await db()
    .insert(contentItems)
    .values({ workspaceId: ws.workspace.id, authorId: ws.actors.editor.userId, title: "Race", content: "The text the reviewer reads" })
    .returning();
  await submitForApproval(db(), ws.actors.editor, row!.id);
  const request = (await latestRequest(db(), row!.id))!;
  expect(request).toMatchObject({ status: "pending", contentVersion: row!.version });
  return { id: row!.id, version: row!.version, requestId: request.id };
}

const edit = (id: string, text: string, apply: () => Promise<void> = async () => undefined) =>
  reviseContent(db(), ws.actors.editor, id, { change: "content.update", values: { content: text } }, apply);

async function conflictOf(p: Promise<unknown>) {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe("a decision on a version an edit replaced", () => {
  it("is refused (409) and leaves the request pending for the new version", async () => {
    const { id, version, requestId } = await submitted();
    await edit(id, "Text nobody has read");
    expect(await latestRequest(db(), id)).toMatchObject({ id: requestId, status: "pending", contentVersion: version + 1 });

    // The reviewer's write, carrying the version they judged: the request no longer stands for it.
    expect(await decideRequest(db(), requestId, { status: "approved", decidedBy: ws.actors.admin.userId, comment: null, contentVersion: version })).toBeNull();
    const err = await conflictOf(decide(db(), ws.actors.admin, id, "approve", { version }));
    expect(err.status).toBe(409);
    expect(err.code).toBe("conflict:version");
    expect(await latestRequest(db(), id)).toMatchObject({ id: requestId, status: "pending", contentVersion: version + 1, decidedBy: null });
  });

  it("while an edit is being written waits for it, then is refused (Postgres, two connections)", async () => {
    if (ref.current.driver !== "postgres") return;
    const { id, version, requestId } = await submitted();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let editing!: () => void;
    const started = new Promise<void>((r) => (editing = r));
    // The editor holds the item's lock with version + 1 written but not committed.
    const editor = edit(id, "Text nobody has read", async () => {
      editing();
      await gate;
    });
    await started;
    const reviewer = decide(db(), ws.actors.admin, id, "approve", { version }).then(
      () => null,
      (e: unknown) => e,
    );
    // The reviewer's transaction is blocked on a lock the editor holds.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [w] = rowsOf<{ n: number }>(
        await db().execute(sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`),
      );
      if (Number(w!.n) > 0) break;
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 20));
    }
    release();
    await editor;
    const err = (await reviewer) as AppError;
    expect(err).toBeInstanceOf(AppError);
    expect(err.status).toBe(409);
    expect(err.code).toBe("conflict:version");
    const [request] = await db().select().from(approvalRequests).where(eq(approvalRequests.id, requestId));
    expect(request).toMatchObject({ status: "pending", contentVersion: version + 1, decidedBy: null });
    const [item] = await db().select().from(contentItems).where(eq(contentItems.id, id));
    expect(item).toMatchObject({ version: version + 1, status: "in_review" });
  });
});
