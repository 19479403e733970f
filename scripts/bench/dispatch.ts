/**
 * `npm run bench:dispatch`: N schedules (default 10,000) published to a no-op platform on
 * loopback through a real Postgres, by our dispatcher and by graphile-worker doing the same
 * engine work per job. Prints due→adapter-call latency (p50/p99) with the N spread over one
 * minute, and burst throughput (all N due at once) for both, with the ratio, the statements our
 * engine sends per published post, and the peak RSS of this process (which does the dispatch).
 *
 * BENCH_DATABASE_URL (default: the local server) names the server; database BENCH_DB (default
 * `bench_dispatch`) is made anew. BENCH_N, BENCH_ACCOUNTS, BENCH_CONCURRENCY tune the run;
 * BENCH_ONLY=burst (or spread) runs that run of ours alone; BENCH_STATEMENTS=1 lists the statements per post;
 * BENCH_FETCH=global sends the platform calls through the global fetch (the engine's default is lighter).
 */
import os from "node:os";
import { benchEnvironment, openBenchDb, RssPeak } from "./dispatch-setup";
import { formatResult, runGraphile, runOurs, type RunResult } from "./dispatch-runs";

benchEnvironment("bench-dispatch");

const N = Number(process.env.BENCH_N ?? 10_000);
const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 20);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 256);
const DB_NAME = process.env.BENCH_DB ?? "bench_dispatch";
const POOL = 16;

async function main() {
  const rss = new RssPeak();
  const b = await openBenchDb({ name: DB_NAME, accounts: ACCOUNTS, pool: POOL });
  const showStatements = (r: RunResult) => {
    if (process.env.BENCH_STATEMENTS) console.log(`  statements per post (${r.label}):\n${r.top.map((l) => `    ${l}`).join("\n")}`);
  };
  console.log(
    `bench:dispatch — ${N.toLocaleString("en")} posts, ${ACCOUNTS} accounts, concurrency ${CONCURRENCY}, Postgres pool ${POOL}, ${os.cpus().length} cores`,
  );
  if (process.env.BENCH_ONLY === "burst" || process.env.BENCH_ONLY === "spread") {
    const spread = process.env.BENCH_ONLY === "spread";
    const r = await runOurs(b, { n: N, spreadMs: spread ? 60_000 : 0, concurrency: CONCURRENCY, label: spread ? "ours, spread over 1 min" : "ours, burst" });
    console.log(formatResult(r));
    showStatements(r);
    console.log(`peak RSS of the dispatching process: ${rss.mib.toFixed(0)} MiB (target < 512 MiB)`);
    await b.close();
    return;
  }
  const results: RunResult[] = [];
  results.push(await runOurs(b, { n: N, spreadMs: 60_000, concurrency: CONCURRENCY, label: "ours, spread over 1 min" }));
  results.push(await runOurs(b, { n: N, spreadMs: 0, concurrency: CONCURRENCY, label: "ours, burst" }));
  const oursPeak = rss.mib;
  results.push(await runGraphile(b, { n: N, spreadMs: 60_000, concurrency: CONCURRENCY, label: "graphile-worker, spread over 1 min" }));
  results.push(await runGraphile(b, { n: N, spreadMs: 0, concurrency: CONCURRENCY, label: "graphile-worker, burst" }));
  console.log("");
  for (const r of results) console.log(formatResult(r));
  for (const r of results.slice(0, 2)) showStatements(r);
  const ours = results[1]!.throughput;
  const theirs = results[3]!.throughput;
  console.log(
    `\nburst: ${ours.toFixed(0)} publishes/s (target ≥ 2,000); ours / graphile-worker ${(ours / theirs).toFixed(2)}× (target ≥ 4×); spread p99 ${results[0]!.p99} ms (target < 250 ms)`,
  );
  console.log(`peak RSS of the dispatching process: ${oursPeak.toFixed(0)} MiB during our runs, ${rss.mib.toFixed(0)} MiB overall (target < 512 MiB)`);
  console.log(`platform calls: ${b.platform.calls()} for ${4 * N} publishes (duplicates would show here)`);
  rss.stop();
  await b.close();
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
