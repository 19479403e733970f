import { pgEnum } from "drizzle-orm/pg-core";
import * as V from "./values";

export const roleEnum = pgEnum("role", V.ROLES);
/** A member's role in a workspace (lib/auth/permissions.ts says what each may do). */
export type Role = (typeof roleEnum.enumValues)[number];
export const approvalPolicyEnum = pgEnum("approval_policy", V.APPROVAL_POLICIES);
export const accountStatusEnum = pgEnum("account_status", V.ACCOUNT_STATUSES);
export const contentTypeEnum = pgEnum("content_type", V.CONTENT_TYPES);
export const contentStatusEnum = pgEnum("content_status", V.CONTENT_STATUSES);
export const publishStatusEnum = pgEnum("publish_status", V.PUBLISH_STATUSES);
export const retryStrategyEnum = pgEnum("retry_strategy", V.RETRY_STRATEGIES);
export const priorityEnum = pgEnum("priority", V.PRIORITIES);
export const missedPolicyEnum = pgEnum("missed_policy", V.MISSED_POLICIES);
export const attemptOutcomeEnum = pgEnum("attempt_outcome", V.ATTEMPT_OUTCOMES);
export const approvalStatusEnum = pgEnum("approval_status", V.APPROVAL_STATUSES);
