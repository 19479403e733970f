import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { PGlite as PGliteClient } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import * as schema from "./schema";

export type Schema = typeof schema;
/** The database or a transaction: every query function takes one of these first. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Driver = "pglite" | "postgres";

export interface Database {
  db: Db;
  driver: Driver;
  close(): Promise<void>;
  /** Runs fn while holding a cluster-wide lock, so two processes never migrate at once. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>;
  /** LISTEN on a channel (NOTIFY from any process on the same database); resolves to unlisten. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /**
   * The embedded database only: its data folder as a tarball of one consistent moment, with
   * `during` run inside that moment (the backup links the media files there). See `dumpConsistent`.
   */
  dumpDataDir?: (during?: () => Promise<void>) => Promise<Blob>;
}

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The data folder ${dir} is in use by another process (pid ${pid}). The embedded database allows one process per folder: ` +
        `stop that process, use another DATA_DIR, or set DATABASE_URL to share a Postgres server.`,
    );
    this.name = "DataDirLockedError";
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Takes the data folder for this process; a stale lock (its process gone) is taken over. */
function lockDataDir(dir: string): () => void {
  const file = path.join(dir, "pglite.lock");
  for (let i = 0; i < 2; i++) {
    try {
      fs.writeFileSync(file, JSON.stringify({ pid: process.pid, host: os.hostname(), at: new Date().toISOString() }), { flag: "wx" });
      return () => {
        try {
          const held = JSON.parse(fs.readFileSync(file, "utf8")) as { pid: number };
          if (held.pid === process.pid) fs.unlinkSync(file);
        } catch {
          /* already gone */
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      let held: { pid?: number; host?: string } = {};
      try {
        held = JSON.parse(fs.readFileSync(file, "utf8"));
      } catch {
        /* half-written: treat as stale */
      }
      if (held.pid && held.pid !== process.pid && held.host === os.hostname() && alive(held.pid)) {
        throw new DataDirLockedError(dir, held.pid);
      }
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

export interface OpenOptions {
  databaseUrl?: string;
  /** Folder for the embedded database; omitted = in memory (tests). */
  dataDir?: string;
  max?: number;
  /**
   * A PGlite data-folder tarball to start from: tests load a migrated snapshot in memory; with
   * `dataDir` (which must hold no database yet) a restore writes it there.
   */
  snapshot?: Buffer;
  /** Called with each statement sent to a Postgres server (benchmarks count round trips with it). */
  onQuery?: (query: string) => void;
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const { default: postgres } = await import("postgres");
    const { drizzle } = await import("drizzle-orm/postgres-js");
    const onQuery = opts.onQuery;
    const client = postgres(opts.databaseUrl, {
      max: opts.max ?? 10,
      onnotice: () => {},
      connect_timeout: 5,
      ...(onQuery ? { debug: (_conn: number, query: string) => onQuery(query) } : {}),
    });
    const db = drizzle(client, { schema }) as unknown as Db;
    const exclusive = async <T>(fn: () => Promise<T>): Promise<T> => {
      const conn = await client.reserve();
      try {
        await conn`select pg_advisory_lock(727274)`;
        return await fn();
      } finally {
        await conn`select pg_advisory_unlock(727274)`.catch(() => {});
        conn.release();
      }
    };
    const listen = async (channel: string, onMessage: (payload: string) => void) => {
      const sub = await client.listen(channel, onMessage);
      return () => sub.unlisten();
    };
    return { db, driver: "postgres", close: () => client.end({ timeout: 5 }), exclusive, listen };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const { drizzle } = await import("drizzle-orm/pglite");
  let unlock = () => {};
  let client;
  if (opts.dataDir) {
    fs.mkdirSync(opts.dataDir, { recursive: true });
    unlock = lockDataDir(opts.dataDir);
    try {
      const loadDataDir = opts.snapshot ? new Blob([new Uint8Array(opts.snapshot)]) : undefined;
      client = await PGlite.create(path.join(opts.dataDir, "pgdata"), loadDataDir ? { loadDataDir } : {});
    } catch (err) {
      unlock();
      throw err;
    }
    process.once("exit", unlock);
  } else {
    client = await PGlite.create(opts.snapshot ? { loadDataDir: new Blob([new Uint8Array(opts.snapshot)]) } : {});
  }
  const db = drizzle(client, { schema }) as unknown as Db;
  return {
    db,
    driver: "pglite",
    exclusive: (fn) => fn(),
    listen: (channel, onMessage) => client.listen(channel, onMessage),
    dumpDataDir: (during) => dumpConsistent(client, during),
    close: async () => {
      await client.close();
      unlock();
    },
  };
}

/**
 * A tarball of a PGlite data folder holding every transaction committed before it and nothing of
 * any other, taken while the process goes on serving. Why it is one consistent moment:
 * - PGlite is one Postgres backend in WebAssembly, run on this one JavaScript thread. Every
 *   statement, and every transaction from BEGIN to COMMIT (drizzle's `db.transaction` is
 *   PGlite's `transaction`), holds PGlite's transaction lock. Inside `client.transaction` we hold
 *   it ourselves: an open transaction finishes first, the next one waits until the dump is read.
 * - CHECKPOINT then writes every changed page to the data files, so the files alone hold the
 *   committed state (nothing waits in memory, no log needs replaying when the copy is opened).
 * - `dumpDataDir` reads the whole folder into memory in one synchronous walk of PGlite's file
 *   system. Our own transaction only reads: it takes no transaction id and leaves no trace.
 * `during` runs inside the same moment: a file uploaded before it has its row in the dump or
 * none yet; a file deleted after it is still on disk (rows go first, files after the commit).
 * The backup test writes rows while it runs and finds exactly a prefix of them in the copy.
 */
async function dumpConsistent(client: PGliteClient, during?: () => Promise<void>): Promise<Blob> {
  return client.transaction(async (tx) => {
    await tx.exec("CHECKPOINT");
    await during?.();
    return client.dumpDataDir("none");
  });
}

/** Applies committed drizzle-kit migrations; an advisory lock keeps two servers from racing. */
export async function migrateDatabase(database: Database): Promise<void> {
  const migrationsFolder = MIGRATIONS_DIR;
  if (database.driver === "postgres") {
    const { migrate } = await import("drizzle-orm/postgres-js/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await database.exclusive(() => migrate(database.db as any, { migrationsFolder }));
  } else {
    const { migrate } = await import("drizzle-orm/pglite/migrator");
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    await migrate(database.db as any, { migrationsFolder });
  }
}

/**
 * Runs a fixed statement of a hot path as a named prepared statement: parsed once per connection
 * and then executed in one round trip. postgres.js sends a statement that is not prepared with a
 * Describe first and waits for the parameter types: two round trips, and a parse, every time.
 * Postgres may plan it once for all parameters (a generic plan) when that costs no more than
 * planning per call. Only for statements whose text takes a bounded number of forms: each form
 * stays prepared on its connection until the connection is recycled (postgres.js's max_lifetime).
 */
export async function executePrepared<T>(db: Db, name: string, query: SQL): Promise<T[]> {
  // The session and dialect are drizzle's own (db.execute runs through the same two, unnamed).
  const inner = db as unknown as {
    dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } };
    session: { prepareQuery(q: { sql: string; params: unknown[] }, fields: undefined, name: string, arrayMode: boolean): { execute(): Promise<unknown> } };
  };
  return rowsOf<T>(await inner.session.prepareQuery(inner.dialect.sqlToQuery(query), undefined, name, false).execute());
}

/** Rows of a raw `db.execute()` result, whichever driver produced it. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

/** True for Postgres error 23505 (unique_violation), however deep the driver wrapped it. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    if ((e as { code?: unknown }).code === "23505") return true;
  }
  return false;
}

/**
 * `= ANY(…)` over a list of ids as one array parameter: the statement's text is the same whatever
 * the list's length, so the server parses and plans it once per connection (prepared statements),
 * where `IN ($1, $2, …)` makes a new statement for each length.
 */
export function anyUuid(ids: readonly string[]) {
  return sql`ANY(${`{${ids.join(",")}}`}::uuid[])`;
}
