import { beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { auditLog, engagementObservations, platformAccounts, schedules } from "@/db/schema";
import { createContent } from "@/lib/content";
import { queueContent, setPostingSlots } from "@/lib/scheduling/queue";
import { transitionSchedule, deleteSchedule } from "@/lib/scheduling/schedules";
import { bestFreeTimes } from "@/lib/scheduling/best-free";
import { trialCreateSchema, type TrialCreateInput } from "@/lib/validation/trials";
import { createTrial, getTrial, listTrials, stopTrial } from "./manage";
import { adoptArm } from "./adopt";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
const db = () => ref.current.db;

// 2031-03-07 is a Friday; 10:00 in Berlin.
const NOW = new Date("2031-03-07T10:00:00+01:00");
const MORNINGS = { key: "a", name: "Mornings", strategy: "slots" as const, slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] };
const EVENINGS = { key: "b", name: "Evenings", strategy: "slots" as const, slots: [{ days: [1, 2, 3, 4, 5], times: ["18:00"] }] };

const input = (over: Partial<Record<keyof TrialCreateInput, unknown>>): TrialCreateInput =>
  trialCreateSchema.parse({ name: "Mornings vs evenings", arms: [MORNINGS, EVENINGS], stop_posts_per_arm: 2, timezone: "Europe/Berlin", ...over });

async function account(name: string, platform = "x") {
  const [a] = await db().insert(platformAccounts).values({ workspaceId: W.workspace.id, platform, name }).returning();
  return a!;
}
let n = 0;
async function item() {
  return (await createContent(db(), W.actors.editor, { title: `Post ${++n}`, content: `Trial post ${n}`, content_type: "post" })).id;
}
async function queue(accountId: string, now = NOW) {
  const [made] = await queueContent(db(), W.actors.editor, await item(), [accountId], now);
  return (await db().select().from(schedules).where(eq(schedules.id, made!.schedules[0]!.id)))[0]!;
}
async function measure(scheduleId: string, accountId: string, rate: number | null, clicks: number | null = null) {
  await db().insert(engagementObservations).values({
    workspaceId: W.workspace.id,
    platformAccountId: accountId,
    source: "measured",
    scheduleId,
    postedAt: NOW,
    timezone: "UTC",
    weekday: 5,
    minuteOfDay: 600,
    engagementRate: rate,
    clicks,
  });
}
const code = async (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );
const audits = async (entityId: string) =>
  (
    await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, W.workspace.id), eq(auditLog.entityId, entityId)))
  ).map((r) => r.action);

beforeAll(async () => {
  W = await makeWorkspace(db());
});

