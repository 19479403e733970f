import { apiRoute } from "../_lib/handler";
import { approvalQueueList } from "@/lib/approvals/review";
import { queueOut } from "@/lib/approvals/out";
import { approvalsQuery } from "@/lib/validation/approvals";

export const GET = apiRoute({ permission: "content:read", query: approvalsQuery }, async ({ db, actor, query }) => queueOut(await approvalQueueList(db, actor, query.status)));
