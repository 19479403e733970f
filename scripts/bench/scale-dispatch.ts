/**
 * How dispatch scales: due→adapter-call latency (p50/p99, the posts spread over SCALE_SPREAD_MS)
 * and burst throughput (all due at once) of our dispatcher against a no-op platform on a real
 * Postgres, as (a) the number due grows, (b) the number of accounts grows (at 10k due), and (c) the
 * schedules table already holds 1M and 10M rows of published history (at 10k due).
 *
 * Run directly (`tsx scripts/bench/scale-dispatch.ts`) for a table, or call `dispatchCurves()`.
 * Environment (all optional):
 *   SCALE_DUE=1000,10000,100000   sizes for (a)
 *   SCALE_ACCOUNTS=1,20,1000      account counts for (b)
 *   SCALE_HISTORY=1000000,10000000 table sizes for (c) (0 or empty skips it); rows are added, not remade
 *   SCALE_N=10000                 due posts for (b) and (c)
 *   SCALE_SPREAD_MS=60000         how long the spread runs spread the posts over
 *   SCALE_CONCURRENCY=256         the dispatcher's concurrency
 *   SCALE_QUICK=1                 small sizes for a quick look (1k/5k due, 1/20/200 accounts, 200k history, 10 s spread)
 *   SCALE_REUSE=1                 keep the history curve's database (<BENCH_DB>_history) and its rows between runs
 *   BENCH_DB=bench_scale_dispatch the database (made anew), BENCH_DATABASE_URL the server
 * The 10M history takes long to insert (minutes per million on a small machine) and about 10 GB
 * of disk: check `df -h` first, or leave it out of SCALE_HISTORY.
 */
import os from "node:os";
import { benchEnvironment, dropBenchDb, historyRows, openBenchDb, RssPeak, seedHistory, type BenchDb } from "./dispatch-setup";
import { runOurs, type RunResult } from "./dispatch-runs";

benchEnvironment("bench-scale-dispatch");

export interface CurveOptions {
  due?: number[];
  accounts?: number[];
  history?: number[];
  n?: number;
  spreadMs?: number;
  concurrency?: number;
  dbName?: string;
  /** Keeps the history curve's database (and the history in it) for the next run. */
  reuse?: boolean;
  /** Prints each point as it is measured (default true). */
  print?: boolean;
}

export interface CurvePoint {
  curve: "due" | "accounts" | "history";
  due: number;
  accounts: number;
  historyRows: number;
  spread: RunResult;
  burst: RunResult;
}

const list = (v: string | undefined, fallback: number[]) =>
  v === undefined
    ? fallback
    : v
        .split(",")
        .map((x) => Number(x.trim()))
        .filter((x) => Number.isFinite(x) && x > 0);

export function optionsFromEnv(env = process.env): CurveOptions {
  const quick = !!env.SCALE_QUICK;
  return {
    due: list(env.SCALE_DUE, quick ? [1000, 5000] : [1000, 10_000, 100_000]),
    accounts: list(env.SCALE_ACCOUNTS, quick ? [1, 20, 200] : [1, 20, 1000]),
    history: list(env.SCALE_HISTORY, quick ? [200_000] : [1_000_000, 10_000_000]),
    n: Number(env.SCALE_N ?? (quick ? 5000 : 10_000)),
    spreadMs: Number(env.SCALE_SPREAD_MS ?? (quick ? 10_000 : 60_000)),
    concurrency: Number(env.SCALE_CONCURRENCY ?? 256),
    dbName: env.BENCH_DB ?? "bench_scale_dispatch",
    reuse: !!env.SCALE_REUSE,
  };
}

export function formatPoints(points: CurvePoint[]): string {
  const head = "curve     due      accounts  history     spread p50   spread p99   burst publishes/s  burst p99   statements/post";
  const rows = points.map((p) =>
    [
      p.curve.padEnd(9),
      String(p.due).padStart(7),
      String(p.accounts).padStart(9),
      String(p.historyRows).padStart(10),
      `${p.spread.p50} ms`.padStart(12),
      `${p.spread.p99} ms`.padStart(12),
      p.burst.throughput.toFixed(0).padStart(20),
      `${p.burst.p99} ms`.padStart(11),
      p.burst.statementsPerPost.toFixed(2).padStart(17),
    ].join(" "),
  );
  return [head, ...rows].join("\n");
}

export async function dispatchCurves(opts: CurveOptions = {}): Promise<CurvePoint[]> {
  const o = { ...optionsFromEnv(), ...opts };
  const print = o.print ?? true;
  const n = o.n!;
  const points: CurvePoint[] = [];
  const say = (s: string) => print && console.log(s);
  const measure = async (b: BenchDb, curve: CurvePoint["curve"], due: number, historyRows: number) => {
    const base = { concurrency: o.concurrency!, quiet: true };
    const spread = await runOurs(b, { ...base, n: due, spreadMs: o.spreadMs!, label: `${curve} spread` });
    const burst = await runOurs(b, { ...base, n: due, spreadMs: 0, label: `${curve} burst` });
    const point = { curve, due, accounts: b.accounts.length, historyRows, spread, burst };
    points.push(point);
    say(formatPoints([point]).split("\n")[1]!);
  };
  say(`scale-dispatch — concurrency ${o.concurrency}, spread over ${o.spreadMs} ms, ${os.cpus().length} cores\n${formatPoints([]).split("\n")[0]}`);

  // (a) the number due, 20 accounts
  if (o.due!.length) {
    const b = await openBenchDb({ name: o.dbName!, accounts: 20, pool: 16 });
    for (const due of o.due!) await measure(b, "due", due, 0);
    await b.close();
  }
  // (b) the number of accounts, n due
  for (const accounts of o.accounts!) {
    const b = await openBenchDb({ name: o.dbName!, accounts, pool: 16 });
    await measure(b, "accounts", n, 0);
    await b.close();
  }
  // (c) the table's size: history added up to each size, n due on top
  if (o.history!.length) {
    const b = await openBenchDb({ name: `${o.dbName!}_history`, accounts: 20, pool: 16, reuse: o.reuse });
    let rows = await historyRows(b);
    if (rows) say(`  history: ${rows.toLocaleString("en")} rows kept from an earlier run`);
    for (const size of [...o.history!].sort((x, y) => x - y)) {
      const t0 = Date.now();
      if (rows > size) {
        say(`  history: ${size.toLocaleString("en")} skipped, the kept database already holds more`);
        continue;
      }
      await seedHistory(b, size - rows, { onProgress: (done) => print && process.stdout.write(`  history: ${(rows + done).toLocaleString("en")} rows\n`) });
      rows = size;
      say(`  history: ${size.toLocaleString("en")} rows in the table (added in ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
      await measure(b, "history", n, size);
    }
    await b.close();
    if (!o.reuse) await dropBenchDb(`${o.dbName!}_history`);
  }
  return points;
}

// Run directly (not imported by another script): print the table.
if (/scale-dispatch\.[cm]?[tj]s$/.test(process.argv[1] ?? "")) {
  const rss = new RssPeak();
  dispatchCurves().then(
    (points) => {
      console.log(`\n${formatPoints(points)}\npeak RSS of the dispatching process: ${rss.mib.toFixed(0)} MiB`);
      process.exit(0);
    },
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
