import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { contentOut } from "@/lib/operations/shapes";
import { createContent, listContent } from "@/lib/content";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /content"), async ({ db, actor, query }) => {
  const r = await listContent(db, actor, query);
  return { items: r.items.map(contentOut), total: r.total, page: r.page, pages: r.pages };
});

export const POST = apiRoute(operation("post /content"), async ({ db, actor, body }) => {
  const c = await createContent(db, actor, body);
  return created({ id: c.id, status: c.status, created_at: c.createdAt.toISOString() });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
