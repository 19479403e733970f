import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount } from "@/scripts/test/publishing";
import { contentItems, contentVariants, schedules } from "@/db/schema";
import { getContentRow } from "@/db/queries/content";
import type { Db } from "@/db/client";
import { checkContent } from "@/lib/gates";
import { submitForApproval } from "@/lib/approvals/workflow";
import { reviewPreviews } from "@/lib/approvals/previews";
import { contentTargets } from "./platforms";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

type Status = (typeof schedules.$inferInsert)["publishStatus"];

async function makeItem(workspaceId: string, o: { content?: string; platformConfigs?: Record<string, unknown> } = {}) {
  const [item] = await db()
    .insert(contentItems)
    .values({
      workspaceId,
      title: "For whom",
      content: o.content ?? "Hello there",
      contentType: "post",
      status: "draft",
      platformConfigs: o.platformConfigs ?? {},
    })
    .returning({ id: contentItems.id });
  return item!.id;
}

async function schedule(workspaceId: string, contentItemId: string, accountId: string, platform: string, status: Status, inSeconds: number) {
  const id = crypto.randomUUID();
  const at = new Date(Date.now() + inSeconds * 1000);
  await db()
    .insert(schedules)
    .values({
      id,
      workspaceId,
      contentItemId,
      platformAccountId: accountId,
      platformId: platform,
      scheduledTime: at,
      originalTime: at,
      localTime: at.toISOString().slice(0, 16),
      timezone: "UTC",
      idempotencyKey: `${id}:v1`,
      publishStatus: status,
    });
}

describe("the platforms content is for", () => {
  it("are its schedules that may still publish (pending, paused, publishing), then its variants' and settings' platforms", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const ws = workspace.id;
    const item = await makeItem(ws, { platformConfigs: { devto: { series: "notes" } } });
    const acc = {} as Record<string, string>;
    for (const p of ["sandbox", "mastodon", "bluesky", "linkedin", "threads", "facebook", "instagram"]) acc[p] = await makeAccount(db(), ws, p);
    await schedule(ws, item, acc.mastodon!, "mastodon", "paused", 7200);
    await schedule(ws, item, acc.sandbox!, "sandbox", "pending", 3600);
    await schedule(ws, item, acc.sandbox!, "sandbox", "pending", 9000);
    await schedule(ws, item, acc.bluesky!, "bluesky", "publishing", -10);
    // Gone out, dropped or failed for good: no longer what the content is for.
    await schedule(ws, item, acc.linkedin!, "linkedin", "published", -3600);
    await schedule(ws, item, acc.threads!, "threads", "cancelled", 600);
    await schedule(ws, item, acc.facebook!, "facebook", "dead_letter", -600);
    await schedule(ws, item, acc.instagram!, "instagram", "failed", -600);
    await db().insert(contentVariants).values({ contentItemId: item, platform: "x", text: "Short" });

    const row = (await getContentRow(db(), ws, item))!;
    const targets = await contentTargets(db(), row);
    expect(targets.accounts).toEqual([
      { accountId: acc.bluesky, platform: "bluesky" },
      { accountId: acc.sandbox, platform: "sandbox" },
      { accountId: acc.mastodon, platform: "mastodon" },
    ]);
    expect(targets.platforms).toEqual(["bluesky", "sandbox", "mastodon", "x", "devto"]);

    // Another workspace's view of the same item finds no schedules.
    expect((await contentTargets(db(), { ...row, workspaceId: crypto.randomUUID() })).accounts).toEqual([]);
  });

  it("are the same for the check, the submission for review and the reviewer's previews", async () => {
    const { workspace, actors } = await makeWorkspace(db(), ["editor"]);
    const ws = workspace.id;
    const sandbox = await makeAccount(db(), ws, "sandbox", { name: "Sandbox Main" });
    const item = await makeItem(ws);
    await schedule(ws, item, sandbox, "sandbox", "pending", 3600);
    // Only a variant says the post is for X, and its text is over X's limit.
    await db()
      .insert(contentVariants)
      .values({ contentItemId: item, platform: "x", text: "x".repeat(300) });

    const check = await checkContent(db(), actors.editor, item);
    expect(check.platforms).toEqual(["sandbox", "x"]);
    expect(check.passes).toBe(false);
    expect(check.findings).toEqual([expect.objectContaining({ rule: "platform_limits", severity: "error", platform: "x" })]);
    // What the check refuses, the submission refuses.
    await expect(submitForApproval(db(), actors.editor, item)).rejects.toMatchObject({
      code: "bad_request:quality_gates",
      details: [expect.objectContaining({ platform: "x" })],
    });

    const previews = await reviewPreviews(db(), (await getContentRow(db(), ws, item))!);
    expect(previews.generic).toBe(false);
    expect(previews.previews.map((p) => [p.key, p.author])).toEqual([
      [sandbox, "Sandbox Main"],
      ["x", "X"],
    ]);
  });

  it("include a schedule being published now: the reviewer sees its account, not a generic preview", async () => {
    const { workspace } = await makeWorkspace(db(), ["admin"]);
    const ws = workspace.id;
    const bluesky = await makeAccount(db(), ws, "bluesky", { name: "Bluesky Main" });
    const item = await makeItem(ws);
    await schedule(ws, item, bluesky, "bluesky", "publishing", -5);
    const previews = await reviewPreviews(db(), (await getContentRow(db(), ws, item))!);
    expect(previews.generic).toBe(false);
    expect(previews.previews.map((p) => [p.key, p.author])).toEqual([[bluesky, "Bluesky Main"]]);
  });
});
