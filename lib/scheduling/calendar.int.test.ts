import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { contentItems, platformAccounts, scheduleExceptions, schedules, workspaces } from "@/db/schema";
import type { Db } from "@/db/client";
import type { PlatformId } from "@/adapters/types";
import { listAccounts } from "@/db/queries/accounts";
import { blackoutsOverlapping } from "@/db/queries/blackouts";
import { schedulesInWindow } from "@/db/queries/schedules";
import { awaitingApprovalIds } from "../approvals/queue";
import { findConflicts } from "../conflicts";
import { addDaysLocal, parseLocal, resolveLocal, utcToLocal } from "../time";
import type { Actor } from "../auth/actor";
import type { CalendarQuery } from "../validation/schedules";
import { calendar, STATUS_COLORS, withEventFields } from "./calendar";
import { rulesOf } from "./conflicts";
import { resolveTimezone } from "./resolve";
import { isBroken } from "./targets";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
let admin: Actor;

const p2 = (n: number) => String(n).padStart(2, "0");
/** The zone conversion written out the long way: what every event's times must read. */
function isoSlow(ms: number, tz: string): string {
  const l = utcToLocal(new Date(ms), tz);
  const a = Math.abs(l.offsetMinutes);
  return `${l.year}-${p2(l.month)}-${p2(l.day)}T${p2(l.hour)}:${p2(l.minute)}:${p2(l.second)}${l.offsetMinutes < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/**
 * The calendar as it was built before it read plain rows: drizzle rows, the approval queue's
 * awaiting set, and each time converted on its own. The fast path must answer exactly this.
 */
async function reference(actor: Actor, q: CalendarQuery) {
  const timezone = await resolveTimezone(db(), actor, q.timezone);
  const bound = (v: string, end: boolean) => {
    if (v.length > 10) return new Date(v);
    const day = parseLocal(`${v}T00:00`)!;
    return resolveLocal(end ? addDaysLocal(day, 1) : day, timezone).instant;
  };
  const from = bound(q.start_date, false);
  const to = bound(q.end_date, true);
  const [rows, accounts, blackouts, awaiting] = await Promise.all([
    schedulesInWindow(db(), actor.workspaceId, { from, to, platformIds: q.platforms, statuses: q.status_filter, platformAccountId: q.platform_account_id }),
    listAccounts(db(), actor.workspaceId),
    blackoutsOverlapping(db(), actor.workspaceId, from, to),
    awaitingApprovalIds(db(), actor.workspaceId),
  ]);
  const rules = new Map(accounts.map((a) => [a.id, rulesOf(a)]));
  const conflicts = findConflicts(
    rows.map((r) => ({
      id: r.id,
      accountId: r.platformAccountId,
      platformId: r.platformId as PlatformId,
      contentItemId: r.contentItemId,
      instant: r.scheduledTime,
      status: r.publishStatus,
      title: r.title,
    })),
    {
      blackouts: blackouts.map((b) => ({ id: b.id, accountId: b.platformAccountId, startsAt: b.startsAt, endsAt: b.endsAt, reason: b.reason })),
      rules: (id) => rules.get(id)!,
      timezone,
    },
  );
  const byId = new Map(accounts.map((a) => [a.id, a]));
  const open = (s: string) => s === "pending" || s === "paused";
  return {
    timezone,
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      start: isoSlow(r.scheduledTime.getTime(), timezone),
      end: isoSlow(r.scheduledTime.getTime() + 30 * 60_000, timezone),
      platform_id: r.platformId,
      platform_account_id: r.platformAccountId,
      publish_status: r.publishStatus,
      content_item_id: r.contentItemId,
      color: STATUS_COLORS[r.publishStatus] ?? "#64748b",
      account_name: byId.get(r.platformAccountId)?.name ?? "",
      tags: r.tags,
      version: r.version,
      editable: open(r.publishStatus),
      awaiting_approval: awaiting.has(r.id),
      account_status: byId.get(r.platformAccountId)?.status ?? "active",
      account_broken: open(r.publishStatus) && isBroken(byId.get(r.platformAccountId)?.status ?? "active"),
    })),
    conflicts: conflicts.map((c) => ({ type: c.type, severity: c.severity, schedule_ids: c.scheduleIds, message: c.message })),
  };
}

const sortById = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));

beforeAll(async () => {
  const ws = await makeWorkspace(db(), ["admin", "editor"]);
  admin = ws.actors.admin;
  const wsId = ws.workspace.id;
  // Pending posts by an editor wait for approval under this policy; an admin's do not.
  await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, wsId));
  const [main, broken, other] = await db()
    .insert(platformAccounts)
    .values([
      { workspaceId: wsId, platform: "sandbox", name: "Main", config: { min_gap_minutes: 60, daily_cap: 3, duplicate_days: 7 } },
      { workspaceId: wsId, platform: "sandbox", name: "Broken", status: "needs_reconnect" },
      { workspaceId: wsId, platform: "x", name: "Other" },
    ])
    .returning();
  const items = await db()
    .insert(contentItems)
    .values(
      Array.from({ length: 12 }, (_, i) => ({
        workspaceId: wsId,
        title: `Item ${i}`,
        content: `Body ${i}`,
        tags: i % 3 ? [`t${i}`] : [],
        authorId: i % 2 ? ws.actors.editor.userId : ws.actors.admin.userId,
      })),
    )
    .returning();
  await db()
    .insert(scheduleExceptions)
    .values([
      {
        workspaceId: wsId,
        platformAccountId: main!.id,
        startsAt: new Date("2031-03-29T10:00:00Z"),
        endsAt: new Date("2031-03-29T14:00:00Z"),
        reason: "Offsite",
      },
      { workspaceId: wsId, platformAccountId: null, startsAt: new Date("2031-04-02T00:00:00Z"), endsAt: new Date("2031-04-02T06:00:00Z"), reason: null },
    ]);
  const statuses = ["pending", "pending", "published", "paused", "failed", "cancelled", "pending", "publishing"] as const;
  const accounts = [main!, main!, broken!, other!];
  const rows = [];
  // Every 97 minutes from 27 March to 5 April 2031 (Europe's clocks go forward on 30 March), a
  // second post 20 minutes after every fifth, seconds and milliseconds into the minute.
  for (let i = 0, t = Date.parse("2031-03-27T00:00:07.123Z"); t < Date.parse("2031-04-05T12:00:00Z"); i++, t += 97 * 60_000) {
    const account = accounts[i % accounts.length]!;
    const status = statuses[i % statuses.length]!;
    const item = items[i % items.length]!;
    const at = new Date(t);
    const row = {
      workspaceId: wsId,
      contentItemId: item.id,
      platformAccountId: account.id,
      platformId: account.platform,
      scheduledTime: at,
      originalTime: at,
      localTime: at.toISOString().slice(0, 16),
      publishStatus: status,
      errorCode: status === "paused" ? (i % 16 === 3 ? "awaiting_approval" : "manual") : null,
    };
    rows.push(row);
    if (i % 5 === 0) rows.push({ ...row, scheduledTime: new Date(t + 20 * 60_000), originalTime: new Date(t + 20 * 60_000) });
  }
  await db().insert(schedules).values(rows);
});

describe("calendar", () => {
  for (const timezone of ["Europe/Berlin", "Australia/Lord_Howe", "America/St_Johns", "UTC"]) {
    it(`answers exactly what the row-by-row build did (${timezone})`, async () => {
      const q = { start_date: "2031-03-28", end_date: "2031-04-04", timezone };
      const fast = await calendar(db(), admin, q);
      const slow = await reference(admin, q);
      expect(fast.conflicts).toEqual(slow.conflicts);
      expect(sortById(fast.events)).toEqual(sortById(slow.events));
      expect(fast.events.map((e) => e.start)).toEqual([...fast.events.map((e) => e.start)].sort((a, b) => Date.parse(a) - Date.parse(b)));
      // The fixture covers what the fast path treats specially.
      expect(new Set(fast.conflicts.map((c) => c.type))).toEqual(new Set(["blackout", "min_gap", "daily_cap", "duplicate"]));
      expect(fast.events.some((e) => e.awaiting_approval && e.publish_status === "paused")).toBe(true);
      expect(fast.events.some((e) => e.awaiting_approval && e.publish_status === "pending")).toBe(true);
      expect(fast.events.some((e) => !e.awaiting_approval && e.publish_status === "pending")).toBe(true);
      expect(fast.events.some((e) => e.account_broken)).toBe(true);
      // Berlin's clocks go forward on 30 March 2031: the window has both offsets.
      if (timezone === "Europe/Berlin") expect(new Set(fast.events.map((e) => e.start.slice(-6)))).toEqual(new Set(["+01:00", "+02:00"]));
    });
  }

  it("filters as before, and answers only the fields asked for", async () => {
    const q = {
      start_date: "2031-03-28T00:00:00Z",
      end_date: "2031-04-01T00:00:00Z",
      timezone: "Europe/Berlin",
      status_filter: ["pending" as const],
      platforms: ["sandbox"],
    };
    const fast = await calendar(db(), admin, q);
    expect(sortById(fast.events)).toEqual(sortById((await reference(admin, q)).events));
    expect(fast.events.length).toBeGreaterThan(0);
    const slim = withEventFields(fast, ["start", "id", "awaiting_approval"]);
    expect(slim.conflicts).toBe(fast.conflicts);
    expect(slim.events[0]).toEqual({ id: fast.events[0]!.id, start: fast.events[0]!.start, awaiting_approval: fast.events[0]!.awaiting_approval });
    expect(Object.keys(slim.events[0]!)).toEqual(["id", "start", "awaiting_approval"]);
  });
});
