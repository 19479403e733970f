import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { importHistory, MAX_HISTORY_BYTES } from "@/lib/analytics/history-import";
import { ndjsonResponse, readCsvBody, wantsNdjson } from "../../_lib/ndjson";
import { otherMethods } from "../../_lib/methods";

/**
 * POST /api/v1/analytics/import — body: the history CSV (text/csv); lib/analytics/history-import.ts.
 * With `Accept: application/x-ndjson` the answer streams progress lines and ends with the result.
 */
export const POST = apiRoute(operation("post /analytics/import"), async ({ req, db, actor, query }) => {
  const text = await readCsvBody(req, MAX_HISTORY_BYTES, "the history file (split it)");
  const opts = { dryRun: query.dry_run };
  if (!wantsNdjson(req)) return importHistory(db, actor, text, opts);
  return ndjsonResponse((line) => importHistory(db, actor, text, { ...opts, onProgress: line }));
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
