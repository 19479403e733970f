import { z } from "zod";
import { APPROVAL_POLICIES } from "@/db/schema/values";

/** Bodies and queries of the approval workflow's routes (also the OpenAPI source). */
const comment = z.string().trim().max(5000, "a comment can have at most 5000 characters");
const required = comment.min(1, "say what should change (a comment is required)");

export const submitSchema = z.strictObject({ acknowledge_warnings: z.boolean().optional() });
export const approveSchema = z.strictObject({ comment: comment.optional(), version: z.number().int().positive().optional() });
export const decisionWithCommentSchema = z.strictObject({ comment: required, version: z.number().int().positive().optional() });
export const approvalsQuery = z.strictObject({
  status: z
    .enum(["pending", "approved", "changes_requested", "rejected", "all"], { message: "status must be pending, approved, changes_requested, rejected or all" })
    .default("pending"),
});
export const commentCreateSchema = z.strictObject({
  body: z.string().trim().min(1, "write a comment").max(5000, "a comment can have at most 5000 characters"),
  parent_id: z.uuid("parent_id must be a comment id").optional(),
});
export const approvalPolicyFields = {
  approval_policy: z.enum(APPROVAL_POLICIES, { message: "approval_policy must be off, required_for_editors or required_for_all" }).optional(),
  four_eyes: z.boolean().optional(),
  approvers: z.array(z.uuid("each approver must be a user id")).max(100).optional(),
  minor_edit_chars: z.number().int("minor_edit_chars must be a whole number").min(0).max(50, "minor_edit_chars can be at most 50").optional(),
  allow_external_approvers: z.boolean().optional(),
};
export const approvalPolicySchema = z.strictObject(approvalPolicyFields).refine((v) => Object.keys(v).length > 0, {
  message: "give at least one of approval_policy, four_eyes, approvers, minor_edit_chars, allow_external_approvers",
});

export type ApprovalPolicyInput = z.infer<typeof approvalPolicySchema>;
