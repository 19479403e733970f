import { apiRoute } from "../_lib/handler";
import { approvalQueueList } from "@/lib/approvals/review";
import { queueOut } from "@/lib/approvals/out";
import { approvalsQuery } from "@/lib/validation/approvals";
import { otherMethods } from "../_lib/methods";

export const GET = apiRoute({ permission: "content:read", query: approvalsQuery }, async ({ db, actor, query }) =>
  queueOut(await approvalQueueList(db, actor, query.status)),
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(["GET"]);
