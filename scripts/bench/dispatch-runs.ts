/**
 * The measured runs of the dispatch benchmarks (bench:dispatch, scale-dispatch): our dispatcher
 * and graphile-worker each publishing the seeded due posts to the no-op platform, and what each
 * run reports (due→call latency, throughput, statements per post). The database, the platform and
 * the seeding are in dispatch-setup.ts.
 */
import crypto from "node:crypto";
import { pct, seedDue, type BenchDb } from "./dispatch-setup";

export interface RunResult {
  label: string;
  n: number;
  p50: number;
  p99: number;
  max: number;
  throughput: number;
  seconds: number;
  statementsPerPost: number;
  top: string[];
}

async function waitAll(b: BenchDb, n: number, label: string, quiet: boolean) {
  const t0 = Date.now();
  let lastPrint = t0;
  while (b.platform.arrivals.size < n) {
    await new Promise((r) => setTimeout(r, 50));
    if (Date.now() - t0 > 15 * 60_000) throw new Error(`${label}: only ${b.platform.arrivals.size} of ${n} arrived`);
    if (!quiet && Date.now() - lastPrint > 5000) {
      lastPrint = Date.now();
      process.stdout.write(`  ${label}: ${b.platform.arrivals.size}/${n}\n`);
    }
  }
}

function report(b: BenchDb, label: string, due: Map<string, number>, startedAt: number): RunResult {
  const lat: number[] = [];
  let lastArrival = 0;
  for (const [id, at] of due) {
    const arrived = b.platform.arrivals.get(`${id}:v1`);
    if (arrived === undefined) continue;
    lat.push(arrived - at);
    lastArrival = Math.max(lastArrival, arrived);
  }
  const seconds = (lastArrival - startedAt) / 1000;
  if (process.env.BENCH_TIMELINE) {
    const perSecond = new Map<number, number>();
    for (const at of b.platform.arrivals.values())
      perSecond.set(Math.floor((at - startedAt) / 1000), (perSecond.get(Math.floor((at - startedAt) / 1000)) ?? 0) + 1);
    console.log(
      `  arrivals per second after due: ${[...perSecond]
        .sort((x, y) => x[0] - y[0])
        .map(([k, v]) => `${k}s:${v}`)
        .join(" ")}`,
    );
  }
  const per = Math.max(1, lat.length);
  return {
    label,
    n: lat.length,
    p50: pct(lat, 50),
    p99: pct(lat, 99),
    max: lat.reduce((m, x) => Math.max(m, x), -Infinity),
    throughput: lat.length / seconds,
    seconds,
    statementsPerPost: b.statements.total / per,
    top: b.statements.top(12, per),
  };
}

/** BENCH_FETCH=global: platform calls through the global fetch instead of the engine's default. */
const fetchOverride = () => (process.env.BENCH_FETCH === "global" ? { fetch: globalThis.fetch } : {});

export interface RunOptions {
  n: number;
  spreadMs: number;
  concurrency: number;
  label: string;
  quiet?: boolean;
}

/** Our dispatcher, ticking every second as the embedded runner does. */
export async function runOurs(b: BenchDb, o: RunOptions): Promise<RunResult> {
  const { Dispatcher } = await import("../../lib/publishing/dispatcher");
  const { configuredEngine } = await import("../../lib/publishing/deps");
  const { start, due } = await seedDue(b, o.n, o.spreadMs);
  const deps = configuredEngine(b.db, `bench-${o.label}-${crypto.randomUUID().slice(0, 8)}`, { publishTimeoutMs: 10_000, ...fetchOverride() });
  const dispatcher = new Dispatcher(b.db, deps, {
    concurrency: o.concurrency,
    perAccount: Math.max(2, Math.ceil(o.concurrency / b.accounts.length) * 2),
    leaseSeconds: 60,
    missedGraceSeconds: 3600,
    missedWindowMinutes: 1440,
    intervalMs: 1000,
  });
  b.statements.reset();
  const timer = setInterval(() => void dispatcher.tick().catch((e) => console.error(e)), 1000);
  await waitAll(b, o.n, o.label, !!o.quiet);
  clearInterval(timer);
  await dispatcher.stop();
  return report(b, o.label, due, start);
}

/** graphile-worker: one job per post, each claiming its schedule and running the same engine step. */
export async function runGraphile(b: BenchDb, o: RunOptions): Promise<RunResult> {
  const { run, makeWorkerUtils, Logger } = await import("graphile-worker");
  const { configuredEngine } = await import("../../lib/publishing/deps");
  const { processClaim } = await import("../../lib/publishing/engine");
  const { claimOne } = await import("../../db/queries/publishing");
  const { start, due } = await seedDue(b, o.n, o.spreadMs);
  const utils = await makeWorkerUtils({ connectionString: b.url });
  await utils.migrate();
  const deps = configuredEngine(b.db, `graphile-${o.label}`, { publishTimeoutMs: 10_000, ...fetchOverride() });
  const ids = [...due.keys()];
  for (let off = 0; off < ids.length; off += 1000) {
    await utils.addJobs(ids.slice(off, off + 1000).map((id) => ({ identifier: "publish", payload: { id }, runAt: new Date(due.get(id)!) })));
  }
  b.statements.reset();
  const runner = await run({
    connectionString: b.url,
    logger: new Logger(() => () => {}),
    concurrency: o.concurrency,
    noHandleSignals: true,
    pollInterval: 1000,
    taskList: {
      publish: async (payload) => {
        const claim = await claimOne(b.db, { runnerId: deps.runnerId, id: (payload as { id: string }).id, leaseSeconds: 60 });
        if (claim) await processClaim(b.db, deps, claim);
      },
    },
  });
  await waitAll(b, o.n, o.label, !!o.quiet);
  await runner.stop();
  await utils.release();
  return report(b, o.label, due, start);
}

export function formatResult(r: RunResult): string {
  return `${r.label.padEnd(36)} n=${r.n}  due→call p50 ${r.p50} ms  p99 ${r.p99} ms  max ${r.max} ms  throughput ${r.throughput.toFixed(0)} publishes/s (${r.seconds.toFixed(1)} s)  ${r.statementsPerPost.toFixed(2)} statements/post`;
}
