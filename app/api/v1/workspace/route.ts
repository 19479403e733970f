import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { updateWorkspaceSettings, workspaceView } from "@/lib/workspaces/settings";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /workspace"), async ({ db, actor }) => workspaceView(db, actor));

export const PATCH = apiRoute(operation("patch /workspace"), async ({ db, actor, body }) => {
  await updateWorkspaceSettings(db, actor, body);
  return workspaceView(db, actor);
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(["GET", "PATCH"]);
