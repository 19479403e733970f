import { apiRoute, created } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { createFeed, listFeeds } from "@/lib/feeds/manage";
import { feedDeps } from "@/lib/feeds/deps";
import { feedOut } from "@/lib/operations/shapes";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /feeds"), async ({ db, actor }) => ({ items: (await listFeeds(db, actor)).map(feedOut) }));

export const POST = apiRoute(operation("post /feeds"), async ({ db, actor, body }) => created(feedOut(await createFeed(db, actor, body, feedDeps()))));

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "POST"]);
