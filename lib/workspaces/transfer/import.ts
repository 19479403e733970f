import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "@/db/client";
import { queueWorkspaceRefits } from "@/db/queries/best-times";
import { writeAudit } from "@/db/queries/audit";
import { workspaces } from "@/db/schema";
import { getUser } from "@/db/queries/users";
import { insertMembership, insertWorkspace } from "@/db/queries/workspaces";
import { insertTransferRows, keyColumns, setImportedWorkspaceSettings, TRANSFER_TABLES, type TransferTable } from "@/db/queries/workspace-transfer";
import { PLATFORMS } from "@/adapters/types";
import type { Keyring } from "../../crypto";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import { isValidTimeZone } from "../../time";
import { assertMayCreateWorkspace } from "../index";
import type { Manifest } from "./format";
import { LineTooLong, readNdjson } from "./files";
import { columnsByName, fromArchiveRow } from "./rows";
import { openSealer, type Sealer } from "./seal";
import { accountIn, webhookIn, type SecretsIn } from "./secrets";
import { moveFile, schedulesIn, sortParentsFirst, type Person } from "./kinds";

type Row = Record<string, unknown>;

export interface ImportDeps {
  keyring: Keyring;
  dataDir: string;
  /** The server's sign-up policy: where new workspaces are by invitation only, an import makes none either. */
  openSignup: boolean;
}

export interface ImportOptions {
  /** The new workspace's name; the exported one's when left out. */
  name?: string | null;
  /** The archive's secrets opened with its passphrase (archiveSealer). */
  sealer?: Sealer | null;
  onProgress?: (p: { kind: string; rows: number; total: number }) => void;
  /** Told the old → new id map once the import committed (tests compare rows through it). */
  onIds?: (ids: ReadonlyMap<string, string>) => void;
}

export interface ImportResult {
  workspace: { id: string; name: string; slug: string };
  counts: Record<string, number>;
  accounts_to_reconnect: number;
  webhooks_disabled: number;
  /** Schedules still to go out: they arrive paused (the old server may still publish them) until an admin resumes them. */
  paused_schedules: number;
  /** The exported workspace's members: they are not added; invite those who should come along. */
  people: { email: string; name: string; role: string }[];
}

const BATCH = 1000;
const KNOWN_PLATFORMS: ReadonlySet<string> = new Set(PLATFORMS);
/** Columns that name a platform (adapters/types PLATFORMS): an unknown one would reach no adapter. */
const PLATFORM_COLUMNS = ["platform", "platform_id"];
const badRow = (kind: string, line: number, message: string) => new AppError("bad_request:archive_rows", `${kind}, line ${line}: ${message}`);

/** Each line of a staged NDJSON file as an object; anything else is a damaged archive. */
async function* rowsOf(dir: string, kind: string): AsyncGenerator<{ line: number; row: Row }> {
  const file = path.join(dir, "data", `${kind}.ndjson`);
  if (!fs.existsSync(file)) return;
  const lines = readNdjson(file);
  try {
    for (;;) {
      let next: IteratorResult<{ line: number; value: unknown }>;
      try {
        next = await lines.next();
      } catch (err) {
        if (err instanceof LineTooLong) throw badRow(kind, err.line, `${err.message}; nothing was imported`);
        throw err;
      }
      if (next.done) return;
      const { line, value } = next.value;
      if (!value || typeof value !== "object" || Array.isArray(value)) throw badRow(kind, line, "not a JSON object");
      yield { line, row: value as Row };
    }
  } finally {
    await lines.return(undefined);
  }
}

async function allLines(dir: string, kind: string): Promise<{ line: number; row: Row }[]> {
  const out: { line: number; row: Row }[] = [];
  for await (const item of rowsOf(dir, kind)) out.push(item);
  return out;
}

/** A table whose rows have an `id` of their own: uuid ids get new ones, serial ids are given anew. */
function ownId(t: TransferTable): "uuid" | "serial" | null {
  const keys = keyColumns(t.table);
  if (keys.length !== 1 || keys[0]!.name !== "id") return null;
  return keys[0]!.columnType === "PgUUID" ? "uuid" : "serial";
}

/** Postgres data and integrity errors (class 22, 23): the archive's rows, not the server, are wrong. */
function rowProblem(err: unknown): string | null {
  for (let e = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^2[23]/.test(code)) return (e as Error).message;
  }
  return null;
}

/**
 * First pass over the staged files: every row is an object, each file has the rows its manifest
 * counts, and every exported id gets its new one (references point forwards as well as back, so
 * all are known before any row is written).
 */
