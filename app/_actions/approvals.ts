"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { decide, submitForApproval } from "@/lib/approvals/workflow";
import { addReviewComment } from "@/lib/approvals/comments";
import { setApprovalPolicy } from "@/lib/approvals/policy";
import { approvalPolicySchema, commentCreateSchema } from "@/lib/validation/approvals";

/** The same lib functions as /api/v1/content/{id}/submit|approve|request-changes|reject|comments. */
export const submitForApprovalAction = action(
  operation("post /content/{id}/submit"),
  z.object({ id: z.uuid(), acknowledge_warnings: z.boolean().optional() }),
  async ({ db, actor, input }) => {
    const { request } = await submitForApproval(db, actor, input.id, { acknowledge_warnings: input.acknowledge_warnings });
    actionRuntime.revalidate("/");
    return { status: request.status };
  },
);

const decisionSchema = z
  .object({
    id: z.uuid(),
    decision: z.enum(["approve", "request_changes", "reject"]),
    comment: z.string().trim().max(5000, "a comment can have at most 5000 characters").optional(),
    version: z.number().int().positive(),
  })
  .refine((v) => v.decision === "approve" || !!v.comment, {
    message: "Say what should change: a comment is required to request changes or reject.",
    path: ["comment"],
  });

export const decideAction = action("content:read", decisionSchema, async ({ db, actor, input }) => {
  const { request, released } = await decide(db, actor, input.id, input.decision, { comment: input.comment, version: input.version });
  actionRuntime.revalidate("/");
  return { status: request.status, released: released?.released ?? 0 };
});

export const addCommentAction = action(operation("post /content/{id}/comments"), commentCreateSchema.extend({ id: z.uuid() }), async ({ db, actor, input }) => {
  const c = await addReviewComment(db, actor, input.id, { body: input.body, parent_id: input.parent_id });
  actionRuntime.revalidate("/");
  return c;
});

export const saveApprovalPolicyAction = action(operation("patch /workspace"), approvalPolicySchema, async ({ db, actor, input }) => {
  await setApprovalPolicy(db, actor, input);
  actionRuntime.revalidate("/");
  return { ok: true };
});
