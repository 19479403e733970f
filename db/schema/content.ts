import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { contentStatusEnum, contentTypeEnum } from "./enums";
import { apiTokens, users, workspaces } from "./identity";
import { timeOrderedId } from "./time-ordered-id";

export const contentItems = pgTable(
  "content_items",
  {
    id: uuid("id").primaryKey().default(timeOrderedId),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    content: text("content").notNull(),
    summary: text("summary"),
    contentType: contentTypeEnum("content_type").notNull().default("post"),
    status: contentStatusEnum("status").notNull().default("draft"),
    platformConfigs: jsonb("platform_configs").notNull().default({}),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    authorId: uuid("author_id").references(() => users.id, { onDelete: "set null" }),
    sourceType: text("source_type").notNull().default("manual"),
    sourceReference: text("source_reference"),
    scheduledFor: timestamp("scheduled_for", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    archivedAt: timestamp("archived_at", { withTimezone: true }),
    /** This post's own link-tracking choices (lib/links/settings.ts, postLinkTracking); null: the workspace's. */
    linkTracking: jsonb("link_tracking"),
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("content_items_workspace_status_idx").on(t.workspaceId, t.status),
    index("content_items_scheduled_for_idx").on(t.workspaceId, t.scheduledFor),
    // The content list's default order (newest first): a page of 100 is read off the index, not
    // sorted out of the whole workspace.
    index("content_items_workspace_created_idx").on(t.workspaceId, t.createdAt, t.id),
    index("content_items_author_idx").on(t.authorId),
    index("content_items_tags_idx").using("gin", t.tags),
    index("content_items_search_idx").using("gin", sql`to_tsvector('simple', coalesce(${t.title}, '') || ' ' || coalesce(${t.content}, ''))`),
  ],
);

/**
 * Who made each version of a content item, and under which role: the session's role, the API
 * token's own role, or `system` for changes no person typed (CSV import). The approval rule judges
 * the roles of the versions since the last approval, not the author's membership.
 */
export const contentVersions = pgTable(
  "content_versions",
  {
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    version: integer("version").notNull(),
    actorRole: text("actor_role").notNull(),
    userId: uuid("user_id").references(() => users.id, { onDelete: "set null" }),
    tokenId: uuid("token_id").references(() => apiTokens.id, { onDelete: "set null" }),
    /** What made the version: content.create, content.update, variant.put, media.alt_text, … */
    change: text("change").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.contentItemId, t.version] })],
);

/** Per-platform overrides: text, thread parts, media, options. */
export const contentVariants = pgTable(
  "content_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    text: text("text"),
    parts: jsonb("parts"),
    /** Published right after the post as a reply or comment, on platforms that have them. */
    firstComment: text("first_comment"),
    mediaIds: uuid("media_ids").array(),
    options: jsonb("options").notNull().default({}),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("content_variants_item_platform_idx").on(t.contentItemId, t.platform)],
);

export const media = pgTable(
  "media",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    uploadedBy: uuid("uploaded_by").references(() => users.id, { onDelete: "set null" }),
    filename: text("filename").notNull(),
    mimeType: text("mime_type").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    durationMs: integer("duration_ms"),
    storagePath: text("storage_path").notNull(),
    sha256: text("sha256").notNull(),
    altText: text("alt_text"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("media_workspace_idx").on(t.workspaceId)],
);

export const contentMedia = pgTable(
  "content_media",
  {
    contentItemId: uuid("content_item_id")
      .notNull()
      .references(() => contentItems.id, { onDelete: "cascade" }),
    mediaId: uuid("media_id")
      .notNull()
      .references(() => media.id, { onDelete: "cascade" }),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.contentItemId, t.mediaId] })],
);
