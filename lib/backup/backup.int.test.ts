import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import http from "node:http";
import zlib from "node:zlib";
import { spawn } from "node:child_process";
import { Readable } from "node:stream";
import { NextRequest } from "next/server";
import tar from "tar-stream";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { amcheck } from "@electric-sql/pglite/contrib/amcheck";
import { openDatabase, rowsOf, type Database } from "@/db/client";
import { setDatabaseForTests } from "@/lib/database";
import { getConfig } from "@/lib/config";
import * as route from "@/app/api/backup/route";
import { BACKUP_SECRET_FILE, inspectBackup, restoreBackup } from "./index";

/**
 * `npm run backup` / `npm run restore` on a real data folder: the backup is taken from a running
 * server (this process holds the folder and serves GET /api/backup over HTTP, as the app does)
 * while rows are written, restored into an empty folder, opened and checked row by row and with
 * Postgres's amcheck. The embedded database only: there is nothing of it to test on Postgres.
 */
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "backup-test-"));
const dataDir = path.join(tmp, "data");
let database: Database;
let server: http.Server;
let base = "";
const savedDataDir = getConfig().dataDir;

function run(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", path.join("scripts", script), ...args], {
    env: { ...process.env, DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (d) => (out += d));
  child.stderr.on("data", (d) => (out += d));
  return new Promise<{ code: number | null; out: string }>((resolve) => child.on("close", (code) => resolve({ code, out })));
}

const mediaFile = (dir: string, n: number) => path.join(dir, "media", "ws-1", `m${n}.bin`);

/**
 * Transactions of two rows each (`a` n, then `b` n after a pause), back to back until stopped; and
 * media the way uploads and deletions go (lib/media/store.ts): the file, then its row; the row,
 * then its file.
 */
