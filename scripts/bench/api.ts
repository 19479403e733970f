/**
 * `npm run bench:api`: a Postgres database with 1,000,000 schedules over two years across eight
 * workspaces (~5,200 a month each, ~2 % of them in a min-gap conflict), the app served by
 * `npm start` on it, then p50/p95 over 200+ real HTTP requests (sent with a browser's
 * Accept-Encoding) of GET /api/v1/schedules/calendar (one month, every field, then the fields a
 * month grid needs) and GET /api/v1/content?limit=100, and the peak RSS of the whole app process tree.
 * The client is node:http on one kept-alive connection; the month and the content list are timed
 * with fetch too, in the same run.
 * BENCH_DATABASE_URL (default: the local server) names the server; BENCH_DB (default bench_api)
 * the database, made anew unless BENCH_REUSE=1.
 */
import { sql } from "drizzle-orm";
import { rowsOf, type Database } from "../../db/client";
import { fmt, measure, PER_WORKSPACE, preparedDatabase, startApp } from "./seed";

const DB = process.env.BENCH_DB ?? "bench_api";
const PORT = Number(process.env.BENCH_PORT ?? 3198);
const TOTAL = Number(process.env.BENCH_SCHEDULES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const MONTH = "start_date=2030-06-01&end_date=2030-06-30&timezone=Europe/Berlin";
/** What a month grid draws; the rest of each event is shown when it is opened. */
const GRID_FIELDS = "id,title,start,publish_status,platform_account_id,awaiting_approval";

async function explain(database: Database, workspaceId: string) {
  const plan = rowsOf<{ "QUERY PLAN": string }>(
    await database.db.execute(
      sql`explain analyze select s.id, s.scheduled_time, s.publish_status, c.title from schedules s join content_items c on c.id = s.content_item_id and c.workspace_id = s.workspace_id where s.workspace_id = ${workspaceId} and s.scheduled_time >= '2030-06-01' and s.scheduled_time < '2030-07-01' order by s.scheduled_time`,
    ),
  );
  console.log("\nEXPLAIN ANALYZE of the calendar's query (one month, one workspace):\n" + plan.map((r) => "  " + r["QUERY PLAN"]).join("\n"));
}

const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;

async function main() {
  const { url, database, token, workspaceId } = await preparedDatabase(DB, Math.max(1, Math.round(TOTAL / PER_WORKSPACE)));
  await explain(database, workspaceId);
  await database.close();

  const app = await startApp(url, PORT);
  try {
    const cal = await measure(`${app.base}/api/v1/schedules/calendar?${MONTH}`, token, REQUESTS);
    // A different 30-day window each time: nothing rendered before can be reused (every answer is built).
    const windowFrom = (i: number) => {
      const from = new Date(Date.UTC(2030, 4, 1) + i * 86_400_000);
      const to = new Date(from.getTime() + 29 * 86_400_000);
      return `${app.base}/api/v1/schedules/calendar?start_date=${from.toISOString().slice(0, 10)}&end_date=${to.toISOString().slice(0, 10)}&timezone=Europe/Berlin`;
    };
    const fresh = await measure(windowFrom, token, Math.min(REQUESTS, 200));
    const grid = await measure(`${app.base}/api/v1/schedules/calendar?${MONTH}&fields=${GRID_FIELDS}`, token, REQUESTS);
    const content = await measure(`${app.base}/api/v1/content?limit=100`, token, REQUESTS);
    // The same two requests timed with fetch, as this bench did before it used node:http (see seed.ts).
    const calFetch = await measure(`${app.base}/api/v1/schedules/calendar?${MONTH}`, token, REQUESTS, "fetch");
    const contentFetch = await measure(`${app.base}/api/v1/content?limit=100`, token, REQUESTS, "fetch");
    const answer = JSON.parse(cal.last) as { events: unknown[]; conflicts: unknown[] };
    const size = (m: { bytes: number }) => `${kib(m.bytes)} of JSON`;
    console.log(
      `\nGET /api/v1/schedules/calendar (one month, ${answer.events.length.toLocaleString("en")} events, ${answer.conflicts.length} conflicts, ${size(cal)}): ${fmt(cal.times)}`,
    );
    console.log(`  of which in the app (Server-Timing): ${fmt(cal.app)}`);
    console.log(`GET /api/v1/schedules/calendar, a different 30-day window each time (every answer built, none reused; ${size(fresh)}): ${fmt(fresh.times)}`);
    console.log(`  of which in the app (Server-Timing): ${fmt(fresh.app)}`);
    console.log(`GET /api/v1/schedules/calendar&fields=${GRID_FIELDS} (${size(grid)}): ${fmt(grid.times)}`);
    console.log(`  of which in the app (Server-Timing): ${fmt(grid.app)}`);
    console.log(`GET /api/v1/content?limit=100 (${size(content)}): ${fmt(content.times)}`);
    console.log(`  of which in the app (Server-Timing): ${fmt(content.app)}`);
    console.log(`the same with fetch as the client (its web streams cost this process CPU on the app's two cores):`);
    console.log(`  GET /api/v1/schedules/calendar (one month): ${fmt(calFetch.times)}`);
    console.log(`  GET /api/v1/content?limit=100: ${fmt(contentFetch.times)}`);
    const rss = app.peakRss();
    const mib = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MiB`;
    console.log(
      `peak RSS of the web server process: ${mib(rss.server)} (target < 512 MiB); of the whole npm start tree (npm, launcher, server): ${mib(rss.total)}`,
    );
  } finally {
    app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
