/**
 * `npm run fuzz`: builds the app if needed, starts it on the embedded database (and on Postgres
 * when TEST_DATABASE_URL is set), runs the fuzz engine against each (FUZZ_RUNS requests per
 * driver, 10,000 by default), prints the statuses per operation and the findings, and exits
 * non-zero on any finding. FUZZ_SEED replays a run; FUZZ_OP narrows it to matching operations;
 * FUZZ_BASE fuzzes an app that is already running instead (e.g. http://localhost:3000).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawn, spawnSync } from "node:child_process";
import { startApp } from "../lib/app";
import { formatFindings, formatSlowest, formatTable, runFuzz, type FuzzReport } from "./engine";

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const PORT = Number(process.env.FUZZ_PORT ?? 3190);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const PASSWORD = "fuzz-demo-password-1";
// The seeded webhook points at loopback, as the end-to-end servers allow.
// Thousands of requests a minute from one address: the rate limits (tested on their own) would turn
// most of the run into 429 back-offs.
const ENV = {
  WEBHOOKS_ALLOW_PRIVATE: "true",
  LINK_CHECK_ALLOW_PRIVATE: "true",
  LOG_LEVEL: "error",
  RATE_LIMIT_PER_MINUTE: "1000000",
  RATE_LIMIT_ANON_PER_MINUTE: "1000000",
};

async function waitFor(url: string, child: { exitCode: number | null }) {
  for (let i = 0; i < 1500; i++) {
    if (child.exitCode !== null) throw new Error("the Postgres app exited while starting");
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("the Postgres app did not answer /api/health within 5 minutes");
}

/** The Postgres end-to-end server: a fresh database on TEST_DATABASE_URL, dropped when it stops. */
async function startPostgresApp(port: number) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "fuzz-pg-"));
  const base = `http://localhost:${port}`;
  const child = spawn(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/test/e2e-postgres-server.ts"], {
    env: { ...process.env, ...ENV, PORT: String(port), DATA_DIR: dataDir, DEMO_ADMIN_PASSWORD: PASSWORD, NEXTAUTH_URL: base },
    stdio: "ignore",
    detached: true,
  });
  const stop = async () => {
    // The whole group (npm does not pass signals down to the server); the wrapper, which handles
    // SIGTERM, still drops its database before it exits.
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      /* gone */
    }
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitFor(`${base}/api/health`, child);
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, stop };
}

async function main() {
  if (process.env.FUZZ_BASE) return report([{ name: "given", start: async () => ({ base: process.env.FUZZ_BASE!, stop: () => {} }) }]);
  const build = spawnSync(process.execPath, [path.join("node_modules", "tsx", "dist", "cli.mjs"), "scripts/start.ts", "--build-only"], {
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const drivers: { name: string; start: () => Promise<{ base: string; stop: () => void | Promise<void> }> }[] = [
    { name: "pglite", start: () => startApp({ port: PORT, password: PASSWORD, env: ENV }) },
  ];
  if (process.env.TEST_DATABASE_URL) drivers.push({ name: "postgres", start: () => startPostgresApp(PORT + 1) });
  return report(drivers);
}

async function report(drivers: { name: string; start: () => Promise<{ base: string; stop: () => void | Promise<void> }> }[]) {
  const reports: { name: string; report: FuzzReport }[] = [];
  for (const d of drivers) {
    process.stdout.write(`\n▶ ${d.name}: starting the app …\n`);
    const app = await d.start();
    try {
      const report = await runFuzz({ base: app.base, runs: RUNS, seed: SEED, only: process.env.FUZZ_OP, log: (l) => process.stdout.write(`${l}\n`) });
      reports.push({ name: d.name, report });
      process.stdout.write(
        `\nStatuses on ${d.name} (seed ${report.seed}):\n${formatTable(report)}\n\nSlowest answers: ${formatSlowest(report)}\n\n${formatFindings(report, RUNS)}\n`,
      );
    } finally {
      await app.stop();
    }
  }
  process.stdout.write("\nSummary\n");
  for (const { name, report: r } of reports) {
    process.stdout.write(
      `  ${r.findings.length ? "FAIL" : "ok  "} ${name.padEnd(9)} ${r.requests} requests in ${r.seconds.toFixed(0)} s, seed ${r.seed}; ${r.verified} refused writes checked unchanged (${r.unverified} not checkable); ${r.findings.length} finding classes\n`,
    );
  }
  process.exit(reports.some((r) => r.report.findings.length) ? 1 : 0);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
