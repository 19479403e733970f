import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { actionRuntime } from "@/app/_server/action";
import { contentItems, contentVersions, media, schedules, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { latestRequest } from "@/db/queries/approvals";
import { decide, submitForApproval } from "@/lib/approvals/workflow";
import * as upload from "@/app/api/v1/media/route";
import { saveComposerAction } from "./composer";
import { checkDraftAction, saveQualityGatesAction } from "./gates";

// Alt text typed in the composer of existing content is saved with the post: one version, under
// the version the form was opened with, so the next Save or Schedule never meets a conflict.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let account: string;
const original = { ...actionRuntime };
const WHEN = "2031-06-10T09:00";

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  account = await makeAccount(db(), A.workspace.id, "sandbox");
  await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, A.workspace.id));
  actionRuntime.member = async () => ({ db: db(), actor: A.actors.editor as Actor });
  actionRuntime.revalidate = () => undefined;
});
afterAll(() => Object.assign(actionRuntime, original));

function png() {
  const b = Buffer.alloc(33 + 300);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]).copy(b);
  b.writeUInt32BE(640, 16);
  b.writeUInt32BE(480, 20);
  return b;
}
async function uploadImage() {
  const req = new NextRequest("http://localhost:3000/api/v1/media?filename=kite.png", {
    method: "POST",
    headers: { authorization: `Bearer ${A.tokens.editor}`, "content-type": "image/png" },
    body: new Blob([new Uint8Array(png())]),
  });
  const res = await upload.POST(req, { params: Promise.resolve({}) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const fields = (image: string, title = "Kites") => ({ title, content: "Kites over the beach", content_type: "post", tags: [], media_ids: [image] });
const item = async (id: string) => (await db().select().from(contentItems).where(eq(contentItems.id, id)))[0]!;
const versions = (id: string) => db().select().from(contentVersions).where(eq(contentVersions.contentItemId, id)).orderBy(asc(contentVersions.version));
const altOf = async (id: string) => (await db().select().from(media).where(eq(media.id, id)))[0]!.altText;

/** Scheduled through the composer on the sandbox account, then submitted and approved. */
async function approvedPost(image: string) {
  const r = await saveComposerAction({
    content: fields(image),
    mode: "schedule",
    platform_account_ids: [account],
    schedule: { scheduled_time: WHEN, timezone: "UTC" },
  });
  expect(r).toMatchObject({ ok: true, data: { schedules: 1 } });
  if (!r.ok) throw new Error("not saved");
  await submitForApproval(db(), A.actors.editor, r.data.id);
  await decide(db(), A.actors.admin, r.data.id, "approve", {});
  expect(await latestRequest(db(), r.data.id)).toMatchObject({ status: "approved" });
  return { id: r.data.id, version: (await item(r.data.id)).version };
}

/** Schedule pressed again in the composer opened at `version`: same time, same account. */
async function scheduleAgain(id: string, version: number, image: string, altTexts: Record<string, string | null>) {
  const open = await db().select().from(schedules).where(eq(schedules.contentItemId, id));
  return saveComposerAction({
    id,
    version,
    content: fields(image),
    alt_texts: altTexts,
    mode: "schedule",
    platform_account_ids: [account],
    schedule: { scheduled_time: WHEN, timezone: "UTC" },
    edit: { anchor_id: open[0]!.id, scope: "post", intent: "schedule", known: open.map((s) => ({ id: s.id, version: s.version })), confirm_cancel: [] },
  });
}

describe("alt text saved with the composer's save", () => {
  it("goes into the same version: no conflict, one new version, the file has it, and the approval rule sends it back to review", async () => {
    const image = await uploadImage();
    const { id, version } = await approvedPost(image);
    // Other content using the same file (a draft) gets its own version, as with any alt-text change.
    const other = await saveComposerAction({ content: fields(image, "Other kites"), mode: "draft" });
    if (!other.ok) throw new Error("not saved");
    const otherVersion = (await item(other.data.id)).version;
    const before = (await versions(id)).length;

    const r = await scheduleAgain(id, version, image, { [image]: "  A red kite over the beach " });
    expect(r, JSON.stringify(r)).toMatchObject({ ok: true, data: { id, summary: "Saved; the schedules are unchanged" } });
    expect(await altOf(image)).toBe("A red kite over the beach");
    const after = await versions(id);
    expect(after).toHaveLength(before + 1);
    expect(after.at(-1)).toMatchObject({ version: version + 1, change: "content.update" });
    expect((await item(id)).version).toBe(version + 1);
    // The approval rule saw the alt text: a new review round for the new version, and the post waits.
    expect(await latestRequest(db(), id)).toMatchObject({ status: "pending", contentVersion: version + 1 });
    expect((await item(other.data.id)).version).toBe(otherVersion + 1);
    expect((await versions(other.data.id)).at(-1)).toMatchObject({ change: "media.alt_text" });

    // The next save from the reloaded form (the new version) goes through too; unchanged alt text adds nothing.
    const again = await scheduleAgain(id, version + 1, image, {});
    expect(again.ok, JSON.stringify(again)).toBe(true);
    expect(await altOf(image)).toBe("A red kite over the beach");
  });

  it("refuses alt text for a file the post does not carry, and changes nothing", async () => {
    const image = await uploadImage();
    const stray = await uploadImage();
    const { id, version } = await approvedPost(image);
    const r = await scheduleAgain(id, version, image, { [stray]: "Not attached" });
    expect(r).toMatchObject({ ok: false, error: { code: "bad_request:validation", message: "Alt text can only be saved for a file attached to this post." } });
    expect(await altOf(stray)).toBeNull();
    expect((await item(id)).version).toBe(version);
  });

  it("a file published content still has posts to go out with refuses the change, and the save changes nothing", async () => {
    const image = await uploadImage();
    const { id, version } = await approvedPost(image);
    const shipped = await approvedPost(image);
    await db().update(contentItems).set({ status: "published" }).where(eq(contentItems.id, shipped.id));
    const r = await scheduleAgain(id, version, image, { [image]: "A kite" });
    expect(r).toMatchObject({ ok: false, error: { code: "conflict:published" } });
    if (!r.ok) expect(r.error.message).toContain("published content still has posts to go out with this file");
    expect(await altOf(image)).toBeNull();
    expect((await item(id)).version).toBe(version);
    expect(await latestRequest(db(), id)).toMatchObject({ status: "approved" });
  });

  it("the composer's check reads the alt text the form holds, saved or not (last: it turns the alt-text gate on)", async () => {
    const image = await uploadImage();
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.admin as Actor });
    expect((await saveQualityGatesAction({ alt_text: { enabled: true, severity: "error" } })).ok).toBe(true);
    actionRuntime.member = async () => ({ db: db(), actor: A.actors.editor as Actor });
    const draft = (alt_texts?: Record<string, string | null>) =>
      checkDraftAction({
        title: "T",
        content: "Kites",
        content_type: "post",
        media_ids: [image],
        platforms: ["mastodon"],
        ...(alt_texts ? { alt_texts } : {}),
      });
    const rules = async (r: Awaited<ReturnType<typeof draft>>) =>
      r.ok ? r.data.findings.filter((f) => f.rule === "alt_text").map((f) => f.rule) : r.error.code;
    expect(await rules(await draft())).toEqual(["alt_text"]);
    expect(await rules(await draft({ [image]: "   " }))).toEqual(["alt_text"]);
    expect(await rules(await draft({ [image]: "A kite" }))).toEqual([]);
    expect(await altOf(image)).toBeNull();
  });
});