async function planIds(dir: string, manifest: Manifest, importer: { id: string; email: string }) {
  const ids = new Map<string, string>();
  const people: Person[] = [];
  for await (const { line, row } of rowsOf(dir, "people")) {
    if (typeof row.id !== "string" || typeof row.email !== "string") throw badRow("people", line, "a person needs an id and an email");
    people.push(row as unknown as Person);
    // Their own past work stays theirs; everyone else's becomes unattributed (they are not members here).
    if (row.email.toLowerCase() === importer.email.toLowerCase()) ids.set(row.id.toLowerCase(), importer.id);
  }
  for (const t of TRANSFER_TABLES) {
    const kind = ownId(t);
    let n = 0;
    for await (const { line, row } of rowsOf(dir, t.kind)) {
      n++;
      if (kind === "uuid") {
        if (typeof row.id !== "string" || !/^[0-9a-f-]{36}$/i.test(row.id)) throw badRow(t.kind, line, "the row has no id");
        if (ids.has(row.id.toLowerCase())) throw badRow(t.kind, line, `the id ${row.id} appears twice`);
        ids.set(row.id.toLowerCase(), crypto.randomUUID());
      }
    }
    if (n !== (manifest.counts[t.kind] ?? 0))
      throw new AppError("bad_request:archive_damaged", `the archive's ${t.kind} has ${n} rows where its manifest says ${manifest.counts[t.kind] ?? 0}`);
  }
  return { ids, people };
}

/** The key to an archive's sealed secrets; a missing or wrong passphrase is a 400 before anything is written. */
export async function archiveSealer(manifest: Manifest, passphrase: string | null | undefined): Promise<Sealer | null> {
  const sealing = manifest.secrets.sealing;
  const needed = manifest.secrets.credentials || manifest.secrets.webhook_secrets === "sealed";
  if (!needed) return null;
  if (!passphrase)
    throw new AppError("bad_request:passphrase", "this archive holds sealed secrets: give the passphrase it was exported with", [
      { field: "passphrase", message: "required for this archive" },
    ]);
  if (!sealing) throw new AppError("bad_request:archive_damaged", "the archive has sealed secrets but no sealing parameters");
  return openSealer(passphrase, sealing);
}

/**
 * Creates a new workspace from an unpacked archive (see unpackArchive), the actor its only admin:
 * every id is new and every reference rewritten, all in one transaction, the media files moved in
 * before it commits (and removed if it does not).
 */
