/**
 * A real WordPress site on loopback for the peer tests: WordPress and PHP from Debian packages,
 * the local MariaDB, and `php -S` in front.
 *
 *   tsx scripts/peers/wordpress.ts install   # apt packages when missing, site skeleton in .peers/
 *   tsx scripts/peers/wordpress.ts start     # one JSON line (the peer), runs until SIGINT/SIGTERM
 *
 * Every start gets a database of its own (dropped on stop), a data folder of its own (the site
 * folder and its uploads, removed on stop) and a free port on 127.0.0.1.
 *
 * The packaged WordPress lives in /usr/share/wordpress and its wp-config.php only reads
 * /etc/wordpress/config-<host>.php, so a site here is a folder of symlinks over it with a
 * wp-config.php of its own; the router pins ABSPATH to that folder (php -S resolves symlinks).
 */
import { execFile, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import type { WordPressPeer } from "./types";

const run = promisify(execFile);

// __dirname, not import.meta: the same file runs under tsx, Vitest and Playwright (which loads it as CommonJS).
const HERE = __dirname;
const PROJECT = path.resolve(HERE, "../..");
const CACHE = path.join(PROJECT, ".peers", "wordpress");
const SKELETON = path.join(CACHE, "skeleton");
/** Written last by install: the skeleton is complete and matches these packages. */
const STAMP = path.join(CACHE, "installed.json");
const SUPPORT = path.join(HERE, "wordpress");
const WORDPRESS = "/usr/share/wordpress";
const PACKAGES = ["wordpress", "php-cli", "php-mysql", "php-gd", "php-xml", "php-curl", "php-mbstring"];
/** The MariaDB every machine runs: loopback, root, no password. */
const DB = { host: "127.0.0.1", port: 3306, user: "root", password: "" };

type Log = (line: string) => void;

async function missingPackages(): Promise<string[]> {
  // dpkg-query fails when any package is unknown, yet prints the ones it knows.
  const out = await run("dpkg-query", ["-W", "-f=${Package} ${Status}\n", ...PACKAGES]).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? "",
  );
  const installed = new Set(
    out
      .split("\n")
      .filter((l) => l.endsWith("install ok installed"))
      .map((l) => l.split(" ")[0]),
  );
  return PACKAGES.filter((p) => !installed.has(p));
}

async function aptInstall(packages: string[], log: Log): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const install = () => run("apt-get", ["install", "-y", "--no-install-recommends", ...packages], { env, maxBuffer: 64 << 20 });
  log(`apt-get install ${packages.join(" ")}`);
  try {
    await install();
  } catch {
    // Package lists may be stale or empty (fresh container): refresh them once and try again.
    log("apt-get update");
    await run("apt-get", ["update"], { env, maxBuffer: 64 << 20 });
    await install();
  }
}

/** Every entry of `from` as a symlink in `to`, except the names in `skip`. */
function linkEntries(from: string, to: string, skip: string[]): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(from)) {
    if (skip.includes(name)) continue;
    fs.symlinkSync(path.join(from, name), path.join(to, name));
  }
}

function packageVersion(): Promise<string> {
  return run("dpkg-query", ["-W", "-f=${Version}", "wordpress"]).then((r) => r.stdout.trim());
}

/**
 * The site skeleton: symlinks over the packaged WordPress, without its wp-config.php, and a
 * wp-content of its own (themes and plugins linked, uploads per start).
 */
