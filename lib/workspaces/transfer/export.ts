import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { workspaces } from "@/db/schema";
import { TRANSFER_TABLES, transferRows, workspacePeople, workspaceRow } from "@/db/queries/workspace-transfer";
import type { Keyring } from "../../crypto";
import { AppError, notFound } from "../../errors";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import { APP_VERSION, ARCHIVE_FORMAT, FORMAT_VERSION, MIN_PASSPHRASE, SCHEMA_VERSION, type ExportOptions, type Manifest } from "./format";
import { HashedFile, hashFile, scratchDir } from "./files";
import { newSealer, type Sealer } from "./seal";
import { accountOut, webhookOut } from "./secrets";
import { toArchiveRow } from "./rows";
import { packArchive, type ArchiveEntry } from "./pack";

type Row = Record<string, unknown>;

export interface ExportDeps {
  keyring: Keyring;
  /** DATA_DIR: media paths are relative to it. */
  dataDir: string;
}

function checkOptions(actor: Actor, o: ExportOptions) {
  // A token is a long-lived secret in scripts and CI: it must not be able to carry the accounts off.
  if (o.includeCredentials && actor.tokenId) {
    throw new AppError(
      "forbidden:credentials_token",
      "account credentials leave only from a signed-in admin's session (Settings → Backup), not with an API token; export without include_credentials",
    );
  }
  if (o.includeCredentials && !o.passphrase) {
    throw new AppError("bad_request:passphrase", "account credentials leave only sealed: give a passphrase to export them", [
      { field: "passphrase", message: "required with include_credentials" },
    ]);
  }
  if (o.passphrase !== null && o.passphrase.length < MIN_PASSPHRASE) {
    throw new AppError("bad_request:passphrase", `the passphrase must have at least ${MIN_PASSPHRASE} characters`, [
      { field: "passphrase", message: `at least ${MIN_PASSPHRASE} characters` },
    ]);
  }
}

interface Staged {
  manifest: Manifest;
  entries: ArchiveEntry[];
  slug: string;
}

/**
 * Writes every kind's rows to NDJSON files in `dir`, all read in one repeatable-read snapshot so
 * the files agree with one another (no schedule without its content).
 */
async function stage(db: Db, workspaceId: string, dir: string, deps: ExportDeps, o: ExportOptions, sealer: Sealer | null): Promise<Staged> {
  const webhookMode = !o.includeSecrets ? "none" : sealer ? "sealed" : "plain";
  const files: Manifest["files"] = [];
  const counts: Record<string, number> = {};
  const entries: ArchiveEntry[] = [];
  const mediaRows: { id: string; storagePath: string }[] = [];
  await fs.promises.mkdir(path.join(dir, "data"));

  async function writeKind(kind: string, rows: AsyncIterable<Row> | Row[]) {
    const name = `data/${kind}.ndjson`;
    const file = new HashedFile(path.join(dir, name));
    try {
      for await (const row of rows) await file.line(row);
    } catch (err) {
      await file.abandon();
      throw err;
    }
    const done = await file.close();
    files.push({ path: name, bytes: done.bytes, sha256: done.sha256, rows: done.rows });
    counts[kind] = done.rows;
    entries.push({ name, file: file.file, bytes: done.bytes });
  }

  const found = await db.transaction(
    async (tx) => {
      const ws = await workspaceRow(tx, workspaceId);
      if (!ws) return null;
      await writeKind("workspace", [toArchiveRow(workspaces, ws)]);
      const people = await workspacePeople(tx, workspaceId);
      await writeKind(
        "people",
        people.map((p) => ({
          id: p.id,
          email: p.email,
          name: p.name,
          role: p.role,
          preferences:
            p.timezone === null
              ? null
              : {
                  timezone: p.timezone,
                  locale: p.locale,
                  week_start: p.weekStart,
                  min_posts_per_day: p.minPostsPerDay,
                  max_posts_per_day: p.maxPostsPerDay,
                  posting_frequency: p.postingFrequency,
                  min_gap_minutes: p.minGapMinutes,
                },
        })),
      );
      for (const t of TRANSFER_TABLES) {
        const rows = (async function* () {
          for await (const raw of transferRows(tx, t, workspaceId)) {
            const row = toArchiveRow(t.table, raw);
            if (t.kind === "platform_accounts") yield accountOut(row, deps.keyring, o.includeCredentials ? sealer : null);
            else if (t.kind === "webhooks") yield webhookOut(row, deps.keyring, webhookMode, sealer);
            else {
              if (t.kind === "media") mediaRows.push({ id: String(row.id), storagePath: String(row.storage_path) });
              yield row;
            }
          }
        })();
        await writeKind(t.kind, rows);
      }
      return ws;
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
  if (!found) throw notFound("workspace");

  // The files themselves, after the snapshot (reading a video must not hold the database).
  const missing: string[] = [];
  const root = path.resolve(deps.dataDir);
  for (const m of mediaRows) {
    const file = path.resolve(root, m.storagePath);
    const inside = file.startsWith(root + path.sep);
    const stat = inside ? await fs.promises.stat(file).catch(() => null) : null;
    if (!stat?.isFile()) {
      missing.push(m.id);
      continue;
    }
    const { bytes, sha256 } = await hashFile(file);
    const name = `media/${m.id}`;
    files.push({ path: name, bytes, sha256 });
    entries.push({ name, file, bytes });
  }

  const manifest: Manifest = {
    format: ARCHIVE_FORMAT,
    format_version: FORMAT_VERSION,
    schema_version: SCHEMA_VERSION,
    app_version: APP_VERSION,
    created_at: new Date().toISOString(),
    workspace: { id: found.id, name: found.name },
    counts,
    files,
    missing_media: missing,
    secrets: { webhook_secrets: webhookMode, credentials: o.includeCredentials, sealing: sealer?.sealing ?? null },
  };
  return { manifest, entries, slug: found.slug };
}

/**
 * The actor's workspace as a tar.gz stream (admins only): rows are staged to a scratch folder
 * from one snapshot first, so the archive's manifest can list every file's checksum up front,
 * then streamed; the folder goes when the stream ends, fails or is cancelled.
 */
export async function exportWorkspace(db: Db, actor: Actor, o: ExportOptions, deps: ExportDeps) {
  assertCan(actor.role, "workspace:manage");
  checkOptions(actor, o);
  const sealer = o.passphrase ? await newSealer(o.passphrase) : null;
  const scratch = await scratchDir(os.tmpdir(), "ws-export-");
  let staged: Staged;
  try {
    staged = await stage(db, actor.workspaceId, scratch.dir, deps, o, sealer);
    await writeAudit(db, actor, {
      action: "workspace.export",
      entityType: "workspace",
      entityId: actor.workspaceId,
      after: { include_secrets: o.includeSecrets, include_credentials: o.includeCredentials, counts: staged.manifest.counts },
    });
  } catch (err) {
    await scratch.remove();
    throw err;
  }
  const stream = packArchive(staged.manifest, staged.entries, scratch.remove);
  const filename = `workspace-${staged.slug}-${staged.manifest.created_at.slice(0, 10)}.tar.gz`;
  return { stream, filename, manifest: staged.manifest };
}
