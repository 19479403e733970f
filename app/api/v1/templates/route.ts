import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { templateOut } from "@/lib/templates/shapes";
import { createTemplate, listTemplates } from "@/lib/templates";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /templates"), async ({ db, actor }) => ({ items: (await listTemplates(db, actor)).map(templateOut) }));

export const POST = apiRoute(operation("post /templates"), async ({ db, actor, body }) => created(templateOut(await createTemplate(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
