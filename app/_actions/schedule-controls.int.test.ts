import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue, scheduleRow, testDispatcher } from "@/scripts/test/publishing";
import { actionRuntime } from "@/app/_server/action";
import { schedules } from "@/db/schema";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { getSandboxPost } from "@/lib/sandbox/posts";
import { createSandboxAdapter } from "@/adapters/sandbox";
import { publishedLink } from "@/lib/scheduling/published-link";
import { scheduleRowView } from "@/lib/scheduling/details";
import { getScheduleRow } from "@/db/queries/schedules";
import {
  cancelScheduleAction,
  cloneScheduleAction,
  createSchedulesAction,
  pauseScheduleAction,
  resumeScheduleAction,
  scheduleDetailsAction,
  updateScheduleAction,
} from "./schedules";
import { createContentAction } from "./content";
import { retryScheduleAction } from "./jobs";
import { createBlackout, deleteBlackout } from "@/lib/scheduling/blackouts";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let account: string;
let other: string;
const original = { ...actionRuntime };

function as(actor: Actor) {
  actionRuntime.member = async () => ({ db: db(), actor });
}

beforeAll(async () => {
  W = await makeWorkspace(db());
  account = await makeAccount(db(), W.workspace.id, "sandbox", { name: "Main" });
  other = await makeAccount(db(), W.workspace.id, "sandbox", { name: "Second" });
  actionRuntime.revalidate = () => {};
});
afterAll(() => Object.assign(actionRuntime, original));

async function scheduled(title: string, at = "2031-06-10T09:00") {
  as(W.actors.editor);
  const made = await createContentAction({ title, content: `Body of ${title}` });
  if (!made.ok) throw new Error(made.error.message);
  const s = await createSchedulesAction({ content_item_id: made.data.id, platform_account_id: account, scheduled_time: at, timezone: "Europe/Paris" });
  if (!s.ok) throw new Error(s.error.message);
  return { contentId: made.data.id, id: s.data.ids[0]! };
}

