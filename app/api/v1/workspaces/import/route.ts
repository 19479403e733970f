import { apiRoute, created } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { bodyChunks } from "../../_lib/body";
import { MAX_ARCHIVE_BYTES, receiveWorkspaceArchive } from "@/lib/workspaces/transfer";
import { PASSPHRASE_HEADER, passphraseFromHeader } from "@/lib/validation/transfer";
import { AppError } from "@/lib/errors";
import { ndjsonResponse, wantsNdjson } from "../../_lib/ndjson";
import { otherMethods } from "../../_lib/methods";

/**
 * POST /api/v1/workspaces/import?name=… — body: the archive (application/gzip); the passphrase,
 * when it has sealed secrets, in X-Archive-Passphrase. The archive is unpacked and checked first
 * (a bad one gets its 4xx), then imported; with `Accept: application/x-ndjson` the import streams
 * `{"type":"progress",…}` lines and ends with `{"type":"result",…}` or `{"type":"error",…}`.
 */
export const POST = apiRoute(operation("post /workspaces/import"), async ({ req, db, actor, query }) => {
  if (!/^(application\/(gzip|x-gzip|x-compressed-tar|octet-stream))\b/i.test(req.headers.get("content-type") ?? "")) {
    throw new AppError("bad_request:content_type", "send the archive as the request body with Content-Type: application/gzip");
  }
  if (!req.body) throw new AppError("bad_request:not_an_archive", "the request has no archive in its body");
  const header = req.headers.get(PASSPHRASE_HEADER) || null;
  const passphrase = header === null ? null : passphraseFromHeader(header);
  if (header !== null && passphrase === null)
    throw new AppError("bad_request:passphrase", "X-Archive-Passphrase must be the passphrase percent-encoded as UTF-8 (encodeURIComponent)");
  const body = await bodyChunks(req, MAX_ARCHIVE_BYTES, "the archive");
  const received = await receiveWorkspaceArchive(db, actor, body, passphrase);
  if (!wantsNdjson(req)) return created(await received.run({ name: query.name }));

  let last = 0;
  return ndjsonResponse(
    (line) =>
      received.run({
        name: query.name,
        // About a hundred lines for a large workspace, every batch for a small one.
        onProgress: (p) => (p.rows - last >= Math.max(1000, p.total / 100) || p.rows === p.total ? ((last = p.rows), line(p)) : undefined),
      }),
    201,
  );
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
