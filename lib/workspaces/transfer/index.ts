import path from "node:path";
import type { Db } from "@/db/client";
import { getConfig } from "../../config";
import { appKeyring } from "../../crypto/keyring";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import type { ExportOptions, Manifest } from "./format";
import { scratchDir } from "./files";
import { exportWorkspace, type ExportDeps } from "./export";
import { archiveSealer, importWorkspace, type ImportDeps, type ImportOptions, type ImportResult } from "./import";
import { unpackArchive } from "./read";

export { MAX_ARCHIVE_BYTES } from "./read";
export { MIN_PASSPHRASE, type ExportOptions, type Manifest } from "./format";
export type { ImportResult } from "./import";

const configured = (): ExportDeps & ImportDeps => ({ keyring: appKeyring(), dataDir: getConfig().dataDir });

/** The actor's workspace as a tar.gz stream with its file name (docs/backup.md). */
export function exportWorkspaceArchive(db: Db, actor: Actor, o: ExportOptions, deps = configured()) {
  return exportWorkspace(db, actor, o, deps);
}

export interface ReceivedArchive {
  manifest: Manifest;
  /** Writes the new workspace (one transaction); the unpacked files go either way. */
  run(o: Omit<ImportOptions, "sealer">): Promise<ImportResult>;
  /** Drops the unpacked files without importing. */
  discard(): Promise<void>;
}

/**
 * Takes an uploaded archive in two steps, so a route can refuse a bad one with its own status
 * before it starts streaming progress: first unpack and check it (checksums, versions, the
 * passphrase), then `run` the import. Unpacked under DATA_DIR/tmp, beside the media folder the
 * files are moved into.
 */
export async function receiveWorkspaceArchive(
  db: Db,
  actor: Actor,
  body: AsyncIterable<Uint8Array>,
  passphrase: string | null,
  deps = configured(),
): Promise<ReceivedArchive> {
  assertCan(actor.role, "workspace:manage");
  if (!actor.userId) throw new AppError("bad_request:no_user", "an import needs a person to be the new workspace's admin; this token has none");
  const scratch = await scratchDir(path.join(deps.dataDir, "tmp"), "ws-import-");
  try {
    const manifest = await unpackArchive(body, scratch.dir);
    const sealer = await archiveSealer(manifest, passphrase);
    return {
      manifest,
      run: (o) => importWorkspace(db, actor, scratch.dir, manifest, { ...o, sealer }, deps).finally(scratch.remove),
      discard: scratch.remove,
    };
  } catch (err) {
    await scratch.remove();
    throw err;
  }
}
