import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { signatureOut } from "@/lib/templates/shapes";
import { createSignature, listSignatures } from "@/lib/templates/snippets";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /signatures"), async ({ db, actor }) => ({ items: (await listSignatures(db, actor)).map(signatureOut) }));

export const POST = apiRoute(operation("post /signatures"), async ({ db, actor, body }) => created(signatureOut(await createSignature(db, actor, body))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
