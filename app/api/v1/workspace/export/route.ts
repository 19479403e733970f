import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { exportWorkspaceArchive } from "@/lib/workspaces/transfer";
import { otherMethods } from "../../_lib/methods";

async function answer(archive: Awaited<ReturnType<typeof exportWorkspaceArchive>>) {
  return new Response(archive.stream, {
    headers: {
      "content-type": "application/gzip",
      "content-disposition": `attachment; filename="${archive.filename}"`,
      "cache-control": "no-store",
    },
  });
}

/** GET /api/v1/workspace/export?include_secrets=true — the archive, without account credentials. */
export const GET = apiRoute(operation("get /workspace/export"), async ({ db, actor, query }) =>
  answer(await exportWorkspaceArchive(db, actor, { includeSecrets: query.include_secrets, includeCredentials: false, passphrase: null })),
);

/**
 * POST /api/v1/workspace/export {include_secrets, include_credentials, passphrase} — the same
 * archive with secrets sealed under the passphrase, which a POST body keeps out of URLs and logs.
 */
export const POST = apiRoute(operation("post /workspace/export"), async ({ db, actor, body }) =>
  answer(
    await exportWorkspaceArchive(db, actor, {
      includeSecrets: body.include_secrets,
      includeCredentials: body.include_credentials,
      passphrase: body.passphrase ?? null,
    }),
  ),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
