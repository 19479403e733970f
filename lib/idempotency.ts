import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { completeKey, IN_PROGRESS, releaseKey, reserveKey } from "@/db/queries/idempotency";
import { AppError } from "./errors";

export const IDEMPOTENCY_WINDOW_HOURS = 24;

export interface StoredResponse {
  status: number;
  /** The answer's body as sent (JSON text), kept and replayed byte for byte; a streamed answer is not kept. */
  body: string | Response;
}

/**
 * Runs a creating request at most once per `Idempotency-Key` (per workspace, 24 h): a repeat
 * with the same body gets the first response again and creates nothing; the same key with a
 * different body is a 409. Only successful responses are kept; a failed request frees its key.
 */
export async function onceForKey(
  db: Db,
  workspaceId: string,
  key: string,
  request: { method: string; path: string; body: string },
  run: () => Promise<StoredResponse>,
): Promise<StoredResponse & { replayed: boolean }> {
  if (key.length === 0 || key.length > 255 || /[^\x21-\x7e]/.test(key)) {
    throw new AppError("bad_request:idempotency_key", "Idempotency-Key must be 1 to 255 visible ASCII characters");
  }
  const hash = crypto.createHash("sha256").update(`${request.method} ${request.path}\n${request.body}`).digest("hex");
  const held = await reserveKey(db, workspaceId, key, hash, IDEMPOTENCY_WINDOW_HOURS);
  if (held) {
    if (held.requestHash !== hash) {
      throw new AppError("conflict:idempotency_key", "This Idempotency-Key was already used with a different request. Use a new key for a new request.");
    }
    if (held.status === IN_PROGRESS) {
      throw new AppError("conflict:idempotency_key", "A request with this Idempotency-Key is still being processed. Retry in a moment.");
    }
    return { status: held.status, body: held.body, replayed: true };
  }
  let result: StoredResponse;
  try {
    result = await run();
  } catch (err) {
    await releaseKey(db, workspaceId, key);
    throw err;
  }
  if (result.status >= 200 && result.status < 300 && typeof result.body === "string") await completeKey(db, workspaceId, key, result.status, result.body);
  else await releaseKey(db, workspaceId, key);
  return { ...result, replayed: false };
}
