/**
 * `npm test`: type-check, lint, Vitest (unit + integration on PGlite, and on Postgres when
 * TEST_DATABASE_URL is set), the adapters against real servers (a WordPress site and a Bluesky
 * PDS, when installed), then Playwright end-to-end in Chromium against the built app.
 * Every step runs; the last line totals the tests.
 *
 * With PEERS_REQUIRED=1 (CI) the real servers are installed in the background while the first
 * steps run, and a server that cannot be installed or started fails the run instead of skipping.
 */
import fs from "node:fs";
import { spawn } from "node:child_process";
import { peersInstalled, peersRequired } from "./peers/index";

const bin = (name: string) => `node_modules/.bin/${name}`;
type Step = { name: string; cmd: string; args: string[] };
/**
 * Steps in stages: a stage's steps run side by side and the next stage starts when they are all
 * done. The type-check and the lint each use one core, so together they fill both of a two-core
 * machine instead of taking turns; Vitest and Playwright use every core by themselves.
 */
const stages: Step[][] = [
  [
    { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit"] },
    { name: "lint", cmd: bin("eslint"), args: [".", "--max-warnings", "0"] },
    // Under a second: the formatting is checked, never changed, here (npm run format writes it).
    { name: "format", cmd: bin("biome"), args: ["format", "."] },
  ],
  [{ name: "vitest", cmd: bin("vitest"), args: ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"] }],
  [
    {
      name: "peers",
      cmd: bin("vitest"),
      args: ["run", "--config", "vitest.peers.config.mts", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/peers.json"],
    },
  ],
  // Built once up front, so the end-to-end servers (PGlite, and Postgres when configured) start at once.
  [{ name: "build", cmd: bin("tsx"), args: ["scripts/start.ts", "--build-only"] }],
  [{ name: "e2e", cmd: bin("playwright"), args: ["test"] }],
];

const only = process.argv.slice(2);
const results: { name: string; ok: boolean; seconds: number }[] = [];
fs.rmSync("test-results", { recursive: true, force: true });

// The peer install (apt, a compiler) overlaps the type-check and lint instead of adding to them.
const wantPeers = !only.length || only.includes("peers");
const installing = wantPeers && peersRequired() ? installInBackground() : null;
function installInBackground() {
  const started = Date.now();
  fs.mkdirSync("test-results", { recursive: true });
  const log = fs.openSync("test-results/peers-install.log", "w");
  const child = spawn(bin("tsx"), ["scripts/peers/index.ts", "install"], { stdio: ["ignore", log, log] });
  return new Promise<{ ok: boolean; seconds: number }>((resolve) =>
    child.on("exit", (code) => resolve({ ok: code === 0, seconds: (Date.now() - started) / 1000 })),
  );
}

/** Whether the peers step can run: waits for the background install, or checks what is installed. */
async function peersReady(): Promise<boolean> {
  if (installing) {
    const install = await installing;
    process.stdout.write(`\n▶ peers install (in the background since the start): ${install.ok ? "ok" : "FAILED"} after ${install.seconds.toFixed(1)} s\n`);
    process.stdout.write(fs.readFileSync("test-results/peers-install.log", "utf8"));
    results.push({ name: "peers-inst", ok: install.ok, seconds: install.seconds });
    return install.ok;
  }
  if (peersRequired()) return true;
  const have = peersInstalled();
  if (have.wordpress && have.bluesky) return true;
  process.stdout.write("\n▶ peers: skipped, the real servers are not installed here (npm run peers:install)\n");
  return false;
}

/**
 * Runs one step. Alone in its stage its output streams as it comes; beside others it is kept and
 * printed whole when the step ends, so two steps' lines never interleave.
 */
async function runStep(step: Step, alone: boolean): Promise<void> {
  if (alone) process.stdout.write(`\n▶ ${step.name}\n`);
  const started = Date.now();
  // Not spawnSync: the background install's exit must be seen when it happens.
  const child = spawn(step.cmd, step.args, { stdio: alone ? "inherit" : ["ignore", "pipe", "pipe"], env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  const output: Buffer[] = [];
  child.stdout?.on("data", (d: Buffer) => output.push(d));
  child.stderr?.on("data", (d: Buffer) => output.push(d));
  const code = await new Promise<number | null>((resolve) => child.on("close", (c) => resolve(c)));
  const seconds = (Date.now() - started) / 1000;
  if (!alone) process.stdout.write(`\n▶ ${step.name} (${seconds.toFixed(1)} s, beside the rest of its stage)\n${Buffer.concat(output).toString("utf8")}`);
  results.push({ name: step.name, ok: code === 0, seconds });
}

async function runSteps() {
  for (const stage of stages) {
    const wanted = stage.filter((step) => !only.length || only.includes(step.name));
    const runnable: Step[] = [];
    for (const step of wanted) if (step.name !== "peers" || (await peersReady())) runnable.push(step);
    await Promise.all(runnable.map((step) => runStep(step, runnable.length === 1)));
  }
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

function summarize() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const vitest = readJson("test-results/vitest.json") as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  } | null;
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
    skipped += vitest.numPendingTests + vitest.numTodoTests;
  }
  const peers = readJson("test-results/peers.json") as typeof vitest;
  if (peers) {
    passed += peers.numPassedTests;
    failed += peers.numFailedTests;
    skipped += peers.numPendingTests + peers.numTodoTests;
  }
  const e2e = readJson("test-results/e2e.json") as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } } | null;
  if (e2e) {
    passed += e2e.stats.expected;
    failed += e2e.stats.unexpected + e2e.stats.flaky;
    skipped += e2e.stats.skipped;
  }

  // CI keeps only the end of the output: what failed, and why, goes last.
  const plain = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, "");
  const brief = (s: string) =>
    plain(s)
      .split("\n")
      .filter((l) => l.trim())
      .slice(0, 8)
      .map((l) => `      ${l.slice(0, 200)}`)
      .join("\n");
  type PwSuite = {
    title: string;
    suites?: PwSuite[];
    specs?: {
      title: string;
      file: string;
      line: number;
      tests: { projectName: string; results: { status: string; startTime: string; duration: number; error?: { message?: string } }[] }[];
    }[];
  };
  const failures: string[] = [];
  const walk = (suite: PwSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests) {
        for (const r of t.results) {
          if (r.status === "passed" || r.status === "skipped") continue;
          failures.push(
            `  [${t.projectName}] ${spec.file}:${spec.line} ${spec.title}\n    ${r.status} after ${(r.duration / 1000).toFixed(1)} s, started ${r.startTime}\n${brief(r.error?.message ?? "")}`,
          );
        }
      }
    }
    for (const s of suite.suites ?? []) walk(s);
  };
  for (const s of (e2e as { suites?: PwSuite[] } | null)?.suites ?? []) walk(s);
  const vt = vitest as { testResults?: { name: string; assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[] } | null;
  for (const file of [...(vt?.testResults ?? []), ...((peers as typeof vt)?.testResults ?? [])]) {
    for (const a of file.assertionResults)
      if (a.status === "failed") failures.push(`  ${file.name.replace(process.cwd() + "/", "")} › ${a.fullName}\n${brief(a.failureMessages.join("\n"))}`);
  }
  if (failures.length) process.stdout.write(`\nFailures\n${failures.slice(0, 12).join("\n")}\n`);

  process.stdout.write("\nSummary\n");
  for (const r of results) process.stdout.write(`  ${r.ok ? "ok  " : "FAIL"} ${r.name.padEnd(10)} ${r.seconds.toFixed(1)} s\n`);
  const allOk = results.every((r) => r.ok);
  // A failing step with no counted test failure (typecheck, lint, a crash) still counts as one failure.
  if (!allOk && failed === 0) failed = results.filter((r) => !r.ok).length;
  process.stdout.write(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}\n`);
  process.exit(allOk ? 0 : 1);
}

void runSteps().then(summarize);