describe("creating a trial", () => {
  it("refuses bad input with a clear 400 and changes nothing", async () => {
    const a = await account("Validation X");
    const bad = [
      { platform_account_id: a.id, arms: [MORNINGS] },
      { platform_account_id: a.id, stop_posts_per_arm: undefined },
      { arms: [MORNINGS, EVENINGS] },
      { platform_account_id: a.id, platform_id: "x" },
      { platform_account_id: a.id, arms: [{ ...MORNINGS, slots: undefined }, EVENINGS] },
      { platform_account_id: a.id, arms: [{ name: "Learned", strategy: "learned", slots: MORNINGS.slots }, EVENINGS] },
      { platform_account_id: a.id, arms: [MORNINGS, { ...EVENINGS, key: "a" }] },
      { platform_account_id: a.id, arms: [MORNINGS, { ...EVENINGS, slots: [{ days: [7], times: ["18:00"] }] }] },
      { platform_account_id: a.id, arms: [MORNINGS, { ...EVENINGS, slots: [{ days: [1], times: ["25:00"] }] }] },
      { platform_account_id: a.id, arms: Array.from({ length: 7 }, (_, i) => ({ ...MORNINGS, key: `k${i}`, name: `Arm ${i}` })) },
    ];
    for (const b of bad)
      expect(trialCreateSchema.safeParse({ name: "T", stop_posts_per_arm: 2, arms: [MORNINGS, EVENINGS], ...b }).success, JSON.stringify(b)).toBe(false);
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, timezone: "Mars/Olympus" }), NOW))).toBe(
      "bad_request:invalid_timezone",
    );
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, stop_at: "2031-03-01T00:00:00Z" }), NOW))).toBe(
      "bad_request:validation",
    );
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_id: "medium" }), NOW))).toBe("bad_request:validation");
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_account_id: "00000000-0000-4000-8000-000000000000" }), NOW))).toBe(
      "not_found:platform_account",
    );
    expect(await code(createTrial(db(), W.actors.viewer, input({ platform_account_id: a.id }), NOW))).toBe("forbidden");
    expect(await listTrials(db(), W.actors.viewer, NOW)).toEqual([]);
  });

  it("runs one trial per account: a second one, or one of its platform, is a 409", async () => {
    const a = await account("Conflict X");
    const first = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id }), NOW);
    expect(first.trial.status).toBe("running");
    expect(first.trial.arms).toEqual([MORNINGS, EVENINGS]);
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_account_id: a.id }), NOW))).toBe("conflict:trial_running");
    expect(await code(createTrial(db(), W.actors.editor, input({ platform_id: "x" }), NOW))).toBe("conflict:trial_running");
    await stopTrial(db(), W.actors.editor, first.trial.id, NOW);
    expect(await code(stopTrial(db(), W.actors.editor, first.trial.id, NOW))).toBe("conflict:trial_ended");
    const again = await createTrial(db(), W.actors.admin, input({ platform_account_id: a.id }), NOW);
    expect(await audits(again.trial.id)).toEqual(["trial.create"]);
    expect(await audits(first.trial.id)).toEqual(["trial.create", "trial.stop"]);
    await stopTrial(db(), W.actors.editor, again.trial.id, NOW);
  });
});

describe("queueing into a trial", () => {
  it("deals posts to the arms in turn, at each slots arm's own times, and records the arm", async () => {
    const a = await account("Alternate X");
    const t = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, stop_posts_per_arm: 10 }), NOW);
    const got = [];
    for (let i = 0; i < 4; i++) {
      const s = await queue(a.id);
      got.push([s.trialId, s.trialArm, s.localTime, s.timezone]);
    }
    expect(got).toEqual([
      [t.trial.id, "a", "2031-03-10T09:00", "Europe/Berlin"], // Friday 09:00 is past
      [t.trial.id, "b", "2031-03-07T18:00", "Europe/Berlin"],
      [t.trial.id, "a", "2031-03-11T09:00", "Europe/Berlin"],
      [t.trial.id, "b", "2031-03-10T18:00", "Europe/Berlin"],
    ]);
    const view = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect(view.results.arms.map((x) => [x.key, x.assigned, x.measured])).toEqual([
      ["a", 2, 0],
      ["b", 2, 0],
    ]);
    await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
    // Ended: the next post goes to the account's own queue, outside the trial.
    await setPostingSlots(db(), W.actors.admin, a.id, { timezone: "Europe/Berlin", slots: [{ days: [6], times: ["11:00"] }] });
    const after = await queue(a.id);
    expect([after.trialId, after.localTime]).toEqual([null, "2031-03-08T11:00"]);
  });

  it("gives a learned arm one of the account's best free times", async () => {
    const a = await account("Learned X");
    const t = await createTrial(
      db(),
      W.actors.editor,
      input({
        platform_account_id: a.id,
        arms: [
          { name: "Learned", strategy: "learned" },
          { name: "Research", strategy: "baseline" },
        ],
      }),
      NOW,
    );
    const best = await bestFreeTimes(db(), W.actors.editor, a.id, { count: 3, timezone: "Europe/Berlin" }, NOW);
    expect(best.length).toBeGreaterThan(0);
    const s = await queue(a.id);
    expect([s.trialArm, s.localTime, s.timezone]).toEqual(["a", best[0]!.local, "Europe/Berlin"]);
    expect((await queue(a.id)).trialArm).toBe("b");
    await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
  });

  it("stays balanced when posts on a platform trial's accounts are queued at the same time", async () => {
    const one = await account("Busy one", "mastodon");
    const two = await account("Busy two", "mastodon");
    const t = await createTrial(db(), W.actors.editor, input({ platform_id: "mastodon", stop_posts_per_arm: 10 }), NOW);
    expect(t.accounts.map((x) => x.name)).toEqual(["Busy one", "Busy two"]);
    const items = await Promise.all(Array.from({ length: 8 }, () => item()));
    await Promise.all(items.map((id, i) => queueContent(db(), W.actors.editor, id, [i % 2 ? one.id : two.id], NOW)));
    const view = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect(view.results.arms.map((x) => x.assigned)).toEqual([4, 4]);
    await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
  });

  it("leaves cancelled and deleted posts out of the counts", async () => {
    const a = await account("Cancel X");
    const t = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, stop_posts_per_arm: 10 }), NOW);
    const first = await queue(a.id);
    const second = await queue(a.id);
    expect([first.trialArm, second.trialArm]).toEqual(["a", "b"]);
    // Cancelled: a has none left, b one; a gets the next one, and the one after on the tie.
    await transitionSchedule(db(), W.actors.editor, first.id, "cancel");
    expect((await queue(a.id)).trialArm).toBe("a");
    const fourth = await queue(a.id);
    expect(fourth.trialArm).toBe("a");
    // Deleted: back to a tie, so a again (b if the deleted post still counted).
    await deleteSchedule(db(), W.actors.editor, fourth.id);
    expect((await queue(a.id)).trialArm).toBe("a");
    expect((await getTrial(db(), W.actors.viewer, t.trial.id, NOW)).results.arms.map((x) => x.assigned)).toEqual([2, 1]);
    await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
  });
});