describe("per-schedule controls through server actions", () => {
  it("details: the post, its settings and the accounts it can be cloned to; viewers read but cannot change", async () => {
    const { id, contentId } = await scheduled("Details");
    as(W.actors.viewer);
    const d = await scheduleDetailsAction({ id });
    expect(d).toMatchObject({
      ok: true,
      data: {
        id,
        contentItemId: contentId,
        title: "Details",
        excerpt: "Body of Details",
        status: "pending",
        localTime: "2031-06-10T09:00",
        timezone: "Europe/Paris",
        accountName: "Main",
        link: null,
        retryStrategy: "exponential",
        missedPolicy: "publish_late",
      },
    });
    if (d.ok) expect(d.data.accounts.map((a) => a.name).sort()).toEqual(["Main", "Second"]);
    expect(await pauseScheduleAction({ id })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect(await updateScheduleAction({ id, patch: { max_retries: 5 } })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    expect((await scheduleRow(db(), id)).publishStatus).toBe("pending");
    as(W.actors.editor);
    expect(await scheduleDetailsAction({ id: crypto.randomUUID() })).toMatchObject({ ok: false, error: { code: "not_found:schedule" } });
  });

  it("pause, resume and cancel follow the engine's states; a cancelled schedule stays cancelled", async () => {
    const { id } = await scheduled("States");
    expect(await pauseScheduleAction({ id })).toEqual({ ok: true, data: { status: "paused" } });
    expect(await resumeScheduleAction({ id })).toEqual({ ok: true, data: { status: "pending" } });
    expect(await cancelScheduleAction({ id })).toEqual({ ok: true, data: { status: "cancelled" } });
    expect(await resumeScheduleAction({ id })).toMatchObject({ ok: false, error: { code: "conflict:cancelled" } });
    expect(await pauseScheduleAction({ id })).toMatchObject({ ok: false, error: { code: "conflict:cancelled" } });
    expect((await scheduleRow(db(), id)).publishStatus).toBe("cancelled");
  });

  it("retry settings: custom delays, max retries, priority and the ask policy reach the schedule; a bad form changes nothing", async () => {
    const { id } = await scheduled("Retries");
    const before = await scheduleRow(db(), id);
    const bad = await updateScheduleAction({ id, patch: { retry_strategy: "custom", max_retries: 3 } });
    expect(bad).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    expect(await updateScheduleAction({ id, patch: { retry_strategy: "custom", retry_delays: [0] } })).toMatchObject({
      ok: false,
      error: { code: "bad_request:validation", fields: { "patch.retry_delays.0": expect.any(String) } },
    });
    expect(await updateScheduleAction({ id, patch: { max_retries: 21 } })).toMatchObject({ ok: false, error: { code: "bad_request:validation" } });
    expect(await updateScheduleAction({ id, patch: { max_retries: 2, version: before.version + 1 } })).toMatchObject({
      ok: false,
      error: { code: "conflict:version" },
    });
    expect(await scheduleRow(db(), id)).toMatchObject({ retryStrategy: "exponential", retryDelays: null, maxRetries: 3 });
    const ok = await updateScheduleAction({
      id,
      patch: { retry_strategy: "custom", retry_delays: [30, 120, 600], max_retries: 3, priority: "high", missed_policy: "ask", version: before.version },
    });
    expect(ok).toMatchObject({ ok: true, data: { id, version: before.version } });
    expect(await scheduleRow(db(), id)).toMatchObject({
      retryStrategy: "custom",
      retryDelays: [30, 120, 600],
      maxRetries: 3,
      priority: "high",
      priorityRank: 2,
      missedPolicy: "ask",
      localTime: "2031-06-10T09:00",
    });
  });

  it("clone to another time and account makes exactly one new schedule with the same settings", async () => {
    const { id, contentId } = await scheduled("Clone me");
    await updateScheduleAction({ id, patch: { retry_strategy: "linear", max_retries: 7 } });
    const res = await cloneScheduleAction({ id, to: { scheduled_time: "2031-06-11T18:30", timezone: "Europe/Paris", platform_account_id: other } });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(res.data.ids).toHaveLength(1);
    const rows = await db().select().from(schedules).where(eq(schedules.contentItemId, contentId));
    expect(rows).toHaveLength(2);
    const copy = rows.find((r) => r.id === res.data.ids[0])!;
    expect(copy).toMatchObject({
      platformAccountId: other,
      localTime: "2031-06-11T18:30",
      timezone: "Europe/Paris",
      publishStatus: "pending",
      retryStrategy: "linear",
      maxRetries: 7,
    });
    expect(await scheduleRow(db(), id)).toMatchObject({ localTime: "2031-06-10T09:00", publishStatus: "pending" });
    expect(await cloneScheduleAction({ id, to: { scheduled_time: "2031-06-12T10:00", timezone: "Mars/Olympus" } })).toMatchObject({
      ok: false,
      error: { code: "bad_request:invalid_timezone" },
    });
    // The same clone again (a second click), or one to the very instant in another zone's words: refused.
    expect(await cloneScheduleAction({ id, to: { scheduled_time: "2031-06-11T18:30", timezone: "Europe/Paris", platform_account_id: other } })).toMatchObject({
      ok: false,
      error: { code: "conflict:duplicate", message: expect.stringContaining("“Second”") },
    });
    expect(await cloneScheduleAction({ id, to: { scheduled_time: "2031-06-11T16:30", timezone: "UTC", platform_account_id: other } })).toMatchObject({
      ok: false,
      error: { code: "conflict:duplicate" },
    });
    expect(await db().select().from(schedules).where(eq(schedules.contentItemId, contentId))).toHaveLength(2);
  });

  it("retry now only for failed posts, and the published link leads to the sandbox's own record of the post", async () => {
    const due = await makeDue(db(), W.workspace.id, account, "sandbox", { text: "Out in the sandbox", title: "Sandboxed" });
    as(W.actors.editor);
    expect(await retryScheduleAction({ id: due.scheduleId })).toMatchObject({ ok: false, error: { code: "conflict:pending" } });
    await testDispatcher(db()).drain();
    const row = (await getScheduleRow(db(), W.workspace.id, due.scheduleId))!;
    expect(row.publishStatus).toBe("published");
    const view = scheduleRowView(row);
    expect(view.link).toEqual({ href: `/sandbox/${row.platformPostId}`, label: "View on Sandbox" });
    const d = await scheduleDetailsAction({ id: due.scheduleId });
    expect(d).toMatchObject({ ok: true, data: { status: "published", link: { href: `/sandbox/${row.platformPostId}` } } });
    const post = await getSandboxPost(db(), W.actors.viewer, row.platformPostId!);
    expect(post).toMatchObject({ text: "Out in the sandbox", title: "Sandboxed", accountName: "Main", media: { items: [], count: 0 } });
    // Another workspace's member does not see it; an unknown id is not found either.
    const stranger = await makeWorkspace(db(), ["admin"]);
    await expect(getSandboxPost(db(), stranger.actors.admin, row.platformPostId!)).rejects.toMatchObject({ code: "not_found:sandbox_post" });
    await expect(getSandboxPost(db(), W.actors.viewer, crypto.randomUUID())).rejects.toMatchObject({ code: "not_found:sandbox_post" });
  });

  it("retry now is refused inside a blackout and changes nothing; after the blackout it goes", async () => {
    const { id } = await scheduled("Skipped by a blackout");
    await db().update(schedules).set({ publishStatus: "skipped", errorMessage: "skipped: falls in a blackout (Freeze)" }).where(eq(schedules.id, id));
    const now = Date.now();
    const freeze = await createBlackout(db(), W.actors.admin, {
      starts_at: new Date(now - 3_600_000).toISOString(),
      ends_at: new Date(now + 3_600_000).toISOString(),
      reason: "Freeze",
    });
    as(W.actors.editor);
    const refused = await retryScheduleAction({ id });
    expect(refused).toMatchObject({ ok: false, error: { code: "conflict:blackout", message: expect.stringContaining('"Freeze"') } });
    expect((await scheduleRow(db(), id)).publishStatus).toBe("skipped");
    await deleteBlackout(db(), W.actors.admin, freeze.id);
    expect(await retryScheduleAction({ id })).toMatchObject({ ok: true });
    expect((await scheduleRow(db(), id)).publishStatus).toBe("pending");
  });

  it("the sandbox records each media item's address, type and alt text, and its page reads them back", async () => {
    const sandbox = createSandboxAdapter(db());
    const mediaId = crypto.randomUUID();
    const media = [
      {
        id: mediaId,
        url: "https://app.example/media/1",
        mimeType: "image/png",
        altText: "A red kite over a hill",
        sizeBytes: 10,
        read: async () => Buffer.alloc(0),
      },
    ];
    const out = await sandbox.publish(
      { accountId: account, platform: "sandbox", baseUrl: "", config: {}, credentials: {}, fetch: globalThis.fetch, timeoutMs: 1000 } as Parameters<
        typeof sandbox.publish
      >[0],
      {
        idempotencyKey: `${crypto.randomUUID()}:v1`,
        scheduleId: crypto.randomUUID(),
        contentType: "post",
        title: "With a picture",
        text: "Look up",
        parts: ["Look up"],
        media,
        tags: ["birds"],
        link: null,
        canonicalUrl: null,
        publishedParts: [],
        onPartPublished: async () => {},
        state: {},
        saveState: async () => {},
      },
    );
    expect(out.url).toBe(`/sandbox/${out.platformPostId}`);
    const post = await getSandboxPost(db(), W.actors.viewer, out.platformPostId);
    expect(post).toMatchObject({
      text: "Look up",
      tags: ["birds"],
      media: { count: 1, items: [{ mediaId, url: "https://app.example/media/1", mimeType: "image/png", altText: "A red kite over a hill" }] },
    });
  });

  it("only web addresses and the app's own paths become links", () => {
    expect(publishedLink("mastodon", "https://social.example/@me/1")).toEqual({ href: "https://social.example/@me/1", label: "View on Mastodon" });
    const page = "/sandbox/0b5a2c1e-3f4d-4e6a-8b7c-9d0e1f2a3b4c";
    expect(publishedLink("sandbox", page)).toEqual({ href: page, label: "View on Sandbox" });
    // Browsers drop tabs and line breaks inside a URL: "/\t/evil.example" is //evil.example.
    for (const bad of [
      "javascript:alert(1)",
      "//evil.example/x",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "data:text/html,x",
      "not a url",
      null,
      "",
    ])
      expect(publishedLink("x", bad)).toBeNull();
    for (const bad of ["/sandbox/abc", "/\t/evil.example", `${page}/../../x`, "/settings"]) expect(publishedLink("sandbox", bad)).toBeNull();
    expect(publishedLink("mastodon", page)).toBeNull();
  });
});
