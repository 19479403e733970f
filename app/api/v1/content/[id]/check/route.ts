import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { checkContent } from "@/lib/gates";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute(operation("post /content/{id}/check"), async ({ db, actor, params, body }) => {
  const r = await checkContent(db, actor, idParam(params, "id", "content"), body.platforms);
  return { platforms: r.platforms, findings: r.findings, passes: r.passes, passes_with_acknowledgement: r.passesWithAcknowledgement };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