describe("results, completion and adoption", () => {
  it("completes once every arm has its posts measured, names the winner, and adopts it as posting slots", async () => {
    const a = await account("Winner X");
    await setPostingSlots(db(), W.actors.admin, a.id, { timezone: "UTC", slots: [{ days: [1, 3], times: ["10:00", "15:00"] }] });
    const t = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, stop_posts_per_arm: 2 }), NOW);
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await queue(a.id));
    expect(posts.map((p) => p.trialArm)).toEqual(["a", "b", "a", "b"]);
    const rates = [0.01, 0.05, 0.012, 0.052];
    for (const [i, p] of posts.slice(0, 3).entries()) await measure(p.id, a.id, rates[i]!);
    // Arm b has one measured post of two: still running, no verdict.
    const before = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect([before.trial.status, before.results.stop.met, before.results.verdict]).toEqual(["running", false, null]);
    await measure(posts[3]!.id, a.id, rates[3]!);
    const view = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect(view.trial.status).toBe("completed");
    expect(view.results.stop).toMatchObject({ met: true, reason: "posts", min_measured: 2 });
    expect(view.results.arms[0]!.mean).toBeCloseTo(0.011, 12);
    expect(view.results.arms[1]!.mean).toBeCloseTo(0.051, 12);
    expect(view.results.arms[1]!.p_best!).toBeGreaterThan(0.95);
    expect(view.results.verdict).toEqual({ outcome: "winner", arm: "b" });
    expect(await audits(t.trial.id)).toEqual(["trial.create", "trial.complete"]);

    // Adopting: admins only; another arm than the winner needs a confirm.
    expect(await code(adoptArm(db(), W.actors.editor, t.trial.id, { arm: "b" }, NOW))).toBe("forbidden");
    expect(await code(adoptArm(db(), W.actors.admin, t.trial.id, { arm: "a" }, NOW))).toBe("conflict:confirm");
    expect(await code(adoptArm(db(), W.actors.admin, t.trial.id, { arm: "z" }, NOW))).toBe("bad_request:validation");
    const adopted = await adoptArm(db(), W.actors.admin, t.trial.id, { arm: "b" }, NOW);
    expect(adopted.adopted).toEqual([{ platform_account_id: a.id, timezone: "Europe/Berlin", slots: EVENINGS.slots }]);
    expect(adopted.trial.adoptedArm).toBe("b");
    const [row] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(row!.postingSlots).toEqual({ timezone: "Europe/Berlin", slots: EVENINGS.slots });
    expect(await audits(t.trial.id)).toEqual(["trial.create", "trial.complete", "trial.adopt"]);
    expect(await audits(a.id)).toContain("account.posting_slots");
    // With a confirm, any arm.
    await adoptArm(db(), W.actors.admin, t.trial.id, { arm: "a", confirm: true }, NOW);
    const [again] = await db().select().from(platformAccounts).where(eq(platformAccounts.id, a.id));
    expect(again!.postingSlots).toEqual({ timezone: "Europe/Berlin", slots: MORNINGS.slots });
  });

  it("measures clicks when asked, keeping posts without a rate", async () => {
    const a = await account("Clicks X");
    const t = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, metric: "clicks", stop_posts_per_arm: 2 }), NOW);
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await queue(a.id));
    for (const p of posts) await measure(p.id, a.id, null, p.trialArm === "a" ? 10 : 12);
    const view = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect(view.results.arms.map((x) => [x.measured, x.mean])).toEqual([
      [2, 10],
      [2, 12],
    ]);
    expect(view.trial.status).toBe("completed");
  });

  it("leaves posts without a rate out of an engagement-rate trial", async () => {
    const a = await account("No rate X");
    const t = await createTrial(db(), W.actors.editor, input({ platform_account_id: a.id, stop_posts_per_arm: 2 }), NOW);
    const posts = [];
    for (let i = 0; i < 4; i++) posts.push(await queue(a.id));
    for (const p of posts) await measure(p.id, a.id, p.trialArm === "a" ? null : 0.03, 5);
    const view = await getTrial(db(), W.actors.viewer, t.trial.id, NOW);
    expect(view.results.arms.map((x) => [x.assigned, x.measured])).toEqual([
      [2, 0],
      [2, 2],
    ]);
    expect(view.trial.status).toBe("running");
    // Stopped by hand before its rule was met: no verdict, and adopting any arm needs a confirm.
    const stopped = await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
    expect([stopped.trial.status, stopped.results.verdict]).toEqual(["stopped", null]);
    expect(await code(adoptArm(db(), W.actors.admin, t.trial.id, { arm: "b" }, NOW))).toBe("conflict:confirm");
  });

  it("adopts a learned arm as the weekly times its posts went out at, as many as the account had", async () => {
    const a = await account("Adopt learned X");
    await setPostingSlots(db(), W.actors.admin, a.id, { timezone: "UTC", slots: [{ days: [1, 2, 3], times: ["10:00"] }] });
    const t = await createTrial(
      db(),
      W.actors.editor,
      input({ platform_account_id: a.id, arms: [{ name: "Learned", strategy: "learned" }, EVENINGS], stop_posts_per_arm: 5 }),
      NOW,
    );
    const learned = [];
    for (let i = 0; i < 4; i++) {
      const s = await queue(a.id);
      if (s.trialArm === "a") learned.push(s.localTime);
    }
    expect(learned).toHaveLength(2);
    expect(await code(adoptArm(db(), W.actors.admin, t.trial.id, { arm: "a", confirm: true }, NOW))).toBe("conflict:trial_running");
    await stopTrial(db(), W.actors.editor, t.trial.id, NOW);
    const out = await adoptArm(db(), W.actors.admin, t.trial.id, { arm: "a", confirm: true }, NOW);
    const slots = out.adopted[0]!.slots;
    const pairs = slots.flatMap((s) => s.days.flatMap((d) => s.times.map((time) => `${d} ${time}`)));
    expect(pairs).toHaveLength(3); // the account had 3 weekly times
    for (const local of learned) {
      const day = new Date(`${local.slice(0, 10)}T12:00:00Z`).getUTCDay();
      expect(pairs).toContain(`${day} ${local.slice(11)}`);
    }
  });
});
