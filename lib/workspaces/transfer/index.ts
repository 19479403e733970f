import path from "node:path";
import type { Db } from "@/db/client";
import { getConfig } from "../../config";
import { appKeyring } from "../../crypto/keyring";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/actor";
import { assertCan } from "../../auth/permissions";
import { assertMayCreateWorkspace } from "../index";
import type { ExportOptions, Manifest } from "./format";
import { scratchDir } from "./files";
import { exportWorkspace, type ExportDeps } from "./export";
import { archiveSealer, importWorkspace, type ImportDeps, type ImportOptions, type ImportResult } from "./import";
import { unpackArchive } from "./read";

export { MAX_ARCHIVE_BYTES } from "./read";
export { MIN_PASSPHRASE, type ExportOptions, type Manifest } from "./format";
export type { ImportResult } from "./import";

const configured = (): ExportDeps & ImportDeps => ({ keyring: appKeyring(), dataDir: getConfig().dataDir, openSignup: getConfig().signupEnabled });

/**
 * One import at a time in this process: each unpacks up to gigabytes to disk and holds one long
 * transaction, and two at once would compete for both.
 */
let importing = false;

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
  assertMayCreateWorkspace(deps.openSignup);
  if (importing) throw new AppError("conflict:import_running", "another workspace import is running on this server; try again when it has finished");
  importing = true;
  let released = false;
  const release = () => {
    if (!released) importing = false;
    released = true;
  };
  let scratch: Awaited<ReturnType<typeof scratchDir>> | null = null;
  try {
    scratch = await scratchDir(path.join(deps.dataDir, "tmp"), "ws-import-");
    const { dir, remove } = scratch;
    const manifest = await unpackArchive(body, dir);
    const sealer = await archiveSealer(manifest, passphrase);
    const done = () => remove().finally(release);
    return {
      manifest,
      run: (o) => importWorkspace(db, actor, dir, manifest, { ...o, sealer }, deps).finally(done),
      discard: done,
    };
  } catch (err) {
    await scratch?.remove();
    release();
    throw err;
  }
}
