import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contentItems } from "./content";
import { users, workspaces } from "./identity";
import { approvalRequests } from "./workflow";

/**
 * A secret link that lets somebody without an account review posts: a fixed list of items, or
 * the posts scheduled in a range of local days (read when the link is opened, in `timezone`).
 * Only the token's hash finds a link; the token itself is kept encrypted so members can copy it.
 */
export const reviewLinks = pgTable(
  "review_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    tokenHash: text("token_hash").notNull().unique(),
    tokenEncrypted: text("token_encrypted"),
    /** items: content_ids; range: start_date..end_date (local days, both included) in timezone. */
    kind: text("kind").notNull(),
    contentIds: uuid("content_ids").array(),
    startDate: text("start_date"),
    endDate: text("end_date"),
    timezone: text("timezone").notNull(),
    /** Each item's version when the link was made, so the page can say what changed since. */
    itemVersions: jsonb("item_versions").notNull().default({}),
    label: text("label"),
    note: text("note"),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedBy: uuid("revoked_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("review_links_workspace_idx").on(t.workspaceId, t.createdAt)],
);

/** One decision per link and post: what the reviewer said, and what it counted as. */
export const reviewLinkDecisions = pgTable(
  "review_link_decisions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    reviewLinkId: uuid("review_link_id")
      .notNull()
      .references(() => reviewLinks.id, { onDelete: "cascade" }),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    contentVersion: integer("content_version").notNull(),
    /** approve | request_changes */
    decision: text("decision").notNull(),
    /** approved | changes_requested (the approval workflow moved) or comment (recorded only). */
    outcome: text("outcome").notNull(),
    reviewerName: text("reviewer_name").notNull(),
    comment: text("comment"),
    approvalRequestId: uuid("approval_request_id").references(() => approvalRequests.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("review_link_decisions_once_idx").on(t.reviewLinkId, t.contentItemId), index("review_link_decisions_item_idx").on(t.contentItemId)],
);
