import { apiRoute, created } from "../_lib/handler";
import { blackoutOut } from "../_lib/shapes";
import { createBlackout, listBlackouts } from "@/lib/scheduling/blackouts";
import { blackoutCreateSchema } from "@/lib/validation/preferences";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "schedules:read" }, async ({ db, actor }) => ({ items: (await listBlackouts(db, actor)).map(blackoutOut) }));

export const POST = apiRoute({ permission: "schedules:write", body: blackoutCreateSchema, idempotent: true }, async ({ db, actor, body }) =>
  created(blackoutOut(await createBlackout(db, actor, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
