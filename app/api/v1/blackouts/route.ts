import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { blackoutOut } from "@/lib/operations/shapes";
import { createBlackout, listBlackouts } from "@/lib/scheduling/blackouts";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /blackouts"), async ({ db, actor }) => ({ items: (await listBlackouts(db, actor)).map(blackoutOut) }));

export const POST = apiRoute(operation("post /blackouts"), async ({ db, actor, body }) => created(blackoutOut(await createBlackout(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