async function buildSkeleton(): Promise<void> {
  const tmp = `${SKELETON}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  linkEntries(WORDPRESS, tmp, ["wp-config.php", "wp-content"]);
  const content = fs.realpathSync(path.join(WORDPRESS, "wp-content"));
  linkEntries(content, path.join(tmp, "wp-content"), ["uploads", "index.php"]);
  fs.rmSync(SKELETON, { recursive: true, force: true });
  fs.renameSync(tmp, SKELETON);
}

/** Installs what is missing (idempotent; seconds when cached). */
export async function installWordPress(opts: { log?: Log } = {}): Promise<void> {
  const log = opts.log ?? (() => {});
  const missing = await missingPackages();
  if (missing.length) await aptInstall(missing, log);
  const version = await packageVersion();
  const stamp = readStamp();
  if (stamp?.version === version && fs.existsSync(SKELETON)) return;
  log(`site skeleton for WordPress ${version} in ${path.relative(PROJECT, SKELETON)}`);
  fs.mkdirSync(CACHE, { recursive: true });
  await buildSkeleton();
  fs.writeFileSync(STAMP, JSON.stringify({ version }) + "\n");
}

function readStamp(): { version?: string } | null {
  try {
    return JSON.parse(fs.readFileSync(STAMP, "utf8")) as { version?: string };
  } catch {
    return null;
  }
}

/** Cheap check for test files: packages and skeleton are in place. */
export function wordpressInstalled(): boolean {
  return fs.existsSync(STAMP) && fs.existsSync(SKELETON) && fs.existsSync(path.join(WORDPRESS, "wp-settings.php")) && fs.existsSync("/usr/bin/php");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

const php = (file: string, args: string[], env: Record<string, string> = {}) =>
  run("php", [path.join(SUPPORT, file), ...args], { env: { ...process.env, ...env }, maxBuffer: 16 << 20 });

const dbEnv = { WP_PEER_DB_HOST: DB.host, WP_PEER_DB_PORT: String(DB.port), WP_PEER_DB_USER: DB.user, WP_PEER_DB_PASSWORD: DB.password };

function wpConfig(o: { dbName: string; url: string }): string {
  const s = (v: string) => `'${v.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
  const salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"];
  return [
    "<?php",
    "// Written by scripts/peers/wordpress.ts for one test run; removed when it stops.",
    `define('DB_NAME', ${s(o.dbName)});`,
    `define('DB_USER', ${s(DB.user)});`,
    `define('DB_PASSWORD', ${s(DB.password)});`,
    `define('DB_HOST', ${s(`${DB.host}:${DB.port}`)});`,
    "define('DB_CHARSET', 'utf8mb4');",
    "define('DB_COLLATE', '');",
    ...salts.map((k) => `define('${k}', ${s(randomBytes(32).toString("hex"))});`),
    "$table_prefix = 'wp_';",
    `define('WP_HOME', ${s(o.url)});`,
    `define('WP_SITEURL', ${s(o.url)});`,
    // Application Passwords need https, or this environment type.
    "define('WP_ENVIRONMENT_TYPE', 'local');",
    // No WP-Cron: the site would make HTTP requests to itself on page loads.
    "define('DISABLE_WP_CRON', true);",
    "define('AUTOMATIC_UPDATER_DISABLED', true);",
    "define('WP_HTTP_BLOCK_EXTERNAL', true);",
    "define('WP_DEBUG', false);",
    "if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');",
    "require_once ABSPATH . 'wp-settings.php';",
    "",
  ].join("\n");
}

