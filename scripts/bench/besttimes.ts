/**
 * `npm run bench:besttimes`: how well the best-times model (lib/besttimes/model.ts) finds an
 * account's best posting slot from its own history, against the research baseline alone.
 *
 * The simulated accounts (audience shapes, posting history, noise) are in besttimes-sim.ts. Each
 * fit is the real `fitModel` with prior `baselinePrior("linkedin")` and the level unknown. Per
 * shape and N (10, 30, 100 posts) over BENCH_ACCOUNTS accounts (default 300):
 *   top-3 hit: the model's 3 best slots contain a best slot — any slot within 1 % of the true
 *              maximum "now" (a flat audience has many);
 *   regret:    mean of (g(best) − g(model's top slot)) / g(best); 0 = always a best slot.
 * Beside the model: the research baseline alone (its top slot / top 3 by research weight, ties to
 * the lower slot as in `topSlots`: Tue 08:00, 09:00, 10:00 for LinkedIn), and the oracle, which
 * knows each shape's family of accounts and shows what the same posts allow at best.
 *
 * Targets: with 30 posts a top-3 hit rate ≥ 80 % and a regret below the baseline's on every shape
 * (when both are 0 there is nothing to gain, which counts as met); with 10 posts a regret never
 * above the baseline's. BENCH_SEED changes the seed; BENCH_SIZES the Ns ("10,30,100").
 */
import { baselineFor } from "../../lib/suggestions/baselines";
import { BASELINE_KAPPA, DEFAULT_HYPER, SLOT_COUNT, baselinePrior, fitModelWith, slotOf, topSlots } from "../../lib/besttimes/model";
import { SHAPES, history, nowRates, oracle, rng, type Shape } from "./besttimes-sim";

const ACCOUNTS = Number(process.env.BENCH_ACCOUNTS ?? 300);
const SEED = Number(process.env.BENCH_SEED ?? 1);
const SIZES = (process.env.BENCH_SIZES ?? "10,30,100").split(",").map(Number);
/** For exploring only: BENCH_HYPER='{"tauDay":0.2}' and BENCH_KAPPA override the model's defaults. */
const HYPER = { ...DEFAULT_HYPER, ...JSON.parse(process.env.BENCH_HYPER ?? "{}") };
const KAPPA = Number(process.env.BENCH_KAPPA ?? BASELINE_KAPPA);
const ORACLE = process.env.BENCH_ORACLE !== "0";

/** The research baseline's own ranking: by window weight, ties to the lower slot. */
function researchTop(k: number): number[] {
  const weight = new Array<number>(SLOT_COUNT).fill(0);
  for (const w of baselineFor("linkedin").windows)
    for (const d of w.weekdays) for (let h = w.fromHour; h < w.toHour; h++) weight[slotOf(d, h)] = Math.max(weight[slotOf(d, h)]!, w.weight);
  return weight
    .map((_, i) => i)
    .sort((a, b) => weight[b]! - weight[a]! || a - b)
    .slice(0, k);
}

interface Score {
  hit: number;
  regret: number;
}
interface Cell {
  model: Score;
  research: Score;
  oracle: Score;
  fitMs: number[];
}

function runCell(shape: Shape, shapeIndex: number, n: number): Cell {
  const r = rng(SEED * 1_000_003 + shapeIndex * 1009 + n);
  const prior = baselinePrior("linkedin", KAPPA);
  const research = researchTop(3);
  const cell: Cell = { model: { hit: 0, regret: 0 }, research: { hit: 0, regret: 0 }, oracle: { hit: 0, regret: 0 }, fitMs: [] };
  for (let a = 0; a < ACCOUNTS; a++) {
    const truth = shape.members[Math.floor(r() * shape.members.length)]!;
    const posts = history(r, truth, n);
    const obs = posts.map(({ weekday, hour, rate, ageDays }) => ({ weekday, hour, rate, ageDays }));
    const t0 = performance.now();
    const model = fitModelWith(obs, prior, HYPER);
    cell.fitMs.push(performance.now() - t0);
    const g = nowRates(truth);
    const max = Math.max(...g);
    const add = (score: Score, top3: number[], top: number) => {
      score.hit += top3.some((s) => g[s]! >= 0.99 * max) ? 1 / ACCOUNTS : 0;
      score.regret += (max - g[top]!) / max / ACCOUNTS;
    };
    const top = topSlots(model, 3);
    add(cell.model, top, top[0]!);
    add(cell.research, research, research[0]!);
    if (ORACLE) {
      const o = oracle(shape, posts);
      add(cell.oracle, o.top3, o.top);
    }
  }
  return cell;
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`.padStart(7);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

function main() {
  console.log(`best-times benchmark: ${ACCOUNTS} simulated accounts per cell, seed ${SEED}, prior = LinkedIn research, level unknown\n`);
  for (const s of SHAPES) console.log(`  ${s.name.padEnd(14)} ${s.note}`);
  console.log(`\n${"".padEnd(19)}       top-3 hit rate                  regret          median`);
  console.log(`${"shape".padEnd(14)} ${"N".padStart(4)}    model research  oracle     model research  oracle    fit`);
  const results: { shape: string; n: number; cell: Cell }[] = [];
  SHAPES.forEach((shape, i) => {
    for (const n of SIZES) {
      const c = runCell(shape, i, n);
      results.push({ shape: shape.name, n, cell: c });
      const o = (x: number) => (ORACLE ? pct(x) : "      –");
      console.log(
        `${shape.name.padEnd(14)} ${String(n).padStart(4)}  ${pct(c.model.hit)} ${pct(c.research.hit)} ${o(c.oracle.hit)}   ${pct(c.model.regret)} ${pct(c.research.regret)} ${o(c.oracle.regret)}  ${median(c.fitMs).toFixed(2)} ms`,
      );
    }
  });

  const beats = (c: Cell) => c.model.regret < c.research.regret || (c.model.regret === 0 && c.research.regret === 0);
  const targets = [
    { label: "N=30: top-3 hit rate ≥ 80 % on every shape", n: 30, ok: (c: Cell) => c.model.hit >= 0.8 },
    { label: "N=30: regret below the research baseline's on every shape", n: 30, ok: beats },
    { label: "N=10: regret never above the research baseline's", n: 10, ok: (c: Cell) => c.model.regret <= c.research.regret },
  ];
  console.log("");
  let failed = false;
  for (const t of targets) {
    const cells = results.filter((x) => x.n === t.n);
    if (cells.length === 0) continue;
    const misses = cells.filter((x) => !t.ok(x.cell)).map((x) => x.shape);
    failed ||= misses.length > 0;
    console.log(`${misses.length === 0 ? "PASS" : "FAIL"}  ${t.label}${misses.length ? ` (misses: ${misses.join(", ")})` : ""}`);
  }
  process.exitCode = failed ? 1 : 0;
}

main();
