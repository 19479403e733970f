/**
 * The values of the database's enum types, once: db/schema/enums.ts makes the Postgres enums from
 * them, and validation, the OpenAPI document and the screens read them from here (through lib/).
 * Plain arrays with no imports, so they are safe in the browser.
 */
export const ROLES = ["admin", "editor", "viewer"] as const;
export const APPROVAL_POLICIES = ["off", "required_for_editors", "required_for_all"] as const;
export const ACCOUNT_STATUSES = ["active", "needs_reconnect", "error", "disabled"] as const;
export const CONTENT_TYPES = ["post", "article", "thread", "carousel"] as const;
export const CONTENT_STATUSES = ["draft", "in_review", "changes_requested", "approved", "scheduled", "published", "failed", "archived"] as const;
export const PUBLISH_STATUSES = ["pending", "paused", "publishing", "published", "failed", "dead_letter", "cancelled", "skipped", "expired"] as const;
export const RETRY_STRATEGIES = ["exponential", "linear", "custom"] as const;
export const PRIORITIES = ["low", "normal", "high"] as const;
export const MISSED_POLICIES = ["publish_late", "skip", "ask"] as const;
export const ATTEMPT_OUTCOMES = ["in_progress", "success", "retryable", "rate_limited", "auth", "permanent", "unknown_outcome", "found_existing"] as const;
export const APPROVAL_STATUSES = ["pending", "approved", "changes_requested", "rejected", "withdrawn"] as const;
/** What a workspace's retention settings cover (lib/retention/settings.ts has defaults and bounds). */
export const RETENTION_KINDS = ["publish_attempts", "analytics", "events", "notifications", "audit_log", "webhook_deliveries"] as const;
/** What an alert rule watches (lib/alerts/kinds.ts: each kind's parameters and meaning). */
export const ALERT_RULE_KINDS = ["failure_rate", "platform_down", "queue_lag", "no_runner", "account_reconnect", "engagement_low"] as const;
/** An incident is pending while its condition holds for less than the rule's `for_minutes`, then firing until resolved. */
export const ALERT_STATES = ["pending", "firing", "resolved"] as const;
/** One recorded health check's verdict for a minute (lib/health-history). */
export const HEALTH_STATUSES = ["ok", "warn", "fail"] as const;
