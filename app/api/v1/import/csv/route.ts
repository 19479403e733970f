import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { ndjsonResponse, readCsvBody, wantsNdjson } from "../../_lib/ndjson";
import { importCsv } from "@/lib/import/csv";
import { AppError } from "@/lib/errors";
import { otherMethods } from "../../_lib/methods";

const MAX_BYTES = 20 * 1024 * 1024;

/**
 * POST /api/v1/import/csv — body: the CSV file (text/csv). With `Accept: application/x-ndjson`
 * the answer streams `{"type":"progress","rows":n}` lines and ends with `{"type":"result",…}`.
 */
export const POST = apiRoute(operation("post /import/csv"), async ({ req, db, actor, query }) => {
  const text = await readCsvBody(req, MAX_BYTES, "the CSV file (split it)");
  if (!text && !req.body) throw new AppError("bad_request:csv", "the request has no CSV body");
  const opts = { dryRun: query.dry_run, mode: query.mode, duplicates: query.duplicates };
  if (!wantsNdjson(req)) {
    const result = await importCsv(db, actor, text, opts);
    // A real run that kept nothing failed: say so with the status too, the report in the details.
    if (!result.dry_run && !result.committed)
      throw new AppError("bad_request:import", `${result.error_rows} of ${result.total_rows} rows have errors; nothing was imported`, result);
    return result;
  }

  let last = 0;
  return ndjsonResponse((line) =>
    importCsv(db, actor, text, { ...opts, onProgress: (rows) => (rows - last >= 100 ? ((last = rows), line({ rows })) : undefined) }),
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
