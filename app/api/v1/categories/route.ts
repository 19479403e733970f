import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { createCategory, listCategories } from "@/lib/evergreen";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /categories"), async ({ db, actor }) => ({ items: await listCategories(db, actor) }));

export const POST = apiRoute(operation("post /categories"), async ({ db, actor, body }) => created(await createCategory(db, actor, body)));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