export async function importWorkspace(db: Db, actor: Actor, dir: string, manifest: Manifest, o: ImportOptions, deps: ImportDeps): Promise<ImportResult> {
  assertCan(actor.role, "workspace:manage");
  assertMayCreateWorkspace(deps.openSignup);
  const me = actor.userId ? await getUser(db, actor.userId) : null;
  if (!me) throw new AppError("bad_request:no_user", "an import needs a person to be the new workspace's admin; this token has none");
  const sealer = o.sealer ?? null;
  const { ids, people } = await planIds(dir, manifest, { id: me.id, email: me.email });
  const source = (await allLines(dir, "workspace"))[0]?.row;
  if (!source || typeof source.id !== "string") throw new AppError("bad_request:archive_damaged", "the archive has no workspace row");
  const sourceId = source.id.toLowerCase();
  const secrets: SecretsIn = { keyring: deps.keyring, sealer, reconnect: 0, newSecrets: 0 };
  const total = TRANSFER_TABLES.reduce((n, t) => n + (manifest.counts[t.kind] ?? 0), 0);
  const counts: Record<string, number> = {};
  let done = 0;
  let paused = 0;
  let newDir: string | null = null;

  try {
    const ws = await db.transaction(async (tx) => {
      const name = (o.name?.trim() || String(source.name ?? "Imported workspace")).slice(0, 200);
      const zone = typeof source.default_timezone === "string" && isValidTimeZone(source.default_timezone) ? source.default_timezone : "UTC";
      const ws = await insertWorkspace(tx, { name, defaultTimezone: zone });
      ids.set(sourceId, ws.id);
      newDir = path.join(deps.dataDir, "media", ws.id);
      const settings = fromArchiveRow("workspace", 1, workspaces, pick(source, SETTINGS), ids);
      await setImportedWorkspaceSettings(tx, ws.id, settings);
      await insertMembership(tx, { workspaceId: ws.id, userId: me.id, role: "admin" });

      for (const t of TRANSFER_TABLES) {
        const rows = t.parent ? sortParentsFirst(await allLines(dir, t.kind), t.parent) : rowsOf(dir, t.kind);
        let batch: Row[] = [];
        const flush = async () => {
          await insertTransferRows(tx, t, batch);
          done += batch.length;
          batch = [];
          o.onProgress?.({ kind: t.kind, rows: done, total });
        };
        for await (const { line, row } of rows) {
          batch.push(await decode(t, row, line));
          if (batch.length >= BATCH) await flush();
        }
        if (batch.length) await flush();
        counts[t.kind] = manifest.counts[t.kind] ?? 0;
      }
      // Best-time models are not carried: the learn-best-times job fits them from the results.
      await queueWorkspaceRefits(tx, ws.id);

      await writeAudit(
        tx,
        { ...actor, workspaceId: ws.id },
        { action: "workspace.import", entityType: "workspace", entityId: ws.id, after: { from: manifest.workspace, exported_at: manifest.created_at, counts } },
      );
      return ws;
    });
    o.onIds?.(ids);
    return {
      workspace: { id: ws.id, name: ws.name, slug: ws.slug },
      counts,
      accounts_to_reconnect: secrets.reconnect,
      webhooks_disabled: secrets.newSecrets,
      paused_schedules: paused,
      people: people.map((p) => ({ email: p.email, name: p.name, role: p.role })),
    };
  } catch (err) {
    if (newDir) await fs.promises.rm(newDir, { recursive: true, force: true });
    const problem = err instanceof AppError ? null : rowProblem(err);
    if (problem) throw new AppError("bad_request:archive_rows", `the archive's rows do not fit this server's database: ${problem}; nothing was imported`);
    throw err;
  }

  /** One archive row as its insert: secrets resealed, ids mapped, media moved into place. */
  async function decode(t: TransferTable, archived: Row, line: number): Promise<Row> {
    const cols = columnsByName(t.table);
    for (const name of PLATFORM_COLUMNS) {
      const v = archived[name];
      if (cols.has(name) && v !== null && v !== undefined && !(typeof v === "string" && KNOWN_PLATFORMS.has(v)))
        throw badRow(t.kind, line, `${name} ${JSON.stringify(v).slice(0, 40)} is not a platform this server knows`);
    }
    const oldId = typeof archived.id === "string" ? archived.id.toLowerCase() : "";
    const newId = ids.get(oldId) ?? "";
    let extra: Row = {};
    let row = archived;
    if (t.kind === "platform_accounts") [row, extra] = accountIn(archived, oldId, newId, secrets);
    if (t.kind === "webhooks") [row, extra] = webhookIn(archived, oldId, newId, secrets);
    const out = {
      ...fromArchiveRow(
        t.kind,
        line,
        t.table,
        row,
        ids,
        t.kind === "schedules" || t.kind === "publish_attempts" || t.kind === "sandbox_posts" ? { verbatim: ["idempotency_key"] } : {},
      ),
      ...extra,
    };
    if (ownId(t) === "serial") delete out.id;
    // Every row is the new workspace's, whatever id it named (a forged one would map to null or elsewhere).
    if (cols.has("workspace_id")) out[cols.get("workspace_id")!.field] = ids.get(sourceId);
    if (t.kind === "schedules") {
      Object.assign(out, schedulesIn(archived, oldId));
      // The old server may still publish what it has not sent, or be publishing it right now (its
      // runner's lease means nothing here): here it waits until an admin resumes it.
      if (out.publishStatus === "pending" || out.publishStatus === "publishing") {
        out.publishStatus = "paused";
        out.leaseOwner = null;
        out.leaseExpiresAt = null;
        paused++;
      }
    }
    if (t.kind === "media") out.storagePath = await moveMedia(oldId, newId, String(archived.storage_path ?? ""));
    return out;
  }

  /** Moves a staged file to media/<workspace>/<id><ext>; a row exported without its file keeps only the path. */
  async function moveMedia(oldId: string, newId: string, storagePath: string): Promise<string> {
    const ext = /^\.[A-Za-z0-9]{1,8}$/.test(path.extname(storagePath)) ? path.extname(storagePath).toLowerCase() : "";
    const rel = path.join("media", ids.get(sourceId)!, `${newId}${ext}`);
    const staged = path.join(dir, "media", oldId);
    if (fs.existsSync(staged)) {
      await fs.promises.mkdir(newDir!, { recursive: true });
      await moveFile(staged, path.join(deps.dataDir, rel));
    }
    return rel;
  }
}

const SETTINGS = ["approval_policy", "four_eyes", "approver_ids", "settings", "require_two_factor"];
function pick(row: Row, keys: string[]): Row {
  return Object.fromEntries(keys.filter((k) => k in row).map((k) => [k, row[k]]));
}
