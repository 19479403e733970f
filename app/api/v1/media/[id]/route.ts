import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { mediaOut } from "../../_lib/shapes";
import { removeMedia, requireMedia, setAltText } from "@/lib/media/store";
import { getConfig } from "@/lib/config";
import { mediaPatchSchema } from "@/lib/validation/media";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute({ permission: "content:read" }, async ({ db, actor, params }) =>
  mediaOut(await requireMedia(db, actor, idParam(params, "id", "media"))),
);

export const PATCH = apiRoute({ permission: "content:write", body: mediaPatchSchema }, async ({ db, actor, params, body }) =>
  mediaOut(await setAltText(db, actor, idParam(params, "id", "media"), body.alt_text)),
);

export const DELETE = apiRoute({ permission: "content:write" }, async ({ db, actor, params }) => {
  await removeMedia(db, actor, getConfig().dataDir, idParam(params, "id", "media"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
