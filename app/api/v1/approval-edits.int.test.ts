import { beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call, send } from "@/scripts/test/http";
import { makeAccount, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { auditLog, contentVersions, schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { actionRuntime } from "@/app/_server/action";
import { saveComposerAction } from "@/app/_actions/composer";
import { setMediaAltTextAction } from "@/app/_actions/media";
import * as contentList from "./content/route";
import * as contentOne from "./content/[id]/route";
import * as variant from "./content/[id]/variants/[platform]/route";
import * as submit from "./content/[id]/submit/route";
import * as approve from "./content/[id]/approve/route";
import * as comments from "./content/[id]/comments/route";
import * as approvals from "./approvals/route";
import * as workspace from "./workspace/route";
import * as schedulesRoute from "./schedules/route";
import * as upload from "./media/route";
import * as mediaOne from "./media/[id]/route";

// Everything that changes what will be published (variants, media, alt text) is an edit: it makes
// a new content version and runs the same post-edit approval rule as the body.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let accountId: string;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  accountId = await makeAccount(db(), A.workspace.id, "sandbox");
  const r = await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { approval_policy: "required_for_editors" } });
  expect(r.status).toBe(200);
});

const post = (h: { POST: never }, token: string, id: string, body: unknown = {}) => call(h.POST as never, { method: "POST", token, params: { id }, body });
const version = async (id: string) => (await call(contentOne.GET, { token: A.tokens.viewer, params: { id } })).json!.version as number;
async function stateOf(id: string) {
  const q = await call(approvals.GET, { token: A.tokens.admin, path: "/api/v1/approvals?status=all" });
  return q.json!.items.find((i: { content_item_id: string }) => i.content_item_id === id) as { state: string; content_version: number };
}
const audits = (id: string) => db().select().from(auditLog).where(eq(auditLog.entityId, id)).orderBy(asc(auditLog.createdAt));

