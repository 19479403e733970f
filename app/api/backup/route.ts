import { Readable } from "node:stream";
import { NextResponse, type NextRequest } from "next/server";
import { bodiless, otherMethods } from "@/app/api/v1/_lib/methods";
import { getDatabase } from "@/lib/database";
import { getConfig } from "@/lib/config";
import { backupAccess } from "@/lib/backup/access";
import { createBackup } from "@/lib/backup/create";
import { BackupError } from "@/lib/backup/format";

export const dynamic = "force-dynamic";

const refuse = (status: number, code: string, message: string, headers: Record<string, string> = {}) =>
  NextResponse.json({ error: { code, message } }, { status, headers: { "cache-control": "no-store", ...headers } });

/**
 * GET /api/backup: the whole instance (embedded database, media, the data folder's secrets) as
 * one tar.gz, for `npm run backup` while the app runs (the embedded database opens in one process
 * only, so the running app makes the copy). Not a workspace operation: the bearer is DATA_DIR/backup.secret, which only the machine's user can read
 * (lib/backup/access.ts); without that file the path is off (404). `?secrets=0` leaves the
 * secrets out.
 */
async function get(req: NextRequest) {
  const cfg = getConfig();
  const access = backupAccess(cfg.dataDir, req.headers.get("authorization"));
  if (!access.ok) return refuse(access.status, access.code, access.message, access.headers);
  const database = await getDatabase();
  try {
    const { stream } = await createBackup(database, {
      dataDir: cfg.dataDir,
      inUse: { encryptionKey: cfg.encryptionKey, nextauthSecret: cfg.nextauthSecret },
      withoutSecrets: new URL(req.url).searchParams.get("secrets") === "0",
    });
    return new Response(Readable.toWeb(stream) as ReadableStream<Uint8Array>, {
      headers: {
        "content-type": "application/gzip",
        "content-disposition": `attachment; filename="scheduler-backup.tar.gz"`,
        "cache-control": "no-store",
      },
    });
  } catch (err) {
    if (err instanceof BackupError) return refuse(409, "conflict:backup", err.message);
    throw err;
  }
}

export const GET = bodiless(get);
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
