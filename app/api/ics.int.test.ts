import { beforeAll, describe, expect, it } from "vitest";
import ICAL from "ical.js";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { platformAccounts } from "@/db/schema";
import * as content from "./v1/content/route";
import * as schedules from "./v1/schedules/route";
import * as cancel from "./v1/schedules/[id]/cancel/route";
import * as feed from "./v1/ics-feed/route";
import * as ics from "./ics/[file]/route";

const ref = withTestDatabase();
let A: Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;

async function fetchFeed(url: string) {
  const file = new URL(url).pathname.split("/").pop()!;
  const res = await ics.GET(new Request(url), { params: Promise.resolve({ file }) });
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(ref.current.db);
});

describe("ICS feed", () => {
  it("lists the workspace's schedules for calendar apps, parsed back by ical.js; regenerating retires the old URL", async () => {
    const [acc] = await ref.current.db.insert(platformAccounts).values({ workspaceId: A.workspace.id, platform: "sandbox", name: "S" }).returning();
    const id = (await call(content.POST, { method: "POST", token: A.tokens.editor, body: { title: 'Launch, day 1; part "A"', content: "x" } })).json!.id;
    // Fixed hours, so the two never collide whatever the hour the suite runs at.
    const when = `${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}T09:00`;
    const made = await call(schedules.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: acc!.id, scheduled_time: when, timezone: "UTC" },
    });
    const second = await call(schedules.POST, {
      method: "POST",
      token: A.tokens.editor,
      body: { content_item_id: id, platform_account_id: acc!.id, scheduled_time: when.replace(/T\d\d/, "T23"), timezone: "UTC" },
    });
    await call(cancel.POST, { method: "POST", token: A.tokens.editor, params: { id: second.json!.schedules[0].id } });

    expect((await call(feed.GET, { token: A.tokens.viewer })).json).toEqual({ url: null, created_at: null });
    expect((await call(feed.POST, { method: "POST", token: A.tokens.editor })).status).toBe(403);
    const first = (await call(feed.POST, { method: "POST", token: A.tokens.admin })).json!.url as string;
    expect(first).toMatch(/\/api\/ics\/ics_[A-Za-z0-9_-]+\.ics$/);
    expect((await call(feed.GET, { token: A.tokens.viewer })).json!.url).toBe(first);

    const r = await fetchFeed(first);
    expect(r.status).toBe(200);
    expect(r.type).toMatch(/^text\/calendar/);
    const cal = new ICAL.Component(ICAL.parse(r.text));
    const events = cal.getAllSubcomponents("vevent").map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(2);
    const live = events.find((e) => e.uid === `${made.json!.schedules[0].id}@scheduler`)!;
    expect(live.summary).toBe('[Scheduled] Launch, day 1; part "A" · sandbox');
    expect(live.startDate.toJSDate().toISOString()).toBe(made.json!.schedules[0].scheduled_time);
    expect(events.find((e) => e.uid !== live.uid)!.component.getFirstPropertyValue("status")).toBe("CANCELLED");

    const next = (await call(feed.POST, { method: "POST", token: A.tokens.admin })).json!.url as string;
    expect(next).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(next)).status).toBe(200);
    expect((await fetchFeed(next.replace(/ics_[^.]+/, "ics_" + "a".repeat(32)))).status).toBe(404);
  });
});
