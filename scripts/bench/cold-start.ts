/**
 * `npm run bench:start`: time from `npm start` (app already built) to the first 200 from
 * /api/health, on a fresh data folder (migrate + seed) and on an existing one. Prints medians.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";

const RUNS = Number(process.env.RUNS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3199);

async function once(dataDir: string): Promise<number> {
  const started = performance.now();
  const child = spawn("npm", ["start"], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, DEMO_ADMIN_PASSWORD: "bench-password", LOG_LEVEL: "warn" },
    stdio: "ignore",
    detached: true,
  });
  try {
    for (;;) {
      if (performance.now() - started > 120_000) throw new Error("no 200 from /api/health within 120 s");
      try {
        const res = await fetch(`http://127.0.0.1:${PORT}/api/health`);
        if (res.status === 200) return performance.now() - started;
      } catch {
        /* not listening yet */
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await new Promise((r) => child.once("exit", r));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main() {
  const warm = fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"));
  await once(warm); // builds if needed, seeds the folder reused below
  const fresh: number[] = [];
  const existing: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    fresh.push(await once(fs.mkdtempSync(path.join(os.tmpdir(), "bench-start-"))));
    existing.push(await once(warm));
  }
  const fmt = (xs: number[]) =>
    `median ${(median(xs) / 1000).toFixed(2)} s (min ${(Math.min(...xs) / 1000).toFixed(2)}, max ${(Math.max(...xs) / 1000).toFixed(2)}, n=${xs.length})`;
  console.log(`npm start → first 200 from /api/health, app already built`);
  console.log(`  empty data folder (migrate + seed): ${fmt(fresh)}`);
  console.log(`  existing data folder:               ${fmt(existing)}`);
}

void main();