/** An editor's post with a sandbox variant and a schedule, submitted and approved by an admin. */
async function approvedPost(extra: Record<string, unknown> = {}) {
  const made = await call(contentList.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { title: "Launch", content: "Base text for every platform", ...extra },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const id = made.json!.id as string;
  const v = await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id, platform: "sandbox" }, body: { text: "Teh sandbox text" } });
  expect(v.status, JSON.stringify(v.json)).toBe(200);
  const s = await call(schedulesRoute.POST, {
    method: "POST",
    token: A.tokens.editor,
    body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
  });
  expect(s.status, JSON.stringify(s.json)).toBe(201);
  expect((await post(submit as never, A.tokens.editor, id)).status).toBe(200);
  expect((await post(approve as never, A.tokens.admin, id)).status).toBe(200);
  expect((await stateOf(id)).state).toBe("approved");
  return { id, scheduleId: s.json!.schedules[0].id as string, approvedVersion: await version(id) };
}
async function publishDue(scheduleId: string) {
  const past = new Date(Date.now() - 5000);
  await db().update(schedules).set({ scheduledTime: past, originalTime: past }).where(eq(schedules.id, scheduleId));
  await testDispatcher(db()).drain();
  return scheduleRow(db(), scheduleId);
}
async function expectBackInReview(id: string, scheduleId: string, approvedVersion: number) {
  const now = await version(id);
  expect(now).toBeGreaterThan(approvedVersion);
  expect(await stateOf(id)).toMatchObject({ state: "in_review", content_version: now });
  expect(await publishDue(scheduleId)).toMatchObject({ publishStatus: "paused", errorCode: "awaiting_approval" });
}
function png() {
  const b = Buffer.alloc(33 + 500);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(800, 16);
  b.writeUInt32BE(800, 20);
  return b;
}
async function uploadImage(alt: string) {
  const req = new NextRequest(`http://localhost:3000/api/v1/media?filename=p.png&alt_text=${encodeURIComponent(alt)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "image/png" },
    body: new Blob([new Uint8Array(png())]),
  });
  const res = await send(upload.POST, req, { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

describe("variant edits after approval", () => {
  it("PUT of a variant sends the content back to review and the engine holds it", async () => {
    const { id, scheduleId, approvedVersion } = await approvedPost();
    const r = await call(variant.PUT, {
      method: "PUT",
      token: A.tokens.editor,
      params: { id, platform: "sandbox" },
      body: { text: "A completely different sandbox text" },
    });
    expect(r.status).toBe(200);
    await expectBackInReview(id, scheduleId, approvedVersion);
    expect((await audits(id)).filter((a) => a.action === "content.submit").at(-1)!.after).toMatchObject({ automatic: true, reason: "edited after approval" });
  });

  it("DELETE of a variant sends the content back to review", async () => {
    const { id, scheduleId, approvedVersion } = await approvedPost();
    expect((await call(variant.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id, platform: "sandbox" } })).status).toBe(204);
    await expectBackInReview(id, scheduleId, approvedVersion);
  });

  it("a PUT that changes nothing is not an edit: no new version, the approval stands", async () => {
    const { id, approvedVersion } = await approvedPost();
    expect(
      (await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id, platform: "sandbox" }, body: { text: "Teh sandbox text" } })).status,
    ).toBe(200);
    expect(await version(id)).toBe(approvedVersion);
    expect((await stateOf(id)).state).toBe("approved");
    // Refused changes leave no version behind either.
    expect((await call(variant.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id, platform: "x" } })).status).toBe(404);
    expect(
      (
        await call(variant.PUT, {
          method: "PUT",
          token: A.tokens.editor,
          params: { id, platform: "sandbox" },
          body: { text: "New", media_ids: [crypto.randomUUID()] },
        })
      ).status,
    ).toBe(400);
    expect((await call(variant.PUT, { method: "PUT", token: A.tokens.viewer, params: { id, platform: "sandbox" }, body: { text: "New" } })).status).toBe(403);
    expect(await version(id)).toBe(approvedVersion);
    expect((await stateOf(id)).state).toBe("approved");
  });

  it("a minor variant edit within minor_edit_chars keeps the approval, with the note and the audit row", async () => {
    await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { minor_edit_chars: 3 } });
    try {
      const { id, scheduleId, approvedVersion } = await approvedPost();
      expect(
        (await call(variant.PUT, { method: "PUT", token: A.tokens.editor, params: { id, platform: "sandbox" }, body: { text: "The sandbox text" } })).status,
      ).toBe(200);
      expect(await stateOf(id)).toMatchObject({ state: "approved", content_version: approvedVersion + 1 });
      const kept = (await audits(id)).find((a) => a.action === "content.approval_kept")!;
      expect(kept.after).toMatchObject({ changed_chars: 2, threshold: 3, version: approvedVersion + 1 });
      const thread = await call(comments.GET, { token: A.tokens.viewer, params: { id } });
      expect(thread.json!.items.at(-1).body).toMatch(/Minor edit \(2 characters changed/);
      expect((await publishDue(scheduleId)).publishStatus).toBe("published");
    } finally {
      await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { minor_edit_chars: 0 } });
    }
  });
});

describe("the composer's save after approval", () => {
  it("is one version, made under the saver's role, and goes back to review once", async () => {
    const original = { ...actionRuntime };
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.editor as Actor });
    actionRuntime.revalidate = () => undefined;
    try {
      const { id, scheduleId, approvedVersion } = await approvedPost();
      const r = await saveComposerAction({
        id,
        version: approvedVersion,
        content: { title: "Launch", content: "Base text for every platform" },
        variants: { sandbox: "New sandbox words" },
        mode: "draft",
      });
      expect(r.ok, JSON.stringify(r)).toBe(true);
      expect(await version(id)).toBe(approvedVersion + 1);
      const rows = await db().select().from(contentVersions).where(eq(contentVersions.contentItemId, id));
      expect(rows.find((v) => v.version === approvedVersion + 1)).toMatchObject({ actorRole: "editor", change: "content.update" });
      expect((await audits(id)).filter((a) => a.action === "content.submit" && (a.after as { automatic?: boolean }).automatic)).toHaveLength(1);
      await expectBackInReview(id, scheduleId, approvedVersion);
    } finally {
      Object.assign(actionRuntime, original);
    }
  });
});

describe("media edits after approval", () => {
  it("attaching media to a variant sends the content back to review", async () => {
    const image = await uploadImage("A cat");
    const { id, scheduleId, approvedVersion } = await approvedPost();
    const r = await call(variant.PUT, {
      method: "PUT",
      token: A.tokens.editor,
      params: { id, platform: "sandbox" },
      body: { text: "Teh sandbox text", media_ids: [image] },
    });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await expectBackInReview(id, scheduleId, approvedVersion);
  });

  it("detaching the content's media sends it back to review, even with a small text change under minor_edit_chars", async () => {
    await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { minor_edit_chars: 5 } });
    try {
      const image = await uploadImage("A dog");
      const { id, scheduleId, approvedVersion } = await approvedPost({ media_ids: [image] });
      const r = await call(contentOne.PATCH, {
        method: "PATCH",
        token: A.tokens.editor,
        params: { id },
        body: { content: "Base text for every platform!", media_ids: [], version: approvedVersion },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      await expectBackInReview(id, scheduleId, approvedVersion);
    } finally {
      await call(workspace.PATCH, { method: "PATCH", token: A.tokens.admin, body: { minor_edit_chars: 0 } });
    }
  });

  it("changing the alt text of attached media sends every content using it back to review", async () => {
    const image = await uploadImage("A bird");
    const { id, scheduleId, approvedVersion } = await approvedPost({ media_ids: [image] });
    const r = await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: image }, body: { alt_text: "A bird on a wire" } });
    expect(r.status, JSON.stringify(r.json)).toBe(200);
    await expectBackInReview(id, scheduleId, approvedVersion);
  });

  it('the composer\'s "Save alt text" is one new version of the content: back to review; the same text, trimmed, changes nothing; blank clears it', async () => {
    const image = await uploadImage("A kite");
    const { id, scheduleId, approvedVersion } = await approvedPost({ media_ids: [image] });
    const original = { ...actionRuntime };
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.editor as Actor });
    actionRuntime.revalidate = () => undefined;
    try {
      expect(await setMediaAltTextAction({ id: image, alt_text: "  A kite  " })).toEqual({ ok: true, data: { id: image, alt_text: "A kite" } });
      expect(await version(id)).toBe(approvedVersion);
      expect((await stateOf(id)).state).toBe("approved");
      expect(await setMediaAltTextAction({ id: image, alt_text: "A red kite over the beach" })).toEqual({
        ok: true,
        data: { id: image, alt_text: "A red kite over the beach" },
      });
      expect(await version(id)).toBe(approvedVersion + 1);
      const change = await db().select().from(contentVersions).where(eq(contentVersions.contentItemId, id)).orderBy(asc(contentVersions.version));
      expect(change.at(-1)).toMatchObject({ version: approvedVersion + 1, change: "media.alt_text" });
      await expectBackInReview(id, scheduleId, approvedVersion);
      expect((await setMediaAltTextAction({ id: image, alt_text: "   " })).ok).toBe(true);
      expect((await call(mediaOne.GET, { token: A.tokens.viewer, params: { id: image } })).json!.alt_text).toBeNull();
      // Bad input changes nothing.
      const long = await setMediaAltTextAction({ id: image, alt_text: "a".repeat(1501) });
      expect(long).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
      expect(await setMediaAltTextAction({ id: crypto.randomUUID(), alt_text: "x" })).toMatchObject({ ok: false, error: { code: "not_found:media" } });
      actionRuntime.member = async () => ({ db: db(), actor: A.actors.viewer as Actor });
      expect(await setMediaAltTextAction({ id: image, alt_text: "x" })).toMatchObject({ ok: false, error: { code: "forbidden" } });
      expect((await call(mediaOne.GET, { token: A.tokens.viewer, params: { id: image } })).json!.alt_text).toBeNull();
    } finally {
      Object.assign(actionRuntime, original);
    }
  });

  it("deleting a file in use detaches it from the content: back to review; the same alt text again changes nothing", async () => {
    const image = await uploadImage("A fish");
    const kept = await approvedPost({ media_ids: [image] });
    expect((await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: image }, body: { alt_text: "A fish" } })).status).toBe(200);
    expect(await version(kept.id)).toBe(kept.approvedVersion);
    expect((await call(mediaOne.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: image } })).status).toBe(204);
    await expectBackInReview(kept.id, kept.scheduleId, kept.approvedVersion);
  });

  it("a file used by published content with a post still to come cannot change: the alt text and the deletion are refused, the next post goes out as approved", async () => {
    const image = await uploadImage("A boat");
    const { id, scheduleId, approvedVersion } = await approvedPost({ media_ids: [image] });
    expect((await publishDue(scheduleId)).publishStatus).toBe("published");
    expect((await call(contentOne.GET, { token: A.tokens.viewer, params: { id } })).json!.status).toBe("published");
    // Published content can be scheduled again; it cannot be edited, so it cannot go back to review.
    const again = await call(schedulesRoute.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: accountId, scheduled_time: new Date(Date.now() + 3600_000).toISOString(), timezone: "UTC" },
    });
    expect(again.status, JSON.stringify(again.json)).toBe(201);

    const alt = await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: image }, body: { alt_text: "A sinking boat" } });
    expect(alt.status, JSON.stringify(alt.json)).toBe(409);
    expect(alt.json!.error).toMatchObject({ code: "conflict:published", details: { content: [{ id, title: "Launch" }] } });
    expect(alt.json!.error.message).toContain(id);
    const del = await call(mediaOne.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: image } });
    expect(del.status, JSON.stringify(del.json)).toBe(409);
    expect(del.json!.error.message).toContain('"Launch"');

    // Nothing changed: the file, its alt text, the version and the approval are as reviewed.
    expect((await call(mediaOne.GET, { token: A.tokens.viewer, params: { id: image } })).json).toMatchObject({ id: image, alt_text: "A boat" });
    expect(await version(id)).toBe(approvedVersion);
    expect((await stateOf(id)).state).toBe("approved");
    expect((await publishDue(again.json!.schedules[0].id as string)).publishStatus).toBe("published");

    // With no post left to go out, the file is free to change again.
    expect((await call(mediaOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id: image }, body: { alt_text: "A sinking boat" } })).status).toBe(
      200,
    );
    expect(await version(id)).toBe(approvedVersion);
  });
});
