import { apiRoute, idParam } from "../../../_lib/handler";
import { operation } from "@/lib/operations";
import { getPostingSlots, setPostingSlots } from "@/lib/scheduling/queue";
import { otherMethods } from "../../../_lib/methods";

/** An account's queue times: GET reads, PUT replaces ({ timezone, slots: [{ days, times }] }). */
export const GET = apiRoute(operation("get /platform-accounts/{id}/slots"), async ({ db, actor, params }) =>
  getPostingSlots(db, actor, idParam(params, "id", "platform_account")),
);

export const PUT = apiRoute(operation("put /platform-accounts/{id}/slots"), async ({ db, actor, params, body }) =>
  setPostingSlots(db, actor, idParam(params, "id", "platform_account"), body),
);

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(["GET", "PUT"]);
