import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { auditLog, optimizationTrials, platformAccounts, schedules } from "@/db/schema";
import * as content from "./content/route";
import * as queue from "./content/[id]/queue/route";
import * as trials from "./trials/route";
import * as one from "./trials/[id]/route";
import * as stop from "./trials/[id]/stop/route";
import * as adopt from "./trials/[id]/adopt/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let x: string;
let other: string;

const arms = [
  { name: "Mornings", strategy: "slots", slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] },
  { name: "Best times", strategy: "learned" },
];
const body = (over: Record<string, unknown> = {}) => ({
  name: "Morning or best",
  platform_account_id: x,
  arms,
  stop_posts_per_arm: 5,
  timezone: "Europe/Berlin",
  ...over,
});
const trialCount = async () => (await ref.current.db.select().from(optimizationTrials)).length;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const [a, b] = await ref.current.db
    .insert(platformAccounts)
    .values([
      { workspaceId: A.workspace.id, platform: "x", name: "Brand X" },
      { workspaceId: A.workspace.id, platform: "bluesky", name: "Brand Sky" },
    ])
    .returning();
  x = a!.id;
  other = b!.id;
});

describe("/api/v1/trials", () => {
  it("refuses bad input with a 400 naming the field, and viewers with a 403, creating nothing", async () => {
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ arms: [arms[0]] }, /arms: a trial needs at least 2 arms/],
      [{ stop_posts_per_arm: undefined }, /give a stop rule/],
      [{ platform_account_id: undefined }, /name one target/],
      [{ platform_id: "x" }, /name one target/],
      [{ arms: [{ name: "No slots", strategy: "slots" }, arms[1]] }, /arms\.0\.slots: a slots arm needs its weekly slots/],
      [{ arms: [arms[0], { name: "Odd", strategy: "sometimes" }] }, /strategy must be learned, baseline or slots/],
      [{ allocation: "round_robin" }, /allocation must be alternate or random/],
      [{ metric: "likes" }, /metric must be engagement_rate or clicks/],
      [{ stop_posts_per_arm: 1 }, /at least 2/],
      [{ stop_at: "tomorrow" }, /stop_at: must be an ISO 8601 date-time/],
      [{ stop_at: "2020-01-01T00:00:00Z" }, /stop_at: the end date must be in the future/],
      [{ timezone: "Nowhere/Special" }, /not a known IANA time zone/],
      [{ unknown: 1 }, /unknown/],
    ];
    for (const [over, message] of cases) {
      const r = await call(trials.POST, { method: "POST", token: A.tokens.editor, body: body(over) });
      expect(r.status, JSON.stringify(over)).toBe(400);
      expect(r.json!.error.message).toMatch(message);
    }
    expect((await call(trials.POST, { method: "POST", token: A.tokens.editor, body: "{not json" })).status).toBe(400);
    const missing = await call(trials.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: body({ platform_account_id: "6f1c1d1e-1111-4111-8111-111111111111" }),
    });
    expect(missing.status).toBe(404);
    expect((await call(trials.POST, { method: "POST", token: A.tokens.viewer, body: body() })).status).toBe(403);
    expect(await trialCount()).toBe(0);
  });

  it("creates a trial, lists it and shows it with its results; a second one on the account is a 409", async () => {
    const made = await call(trials.POST, { method: "POST", token: A.tokens.editor, body: body({ hypothesis: "Mornings beat the model" }) });
    expect(made.status).toBe(201);
    const t = made.json!;
    expect(t).toMatchObject({
      name: "Morning or best",
      hypothesis: "Mornings beat the model",
      status: "running",
      platform_account_id: x,
      platform_id: null,
      accounts: [{ id: x, name: "Brand X", platform: "x" }],
      allocation: "alternate",
      metric: "engagement_rate",
      timezone: "Europe/Berlin",
      stop_posts_per_arm: 5,
      adopted_arm: null,
    });
    expect(t.arms.map((a: { key: string; strategy: string }) => [a.key, a.strategy])).toEqual([
      ["a", "slots"],
      ["b", "learned"],
    ]);
    expect(t.results.verdict).toBeNull();
    expect(t.results.arms.map((a: { assigned: number }) => a.assigned)).toEqual([0, 0]);

    const clash = await call(trials.POST, { method: "POST", token: A.tokens.admin, body: body({ name: "Again" }) });
    expect(clash.status).toBe(409);
    expect(clash.json!.error.message).toMatch(/already in the running trial “Morning or best”/);
    const platform = await call(trials.POST, { method: "POST", token: A.tokens.admin, body: body({ platform_account_id: undefined, platform_id: "x" }) });
    expect(platform.status).toBe(409);
    // Another platform's account is free.
    const elsewhere = await call(trials.POST, { method: "POST", token: A.tokens.admin, body: body({ platform_account_id: other, name: "Sky" }) });
    expect(elsewhere.status).toBe(201);

    const list = await call(trials.GET, { token: A.tokens.viewer });
    expect(list.status).toBe(200);
    expect(list.json!.items.map((i: { name: string }) => i.name).sort()).toEqual(["Morning or best", "Sky"]);
    const shown = await call(one.GET, { token: A.tokens.viewer, params: { id: t.id } });
    expect(shown.status).toBe(200);
    expect(shown.json!.id).toBe(t.id);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: "6f1c1d1e-1111-4111-8111-111111111111" } })).status).toBe(404);
    expect((await call(one.GET, { token: A.tokens.viewer, params: { id: "nope" } })).status).toBe(404);
  });

  it("queues through the API into the trial's arms, then stops and adopts", async () => {
    const [t] = (await call(trials.GET, { token: A.tokens.viewer })).json!.items.filter((i: { platform_account_id: string }) => i.platform_account_id === x);
    const arms: string[] = [];
    for (const title of ["One", "Two", "Three"]) {
      const id = (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title}!` } })).json!.id;
      const r = await call(queue.POST, { method: "POST", token: A.tokens.editor, params: { id }, body: { platform_account_ids: [x] } });
      expect(r.status).toBe(201);
      const [row] = await ref.current.db.select().from(schedules).where(eq(schedules.id, r.json!.items[0].schedules[0].id));
      expect(row!.trialId).toBe(t.id);
      arms.push(row!.trialArm!);
    }
    expect(arms).toEqual(["a", "b", "a"]);

    expect((await call(adopt.POST, { method: "POST", token: A.tokens.admin, params: { id: t.id }, body: { arm: "a", confirm: true } })).status).toBe(409);
    expect((await call(stop.POST, { method: "POST", token: A.tokens.viewer, params: { id: t.id } })).status).toBe(403);
    const stopped = await call(stop.POST, { method: "POST", token: A.tokens.editor, params: { id: t.id } });
    expect(stopped.status).toBe(200);
    expect(stopped.json!).toMatchObject({ status: "stopped", results: { verdict: null } });
    expect(stopped.json!.results.arms.map((a: { assigned: number }) => a.assigned)).toEqual([2, 1]);
    expect((await call(stop.POST, { method: "POST", token: A.tokens.editor, params: { id: t.id } })).status).toBe(409);

    expect((await call(adopt.POST, { method: "POST", token: A.tokens.editor, params: { id: t.id }, body: { arm: "a", confirm: true } })).status).toBe(403);
    const unconfirmed = await call(adopt.POST, { method: "POST", token: A.tokens.admin, params: { id: t.id }, body: { arm: "a" } });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.json!.error.message).toMatch(/not the trial's winner.*confirm: true/);
    expect((await call(adopt.POST, { method: "POST", token: A.tokens.admin, params: { id: t.id }, body: { arm: 5 } })).status).toBe(400);
    const done = await call(adopt.POST, { method: "POST", token: A.tokens.admin, params: { id: t.id }, body: { arm: "a", confirm: true } });
    expect(done.status).toBe(200);
    expect(done.json!.adopted_arm).toBe("a");
    expect(done.json!.adopted).toEqual([{ platform_account_id: x, timezone: "Europe/Berlin", slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] }]);
    const [acct] = await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.id, x));
    expect(acct!.postingSlots).toEqual({ timezone: "Europe/Berlin", slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] });
    const actions = (await ref.current.db.select().from(auditLog).where(eq(auditLog.entityId, t.id))).map((r) => r.action);
    expect(actions).toEqual(["trial.create", "trial.stop", "trial.adopt"]);
  });
});
