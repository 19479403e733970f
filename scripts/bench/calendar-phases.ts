/**
 * The calendar API's work in one process against a seeded bench database (run `npm run bench:api`
 * once first), old and new side by side, alternating, so a noisy machine weighs on both alike:
 *   old: rows through drizzle's mapping, the approval queue's awaiting set, a Date per time,
 *        JSON.stringify, gzip at level 6 (what Next.js applied to every answer);
 *   new: calendar() as served, JSON.stringify, and what brotli at quality 1 would cost instead.
 * BENCH_DATABASE_URL names the server, BENCH_DB the database (default bench_api), BENCH_REQUESTS the rounds.
 */
import zlib from "node:zlib";
import { sql } from "drizzle-orm";
import { openDatabase, rowsOf, type Db } from "../../db/client";
import { withDatabaseName } from "../../db/testing";
import { listAccounts } from "../../db/queries/accounts";
import { blackoutsOverlapping } from "../../db/queries/blackouts";
import { schedulesInWindow } from "../../db/queries/schedules";
import type { PlatformId } from "../../adapters/types";
import { awaitingApprovalIds } from "../../lib/approvals/queue";
import type { Actor } from "../../lib/auth/actor";
import { findConflicts } from "../../lib/conflicts";
import { calendar, STATUS_COLORS } from "../../lib/scheduling/calendar";
import { rulesOf } from "../../lib/scheduling/conflicts";
import { isBroken } from "../../lib/scheduling/targets";
import { offsetFinder } from "../../lib/time";

const ADMIN_URL = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = process.env.BENCH_DB ?? "bench_api";
const N = Number(process.env.BENCH_REQUESTS ?? 30);
const TZ = "Europe/Berlin";
const FROM = new Date("2030-05-31T22:00:00Z");
const TO = new Date("2030-06-30T22:00:00Z");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p2 = (n: number) => String(n).padStart(2, "0");

const offsetOf = offsetFinder(TZ);
/** The former isoInZone: a Date and six paddings per value. */
function isoOld(ms: number): string {
  const off = offsetOf(ms);
  const w = new Date(Math.floor(ms / 1000) * 1000 + off * 60_000);
  const a = Math.abs(off);
  return `${w.getUTCFullYear()}-${p2(w.getUTCMonth() + 1)}-${p2(w.getUTCDate())}T${p2(w.getUTCHours())}:${p2(w.getUTCMinutes())}:${p2(w.getUTCSeconds())}${off < 0 ? "-" : "+"}${p2(Math.floor(a / 60))}:${p2(a % 60)}`;
}

/** The calendar as it was built before. */
async function oldCalendar(db: Db, actor: Actor) {
  const [rows, accounts, blackouts, awaiting] = await Promise.all([
    schedulesInWindow(db, actor.workspaceId, { from: FROM, to: TO }),
    listAccounts(db, actor.workspaceId),
    blackoutsOverlapping(db, actor.workspaceId, FROM, TO),
    awaitingApprovalIds(db, actor.workspaceId),
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
      timezone: TZ,
    },
  );
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const statuses = new Map(accounts.map((a) => [a.id, a.status]));
  const open = ["pending", "paused"];
  return {
    timezone: TZ,
    events: rows.map((r) => ({
      id: r.id,
      title: r.title,
      start: isoOld(r.scheduledTime.getTime()),
      end: isoOld(r.scheduledTime.getTime() + 30 * 60_000),
      platform_id: r.platformId,
      platform_account_id: r.platformAccountId,
      publish_status: r.publishStatus,
      content_item_id: r.contentItemId,
      color: STATUS_COLORS[r.publishStatus] ?? "#64748b",
      account_name: names.get(r.platformAccountId) ?? "",
      tags: r.tags,
      version: r.version,
      editable: open.includes(r.publishStatus),
      awaiting_approval: awaiting.has(r.id),
      account_status: statuses.get(r.platformAccountId) ?? "active",
      account_broken: open.includes(r.publishStatus) && isBroken(statuses.get(r.platformAccountId) ?? "active"),
    })),
    conflicts: conflicts.map((c) => ({ type: c.type, severity: c.severity, schedule_ids: c.scheduleIds, message: c.message })),
  };
}

async function main() {
  const database = await openDatabase({ databaseUrl: withDatabaseName(ADMIN_URL, DB), max: 4 });
  const [ws] = rowsOf<{ id: string }>(await database.db.execute(sql`select id from workspaces order by slug limit 1`));
  const actor: Actor = { userId: null, tokenId: null, workspaceId: ws!.id, role: "admin" };
  const q = { start_date: "2030-06-01", end_date: "2030-06-30", timezone: TZ };
  const t = {
    oldBuild: [] as number[],
    oldJson: [] as number[],
    oldGzip: [] as number[],
    newBuild: [] as number[],
    newJson: [] as number[],
    newBr: [] as number[],
  };
  let sizes = "";
  for (let i = 0; i < N + 3; i++) {
    const a = performance.now();
    const old = await oldCalendar(database.db, actor);
    const b = performance.now();
    const oldBody = JSON.stringify(old);
    const c = performance.now();
    const gz = zlib.gzipSync(oldBody);
    const d = performance.now();
    const out = await calendar(database.db, actor, q);
    const e = performance.now();
    const body = JSON.stringify(out);
    const f = performance.now();
    const br = zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 1 } });
    const g = performance.now();
    if (i >= 3) {
      t.oldBuild.push(b - a);
      t.oldJson.push(c - b);
      t.oldGzip.push(d - c);
      t.newBuild.push(e - d);
      t.newJson.push(f - e);
      t.newBr.push(g - f);
    }
    if (oldBody !== body) throw new Error("the old and the new calendar differ");
    sizes = `${out.events.length} events, ${out.conflicts.length} conflicts, ${(body.length / 1024).toFixed(0)} KiB JSON, gzip-6 ${(gz.length / 1024).toFixed(0)} KiB, br-1 ${(br.length / 1024).toFixed(0)} KiB`;
  }
  const m = (xs: number[]) => median(xs).toFixed(1);
  console.log(sizes);
  console.log(`old: build ${m(t.oldBuild)} ms, JSON ${m(t.oldJson)} ms, gzip-6 ${m(t.oldGzip)} ms (medians of ${N})`);
  console.log(`new: build ${m(t.newBuild)} ms, JSON ${m(t.newJson)} ms, br-1 ${m(t.newBr)} ms `);
  await database.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