async function waitReady(url: string, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`php -S exited (${child.exitCode ?? child.signalCode}): ${output()}`);
    try {
      const res = await fetch(`${url}/wp-json/`, { signal: AbortSignal.timeout(5000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`WordPress did not answer at ${url}/wp-json/ within ${timeoutMs} ms: ${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function signalGroup(child: ChildProcess, sig: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, sig);
  } catch {
    // the group is already gone
  }
}

/** Ends the server's whole process group (php -S forks its workers) and waits for it. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    signalGroup(child, "SIGTERM");
    const t = setTimeout(() => signalGroup(child, "SIGKILL"), 5000);
    await exited;
    clearTimeout(t);
  }
  // Workers may outlive the parent by a moment; make sure none is left.
  signalGroup(child, "SIGKILL");
}

/** A fresh site on a free loopback port, ready when this resolves. */
export async function startWordPress(opts: { log?: Log } = {}): Promise<WordPressPeer> {
  const began = Date.now();
  const step = (what: string) => opts.log?.(`${what} (${((Date.now() - began) / 1000).toFixed(1)} s)`);
  if (!wordpressInstalled()) throw new Error("WordPress is not installed for the peer tests: run `npm run peers:install`");
  const id = randomBytes(5).toString("hex");
  const dbName = `wp_peer_${id}`;
  const data = fs.mkdtempSync(path.join(os.tmpdir(), "wp-peer-"));
  const site = path.join(data, "site");
  const uploads = path.join(data, "uploads");
  const username = "admin";
  const password = `login-${randomBytes(9).toString("base64url")}`;
  let child: ChildProcess | null = null;
  let dbMade = false;

  // If the process exits without stop() (a crashed test run), leave no server, database or files.
  const onExit = () => {
    if (child) signalGroup(child, "SIGKILL");
    if (dbMade) spawnSync("php", [path.join(SUPPORT, "db.php"), "drop", dbName], { env: { ...process.env, ...dbEnv } });
    fs.rmSync(data, { recursive: true, force: true });
  };
  process.once("exit", onExit);
  const cleanup = async () => {
    process.off("exit", onExit);
    if (child) await killGroup(child);
    if (dbMade) await php("db.php", ["drop", dbName], dbEnv);
    fs.rmSync(data, { recursive: true, force: true });
  };

  try {
    fs.cpSync(SKELETON, site, { recursive: true, verbatimSymlinks: true });
    // Uploads go to this run's data folder, through the path WordPress serves them from.
    fs.mkdirSync(uploads);
    fs.symlinkSync(uploads, path.join(site, "wp-content", "uploads"));
    await php("db.php", ["create", dbName], dbEnv);
    dbMade = true;
    step(`site folder and database ${dbName}`);

    let port = await freePort();
    const configure = () => fs.writeFileSync(path.join(site, "wp-config.php"), wpConfig({ dbName, url: `http://127.0.0.1:${port}` }));
    configure();
    const installed = await php("install.php", [site, username, password], { WP_PEER_URL: `http://127.0.0.1:${port}` });
    const { appPassword } = JSON.parse(installed.stdout.trim().split("\n").at(-1)!) as { appPassword: string };
    step("wp_install and an application password");

    for (let tries = 0; ; tries++) {
      let output = "";
      const server = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", site, path.join(SUPPORT, "router.php")], {
        cwd: site,
        // Its own process group: stop() ends php -S and the workers it forks together.
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4", WP_PEER_SITE: site },
      });
      child = server;
      const keep = (c: Buffer) => void (output = (output + c.toString()).slice(-4000));
      server.stdout!.on("data", keep);
      server.stderr!.on("data", keep);
      try {
        await waitReady(`http://127.0.0.1:${port}`, server, () => output);
        break;
      } catch (err) {
        // Someone took the port between our check and php binding it: another port, same site.
        if (tries >= 3 || !/Failed to listen|Address already in use/i.test(output)) throw err;
        await killGroup(server);
        port = await freePort();
        configure();
      }
    }
    const url = `http://127.0.0.1:${port}`;
    step(`serving ${url}`);
    let stopped: Promise<void> | null = null;
    return {
      url,
      username,
      password,
      appPassword,
      stop: () => (stopped ??= cleanup()),
    };
  } catch (err) {
    await cleanup().catch(() => {});
    throw err;
  }
}

async function main(cmd: string | undefined): Promise<void> {
  const log = (line: string) => console.error(`[wordpress] ${line}`);
  if (cmd === "install") {
    const t = Date.now();
    await installWordPress({ log });
    log(`installed in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    return;
  }
  if (cmd === "start") {
    const t = Date.now();
    const peer = await startWordPress({ log });
    const { stop, ...info } = peer;
    log(`started in ${((Date.now() - t) / 1000).toFixed(1)} s`);
    console.log(JSON.stringify(info));
    await new Promise<void>((resolve) => {
      process.once("SIGINT", () => resolve());
      process.once("SIGTERM", () => resolve());
    });
    await stop();
    log("stopped");
    return;
  }
  console.error("usage: tsx scripts/peers/wordpress.ts install|start");
  process.exitCode = 2;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(HERE, "wordpress.ts")) {
  main(process.argv[2]).catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
