import { beforeAll, describe, expect, it } from "vitest";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts } from "@/db/schema";
import { queueContent } from "@/lib/scheduling/queue";
import { suggestForAccount } from "@/lib/scheduling/suggest";
import * as content from "./content/route";
import * as slots from "./platform-accounts/[id]/slots/route";
import * as queue from "./content/[id]/queue/route";
import * as suggestions from "./suggestions/times/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let x: string;
const item = async (title: string) =>
  (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title, content: `${title}!` } })).json!.id as string;

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
  const [a] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "x", name: "Brand X" }).returning();
  x = a!.id;
});

describe("posting slots and the queue", () => {
  it("admins set an account's queue times; editors cannot", async () => {
    const body = { timezone: "Europe/Berlin", slots: [{ days: [1, 2, 3, 4, 5], times: ["12:30", "09:00"] }] };
    expect((await call(slots.PUT, { method: "PUT", token: A.tokens.editor, params: { id: x }, body })).status).toBe(403);
    expect((await call(slots.PUT, { method: "PUT", token: A.tokens.admin, params: { id: x }, body })).status).toBe(200);
    expect((await call(slots.GET, { token: A.tokens.viewer, params: { id: x } })).json).toEqual(body);
    expect(
      (
        await call(slots.PUT, {
          method: "PUT",
          token: A.tokens.admin,
          params: { id: x },
          body: { timezone: "Europe/Berlin", slots: [{ days: [9], times: ["09:00"] }] },
        })
      ).status,
    ).toBe(400);
  });

  it("queues items into the next free slots in order (2031-03-07 is a Friday)", async () => {
    const now = new Date("2031-03-07T10:00:00+01:00");
    const got: string[] = [];
    for (const t of ["Q1", "Q2", "Q3"]) {
      const [r] = await queueContent(ref.current.db, A.actors.editor, await item(t), [x], now);
      got.push(r!.schedules[0]!.localTime);
    }
    // Friday 09:00 is past; then Friday 12:30, Monday 09:00, Monday 12:30.
    expect(got).toEqual(["2031-03-07T12:30", "2031-03-10T09:00", "2031-03-10T12:30"]);
  });

  it("answers through the API, and refuses accounts without slots", async () => {
    const r = await call(queue.POST, { method: "POST", token: A.tokens.editor, params: { id: await item("API queued") }, body: {} });
    expect(r.status).toBe(201);
    expect(r.json!.items[0].schedules[0].platform_account_id).toBe(x);
    const [bare] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "No slots" }).returning();
    const none = await call(queue.POST, {
      method: "POST",
      token: A.tokens.editor,
      params: { id: await item("Nowhere") },
      body: { platform_account_ids: [bare!.id] },
    });
    expect(none.status).toBe(409);
    expect(none.json!.error.message).toMatch(/No slots has no queue times/);
  });
});

describe("time suggestions", () => {
  it("ranks times in the platform's research window, in the person's zone, with reasons", async () => {
    const now = new Date("2031-05-05T00:00:00Z"); // a Monday
    const r = await suggestForAccount(
      ref.current.db,
      A.actors.editor,
      { platform_account_id: x, date_from: "2031-05-05", date_to: "2031-05-11", count: 4, timezone: "Europe/Berlin" },
      now,
    );
    expect(r.items).toHaveLength(4);
    for (const s of r.items) {
      const day = new Date(`${s.local_time.slice(0, 10)}T12:00:00Z`).getUTCDay();
      const hour = Number(s.local_time.slice(11, 13));
      expect([2, 3, 4]).toContain(day); // X: Tuesday to Thursday …
      expect(hour).toBeGreaterThanOrEqual(8); // … 08:00 to 12:00
      expect(hour).toBeLessThan(12);
      expect(s.reasons.length).toBeGreaterThan(0);
    }
    const api = await call(suggestions.GET, { token: A.tokens.viewer, path: `/api/v1/suggestions/times?platform_account_id=${x}&count=3` });
    expect(api.status).toBe(200);
    expect(api.json!.items).toHaveLength(3);
    expect((await call(suggestions.GET, { token: A.tokens.viewer, path: `/api/v1/suggestions/times?platform_account_id=${x}&count=99` })).status).toBe(400);
  });
});
