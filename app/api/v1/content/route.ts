import { apiRoute, created, JsonText } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { EncodedJson } from "@/lib/http/encoding";
import { createContent, listContentText } from "@/lib/content";
import { otherMethods } from "../_lib/methods";

// Postgres writes the page's JSON (db/queries/content-json.ts: the same items contentOut makes);
// it is packed once, here, in the coding the client prefers.
export const GET = apiRoute(operation("get /content"), async ({ db, actor, query }) => new JsonText(new EncodedJson(await listContentText(db, actor, query))));

export const POST = apiRoute(operation("post /content"), async ({ db, actor, body }) => {
  const c = await createContent(db, actor, body);
  return created({ id: c.id, status: c.status, created_at: c.createdAt.toISOString() });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
