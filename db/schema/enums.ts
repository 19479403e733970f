import { pgEnum } from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["admin", "editor", "viewer"]);
/** A member's role in a workspace (lib/auth/permissions.ts says what each may do). */
export type Role = (typeof roleEnum.enumValues)[number];
export const approvalPolicyEnum = pgEnum("approval_policy", ["off", "required_for_editors", "required_for_all"]);
export const accountStatusEnum = pgEnum("account_status", ["active", "needs_reconnect", "error", "disabled"]);
export const contentTypeEnum = pgEnum("content_type", ["post", "article", "thread", "carousel"]);
export const contentStatusEnum = pgEnum("content_status", [
  "draft",
  "in_review",
  "changes_requested",
  "approved",
  "scheduled",
  "published",
  "failed",
  "archived",
]);
export const publishStatusEnum = pgEnum("publish_status", [
  "pending",
  "paused",
  "publishing",
  "published",
  "failed",
  "dead_letter",
  "cancelled",
  "skipped",
  "expired",
]);
export const retryStrategyEnum = pgEnum("retry_strategy", ["exponential", "linear", "custom"]);
export const priorityEnum = pgEnum("priority", ["low", "normal", "high"]);
export const missedPolicyEnum = pgEnum("missed_policy", ["publish_late", "skip", "ask"]);
export const attemptOutcomeEnum = pgEnum("attempt_outcome", [
  "in_progress",
  "success",
  "retryable",
  "rate_limited",
  "auth",
  "permanent",
  "unknown_outcome",
  "found_existing",
]);
export const approvalStatusEnum = pgEnum("approval_status", ["pending", "approved", "changes_requested", "rejected", "withdrawn"]);
