/**
 * How the calendar API's time grows with the schedules table: for each size (default 1M and 10M
 * schedules) the table is seeded set-based, the app served on it, and GET /api/v1/schedules/calendar
 * for one month timed over HTTP. Extra rows go into more workspaces of the same density (125,000
 * schedules each, two years), so the measured month of the first workspace keeps ~5,100 events
 * while the table, its indexes and the other tenants grow around it.
 *
 * `tsx scripts/bench/scale-calendar.ts` prints the table. SCALE_SIZES (comma-separated, e.g.
 * "1000000,10000000") picks the sizes; BENCH_DB (default bench_scale) the database, grown from
 * one size to the next (BENCH_REUSE=1 keeps and grows the last run's); BENCH_PORT, BENCH_REQUESTS.
 * 10M schedules take ~4 GB of disk and tens of minutes to seed on a small machine.
 */
import { sql } from "drizzle-orm";
import { rowsOf } from "../../db/client";
import { measure, pct, PER_WORKSPACE, preparedDatabase, seedSchedules, startApp } from "./seed";

export interface Row {
  schedules: number;
  workspaces: number;
  events: number;
  conflicts: number;
  p50: number;
  p95: number;
  /** The app's own share (Server-Timing), median and p95. */
  appP50: number;
  appP95: number;
  peakRssMiB: number;
}

const DB = process.env.BENCH_DB ?? "bench_scale";
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const MONTH = "start_date=2030-06-01&end_date=2030-06-30&timezone=Europe/Berlin";
export const DEFAULT_SIZES = [1_000_000, 10_000_000];

export async function calendarCurve(sizes: number[] = DEFAULT_SIZES): Promise<Row[]> {
  const sorted = [...sizes].sort((a, b) => a - b);
  const workspacesFor = (n: number) => Math.max(1, Math.round(n / PER_WORKSPACE));
  const { url, database, token } = await preparedDatabase(DB, workspacesFor(sorted[0]!));
  const rows: Row[] = [];
  try {
    for (const size of sorted) {
      await seedSchedules(database, workspacesFor(size));
      const n = rowsOf<{ n: number }>(await database.db.execute(sql`select count(*)::int as n from schedules`))[0]!.n;
      const app = await startApp(url, PORT);
      try {
        const m = await measure(`${app.base}/api/v1/schedules/calendar?${MONTH}`, token, REQUESTS);
        const answer = JSON.parse(m.last) as { events: unknown[]; conflicts: unknown[] };
        rows.push({
          schedules: n,
          workspaces: workspacesFor(size),
          events: answer.events.length,
          conflicts: answer.conflicts.length,
          p50: pct(m.times, 50),
          p95: pct(m.times, 95),
          appP50: pct(m.app, 50),
          appP95: pct(m.app, 95),
          peakRssMiB: Math.round(app.peakRss().server / 1024 / 1024),
        });
        console.log(`${n.toLocaleString("en")} schedules: p50 ${rows.at(-1)!.p50.toFixed(1)} ms, p95 ${rows.at(-1)!.p95.toFixed(1)} ms`);
      } finally {
        app.stop();
      }
    }
  } finally {
    await database.close();
  }
  return rows;
}

/** The curve as a table. */
export function formatCalendarRows(rows: Row[]): string {
  const head = ["schedules", "workspaces", "events", "conflicts", "p50 ms", "p95 ms", "app p50", "app p95", "server RSS MiB"];
  const body = rows.map((r) => [
    r.schedules.toLocaleString("en"),
    String(r.workspaces),
    String(r.events),
    String(r.conflicts),
    r.p50.toFixed(1),
    r.p95.toFixed(1),
    r.appP50.toFixed(1),
    r.appP95.toFixed(1),
    String(r.peakRssMiB),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  return [head, ...body].map((cells) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ")).join("\n");
}

export const sizesFromEnv = (env = process.env) => (env.SCALE_SIZES ? env.SCALE_SIZES.split(",").map(Number) : DEFAULT_SIZES);

if (process.argv[1]?.endsWith("scale-calendar.ts")) {
  calendarCurve(sizesFromEnv())
    .then((rows) => console.log(`\nGET /api/v1/schedules/calendar, one month of one workspace, over HTTP:\n${formatCalendarRows(rows)}`))
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
