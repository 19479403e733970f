import { apiRoute } from "../_lib/handler";
import { operation } from "@/lib/operations";
import { approvalQueueList } from "@/lib/approvals/review";
import { queueOut } from "@/lib/approvals/out";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute(operation("get /approvals"), async ({ db, actor, query }) => queueOut(await approvalQueueList(db, actor, query.status)));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
