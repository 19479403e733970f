/**
 * `npm run bench:scale`: how cost grows with the work and with the data.
 *  1. Dispatch (scripts/bench/scale-dispatch.ts): due→call latency and burst throughput by the
 *     number due (1k, 10k, 100k), the number of accounts (1, 20, 1,000) and the schedules already in
 *     the table (1M, 10M).
 *  2. The calendar API (scripts/bench/scale-calendar.ts): one month of one workspace over HTTP as the
 *     table grows (1M, 10M).
 * Settings: SCALE_* of each part (SCALE_QUICK=1 for a short run; SCALE_HISTORY and SCALE_SIZES pick
 * the table sizes), SCALE_ONLY=dispatch|calendar runs one part. 10M rows take tens of minutes to
 * insert on a small machine and ~10 GB of disk per part.
 */
import { dispatchCurves, formatPoints, optionsFromEnv } from "./scale-dispatch";
import { calendarCurve, formatCalendarRows, sizesFromEnv } from "./scale-calendar";

async function main() {
  const only = process.env.SCALE_ONLY;
  const out: string[] = [];
  if (only !== "calendar") {
    const points = await dispatchCurves(optionsFromEnv());
    out.push(`Dispatch:\n${formatPoints(points)}`);
    console.log(out.at(-1));
  }
  if (only !== "dispatch") {
    const quick = process.env.SCALE_QUICK === "1" && !process.env.SCALE_SIZES;
    const rows = await calendarCurve(quick ? [200_000, 1_000_000] : sizesFromEnv());
    out.push(`GET /api/v1/schedules/calendar, one month of one workspace (~5,100 events), over HTTP:\n${formatCalendarRows(rows)}`);
    console.log(out.at(-1));
  }
  console.log(`\n${out.join("\n\n")}`);
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
