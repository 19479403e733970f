import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { trialOut } from "@/lib/operations/shapes";
import { createTrial, listTrials } from "@/lib/trials/manage";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /trials"), async ({ db, actor }) => ({ items: (await listTrials(db, actor)).map(trialOut) }));

export const POST = apiRoute(operation("post /trials"), async ({ db, actor, body }) => created(trialOut(await createTrial(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
