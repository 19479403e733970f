import { z } from "zod";
import { linkTrackingInput } from "@/lib/links/settings";
import { approvalPolicyFields } from "./approvals";

/** PATCH /workspace: the approval policy and the link tracking settings, each part optional. */
export const workspacePatchSchema = z
  .strictObject({ ...approvalPolicyFields, link_tracking: linkTrackingInput.optional() })
  .refine((v) => Object.keys(v).length > 0, { message: "give at least one of approval_policy, four_eyes, approvers, minor_edit_chars, link_tracking" });
export type WorkspacePatchInput = z.infer<typeof workspacePatchSchema>;
