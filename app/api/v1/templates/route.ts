import { apiRoute, created } from "../_lib/handler";
import { templateOut } from "@/lib/templates/shapes";
import { createTemplate, listTemplates } from "@/lib/templates";
import { templateCreateSchema } from "@/lib/templates/validation";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor }) => ({ items: (await listTemplates(db, actor)).map(templateOut) }));

export const POST = apiRoute({ permission: "content:write", body: templateCreateSchema, idempotent: true }, async ({ db, actor, body }) =>
  created(templateOut(await createTemplate(db, actor, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
