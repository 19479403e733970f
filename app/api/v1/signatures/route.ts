import { apiRoute, created } from "../_lib/handler";
import { signatureOut } from "@/lib/templates/shapes";
import { createSignature, listSignatures } from "@/lib/templates/snippets";
import { signatureCreateSchema } from "@/lib/templates/validation";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor }) => ({ items: (await listSignatures(db, actor)).map(signatureOut) }));

export const POST = apiRoute({ permission: "content:write", body: signatureCreateSchema, idempotent: true }, async ({ db, actor, body }) =>
  created(signatureOut(await createSignature(db, actor, body))),
);

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
