import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { actionRuntime } from "@/app/_server/action";
import { optimizationTrials, platformAccounts } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { adoptTrialArmAction, createTrialAction, stopTrialAction } from "./trials";

const ref = withTestDatabase();
let W: Awaited<ReturnType<typeof makeWorkspace>>;
let account: string;
const original = { ...actionRuntime };
const revalidated: string[] = [];
const as = (actor: Actor) => {
  actionRuntime.member = async () => ({ db: ref.current.db, actor });
};
const slots = [{ days: [2, 4], times: ["08:30"] }];
const body = () => ({
  name: "Tuesday and Thursday mornings",
  platform_account_id: account,
  arms: [
    { name: "Model", strategy: "learned" },
    { name: "Tue/Thu", strategy: "slots", slots },
  ],
  stop_posts_per_arm: 3,
  timezone: "America/New_York",
});

beforeAll(async () => {
  W = await makeWorkspace(ref.current.db);
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: W.workspace.id, platform: "sandbox", name: "S" }).returning();
  account = a!.id;
  actionRuntime.revalidate = (p) => void revalidated.push(p);
});
afterAll(() => Object.assign(actionRuntime, original));

describe("trial actions", () => {
  it("create, stop and adopt with the API's roles and schemas, refreshing the trial pages", async () => {
    as(W.actors.viewer);
    expect(await createTrialAction(body())).toMatchObject({ ok: false, error: { code: "forbidden" } });
    as(W.actors.editor);
    const invalid = await createTrialAction({ ...body(), arms: [] });
    expect(invalid).toMatchObject({ ok: false, error: { code: "bad_request:validation", fields: { arms: "a trial needs at least 2 arms" } } });
    expect(await ref.current.db.select().from(optimizationTrials)).toHaveLength(0);

    const made = await createTrialAction(body());
    if (!made.ok) throw new Error(made.error.message);
    expect(revalidated).toEqual(expect.arrayContaining(["/analytics/trials", `/analytics/trials/${made.data.id}`]));
    expect(await createTrialAction(body())).toMatchObject({ ok: false, error: { code: "conflict:trial_running" } });
    expect(await stopTrialAction({ id: made.data.id })).toEqual({ ok: true, data: { id: made.data.id, status: "stopped" } });

    expect(await adoptTrialArmAction({ id: made.data.id, arm: "b", confirm: true })).toMatchObject({ ok: false, error: { code: "forbidden" } });
    as(W.actors.admin);
    expect(await adoptTrialArmAction({ id: made.data.id, arm: "b" })).toMatchObject({ ok: false, error: { code: "conflict:confirm" } });
    expect(await adoptTrialArmAction({ id: made.data.id, arm: "b", confirm: true })).toEqual({ ok: true, data: { id: made.data.id, arm: "b", accounts: 1 } });
    const [row] = await ref.current.db.select().from(platformAccounts).where(eq(platformAccounts.id, account));
    expect(row!.postingSlots).toEqual({ timezone: "America/New_York", slots });
  });
});
