import { apiRoute } from "../../_lib/handler";
import { operation } from "@/lib/operations";
import { preferencesOut } from "@/lib/operations/shapes";
import { getMyPreferences, setMyPreferences } from "@/lib/preferences";
import { otherMethods } from "../../_lib/methods";

// Preferences belong to the person (a token speaks for its creator): any member may read and set their own.
export const GET = apiRoute(operation("get /me/preferences"), async ({ db, actor }) => preferencesOut(await getMyPreferences(db, actor)));

export const PUT = apiRoute(operation("put /me/preferences"), async ({ db, actor, body }) => preferencesOut({ ...(await setMyPreferences(db, actor, body)) }));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