function writer(db: Database["db"]) {
  let committed = 0;
  let stop = false;
  const done = (async () => {
    for (let n = 1; !stop; n++) {
      await db.transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO backup_probe (n, part) VALUES (${n}, 'a')`);
        await new Promise((r) => setTimeout(r, n % 3));
        await tx.execute(sql`INSERT INTO backup_probe (n, part) VALUES (${n}, 'b')`);
      });
      committed = n;
      fs.writeFileSync(mediaFile(dataDir, n), `file ${n}`);
      await db.execute(sql`INSERT INTO backup_media (n) VALUES (${n})`);
      if (n > 2) {
        await db.execute(sql`DELETE FROM backup_media WHERE n = ${n - 2}`);
        fs.rmSync(mediaFile(dataDir, n - 2));
      }
    }
  })();
  return { committed: () => committed, stop: () => ((stop = true), done) };
}

async function probeRows(dir: string): Promise<{ n: number; part: string }[]> {
  const pg = await PGlite.create(path.join(dir, "pgdata"), { extensions: { amcheck } });
  try {
    // Consistency: every B-tree index agrees with its table, and no table has a damaged page.
    await pg.exec("CREATE EXTENSION IF NOT EXISTS amcheck");
    const indexes = await pg.query<{ n: number }>(
      `SELECT count(bt_index_check(c.oid, true))::int AS n FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
       JOIN pg_am am ON am.oid = c.relam JOIN pg_namespace s ON s.oid = c.relnamespace WHERE am.amname = 'btree' AND s.nspname = 'public'`,
    );
    expect(indexes.rows[0]!.n).toBeGreaterThan(50);
    const damaged = await pg.query(
      `SELECT t.relname, v.* FROM pg_class t JOIN pg_namespace s ON s.oid = t.relnamespace, LATERAL verify_heapam(t.oid) v
       WHERE s.nspname = 'public' AND t.relkind = 'r'`,
    );
    expect(damaged.rows).toEqual([]);
    // Every media row has its file, as it was.
    const media = (await pg.query<{ n: number }>("SELECT n FROM backup_media ORDER BY n")).rows;
    for (const { n } of media) expect(fs.readFileSync(mediaFile(dir, n), "utf8")).toBe(`file ${n}`);
    return (await pg.query<{ n: number; part: string }>("SELECT n, part FROM backup_probe ORDER BY n, part")).rows;
  } finally {
    await pg.close();
  }
}

/** The `a` rows are exactly 1..k, each with its `b`: a prefix of the commits, no half transaction. */
function committedPrefix(rows: { n: number; part: string }[]): number {
  const a = rows.filter((r) => r.part === "a").map((r) => r.n);
  const b = rows.filter((r) => r.part === "b").map((r) => r.n);
  expect(b).toEqual(a);
  expect(a).toEqual(a.map((_, i) => i + 1));
  return a.length;
}

describe.skipIf(process.env.TEST_DRIVER === "postgres")("whole-instance backup and restore of the embedded database", () => {
  beforeAll(async () => {
    database = await openDatabase({ dataDir, snapshot: fs.readFileSync(inject("dbTemplate")) });
    setDatabaseForTests(database);
    getConfig().dataDir = dataDir;
    await database.db.execute(sql`CREATE TABLE backup_probe (n int NOT NULL, part text NOT NULL, PRIMARY KEY (n, part))`);
    await database.db.execute(sql`CREATE TABLE backup_media (n int PRIMARY KEY)`);
    fs.mkdirSync(path.join(dataDir, "media", "ws-1"), { recursive: true });
    fs.writeFileSync(path.join(dataDir, "media", "ws-1", "one.png"), Buffer.alloc(300_000, 7));
    fs.writeFileSync(path.join(dataDir, "media", "ws-1", "two.mp4"), "a small video");
    fs.writeFileSync(path.join(dataDir, "media", "ws-1", "three.part"), "an upload still arriving");
    fs.writeFileSync(path.join(dataDir, "encryption.key"), getConfig().encryptionKey.toString("base64") + "\n");
    // The server code path: the route handler behind a plain HTTP server, in the process holding the folder.
    server = http.createServer(async (req, res) => {
      const answer = await route.GET(new NextRequest(new URL(req.url!, base), { headers: req.headers as Record<string, string> }));
      res.writeHead(answer.status, Object.fromEntries(answer.headers));
      if (answer.body) Readable.fromWeb(answer.body as import("node:stream/web").ReadableStream).pipe(res);
      else res.end();
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  }, 60_000);

  afterAll(async () => {
    getConfig().dataDir = savedDataDir;
    server?.close();
    await database?.close().catch(() => undefined);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it("the endpoint is off without DATA_DIR/backup.secret, and refuses a wrong bearer or a secret others can read", async () => {
    expect((await fetch(`${base}/api/backup`)).status).toBe(404);
    fs.writeFileSync(path.join(dataDir, BACKUP_SECRET_FILE), "s".repeat(43), { mode: 0o600 });
    const wrong = await fetch(`${base}/api/backup`, { headers: { authorization: `Bearer ${"t".repeat(43)}` } });
    expect(wrong.status).toBe(401);
    fs.chmodSync(path.join(dataDir, BACKUP_SECRET_FILE), 0o644);
    const shared = await fetch(`${base}/api/backup`, { headers: { authorization: `Bearer ${"s".repeat(43)}` } });
    expect(shared.status).toBe(403);
    // Anyone may ask: the answer names no path of this machine (the log says which file and why).
    const message = ((await shared.json()) as { error: { message: string } }).error.message;
    expect(message).toMatch(/backup secret file is private/);
    expect(message).not.toContain(dataDir);
    expect(message).not.toContain(tmp);
    fs.rmSync(path.join(dataDir, BACKUP_SECRET_FILE));
  });

  it("npm run backup copies the running app's database while it writes; npm run restore brings back exactly what was committed before the copy", async () => {
    const w = writer(database.db);
    while (w.committed() < 30) await new Promise((r) => setTimeout(r, 10));
    const before = w.committed();
    const file = path.join(tmp, "live.tar.gz");
    const backup = await run("backup.ts", [file], { DATA_DIR: dataDir, BACKUP_URL: base });
    const after = w.committed();
    await w.stop();
    expect(backup.out).toContain("from the running app");
    expect(backup.code).toBe(0);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(dataDir, BACKUP_SECRET_FILE)).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dataDir, "backup-staging"))).toBe(false);

    const manifest = await inspectBackup(file);
    expect(manifest.files.map((f) => f.path).filter((p) => !/\/m\d+\.bin$/.test(p))).toEqual([
      "pgdata.tar",
      "media/ws-1/one.png",
      "media/ws-1/two.mp4",
      "secrets/encryption.key",
    ]);
    expect(manifest.secrets).toEqual({ encryption_key: "included", nextauth_secret: "environment" });

    const target = path.join(tmp, "restored");
    const restore = await run("restore.ts", [file, "--data-dir", target], {});
    expect(restore.out).toContain(`Restored into ${target}`);
    expect(restore.code).toBe(0);
    const k = committedPrefix(await probeRows(target));
    // The copy is one moment between the start of the command and its end, while writes went on.
    expect(k).toBeGreaterThanOrEqual(before);
    expect(k).toBeLessThan(after);
    expect(fs.readFileSync(path.join(target, "media", "ws-1", "one.png")).equals(Buffer.alloc(300_000, 7))).toBe(true);
    expect(fs.existsSync(path.join(target, "media", "ws-1", "three.part"))).toBe(false);
    expect(fs.readFileSync(path.join(target, "encryption.key"), "utf8")).toBe(fs.readFileSync(path.join(dataDir, "encryption.key"), "utf8"));
  }, 180_000);

  it("with the app stopped, npm run backup opens the data folder itself", async () => {
    const [{ n }] = rowsOf<{ n: number }>(await database.db.execute(sql`SELECT count(*)::int AS n FROM backup_probe WHERE part = 'a'`)) as [{ n: number }];
    await database.close();
    const file = path.join(tmp, "stopped.tar.gz");
    const backup = await run("backup.ts", [file, "--no-secrets"], { DATA_DIR: dataDir });
    expect(backup.out).toContain("from the data folder");
    expect(backup.code).toBe(0);
    const target = path.join(tmp, "restored-stopped");
    const m = await restoreBackup(file, target);
    expect(m.secrets.encryption_key).toBe("left_out");
    expect(fs.existsSync(path.join(target, "encryption.key"))).toBe(false);
    expect(committedPrefix(await probeRows(target))).toBe(n);
  }, 180_000);

  it("a restore refuses a folder that is not empty, and a damaged, cut-short or altered backup, writing nothing", async () => {
    const file = path.join(tmp, "live.tar.gz");
    const full = fs.readFileSync(file);
    const busy = path.join(tmp, "busy");
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, "notes.txt"), "mine");
    await expect(restoreBackup(file, busy)).rejects.toThrow(/is not empty/);
    expect(fs.readdirSync(busy)).toEqual(["notes.txt"]);

    const cut = path.join(tmp, "cut.tar.gz");
    fs.writeFileSync(cut, full.subarray(0, Math.floor(full.length * 0.6)));
    await expect(restoreBackup(cut, path.join(tmp, "t1"))).rejects.toThrow(/is incomplete/);
    expect(fs.existsSync(path.join(tmp, "t1"))).toBe(false);

    const flipped = Buffer.from(full);
    for (let i = Math.floor(full.length / 2), end = i + 16; i < end; i++) flipped[i] = flipped[i]! ^ 0xff;
    fs.writeFileSync(path.join(tmp, "flipped.tar.gz"), flipped);
    await expect(restoreBackup(path.join(tmp, "flipped.tar.gz"), path.join(tmp, "t2"))).rejects.toThrow(/is damaged/);
    expect(fs.existsSync(path.join(tmp, "t2"))).toBe(false);

    // A well-formed archive with one file changed after the fact: only the manifest's checksum tells.
    const altered = path.join(tmp, "altered.tar.gz");
    const pack = tar.pack();
    const written = new Promise<void>((r) =>
      pack
        .pipe(zlib.createGzip())
        .pipe(fs.createWriteStream(altered))
        .on("close", () => r()),
    );
    for await (const entry of fs.createReadStream(file).pipe(zlib.createGunzip()).pipe(tar.extract())) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(c as Buffer);
      let body = Buffer.concat(chunks);
      if (entry.header.name === "media/ws-1/two.mp4") body = Buffer.from("a small vidoe");
      pack.entry({ name: entry.header.name, size: body.length }, body);
    }
    pack.finalize();
    await written;
    await expect(restoreBackup(altered, path.join(tmp, "t3"))).rejects.toThrow(/two\.mp4 does not match its checksum/);
    expect(fs.existsSync(path.join(tmp, "t3"))).toBe(false);

    const notBackup = path.join(tmp, "not-a-backup.tar.gz");
    fs.writeFileSync(notBackup, zlib.gzipSync(Buffer.from("hello")));
    await expect(restoreBackup(notBackup, path.join(tmp, "t4"))).rejects.toThrow(/damaged|incomplete|manifest/);
    expect(fs.existsSync(path.join(tmp, "t4"))).toBe(false);
  }, 60_000);
});
