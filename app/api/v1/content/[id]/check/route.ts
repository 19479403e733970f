import { apiRoute, idParam } from "../../../_lib/handler";
import { checkContent } from "@/lib/gates";
import { gateCheckSchema } from "@/lib/gates/rules";
import { otherMethods } from "../../../_lib/methods";

export const POST = apiRoute({ permission: "content:read", body: gateCheckSchema }, async ({ db, actor, params, body }) => {
  const r = await checkContent(db, actor, idParam(params, "id", "content"), body.platforms);
  return { platforms: r.platforms, findings: r.findings, passes: r.passes, passes_with_acknowledgement: r.passesWithAcknowledgement };
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["POST"]);
