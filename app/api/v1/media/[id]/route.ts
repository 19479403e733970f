import { apiRoute, idParam, noContent } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { mediaOut } from "@/lib/operations/shapes";
import { removeMedia, requireMedia, setAltText } from "@/lib/media/store";
import { getConfig } from "@/lib/config";
import { otherMethods } from "../../_lib/methods";

export const GET = apiRoute(operation("get /media/{id}"), async ({ db, actor, params }) =>
  mediaOut(await requireMedia(db, actor, idParam(params, "id", "media"))),
);

export const PATCH = apiRoute(operation("patch /media/{id}"), async ({ db, actor, params, body }) =>
  mediaOut(await setAltText(db, actor, idParam(params, "id", "media"), body.alt_text)),
);

export const DELETE = apiRoute(operation("delete /media/{id}"), async ({ db, actor, params }) => {
  await removeMedia(db, actor, getConfig().dataDir, idParam(params, "id", "media"));
  return noContent();
});

export const { POST, PUT, OPTIONS } = otherMethods(["GET", "PATCH", "DELETE"]);
