import { doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { accountStatusEnum } from "./enums";
import { users, workspaces } from "./identity";

export const platformAccounts = pgTable(
  "platform_accounts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    workspaceId: uuid("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    platform: text("platform").notNull(),
    name: text("name").notNull(),
    externalId: text("external_id"),
    config: jsonb("config").notNull().default({}),
    /** AES-256-GCM ciphertext (lib/crypto) bound to this row's id; never returned by the API. */
    credentialsEncrypted: text("credentials_encrypted"),
    status: accountStatusEnum("status").notNull().default("active"),
    statusReason: text("status_reason"),
    /** Overrides of the adapter's documented limits, e.g. { capacity, refillPerMinute }. */
    rateLimit: jsonb("rate_limit"),
    /** Preferred posting times, e.g. [{ weekday: 1, time: "09:00" }]. */
    postingSlots: jsonb("posting_slots").notNull().default([]),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    lastVerifiedAt: timestamp("last_verified_at", { withTimezone: true }),
    pausedUntil: timestamp("paused_until", { withTimezone: true }),
    /** Token bucket shared by every runner: tokens left at `bucket_updated_at` (null = full). */
    bucketTokens: doublePrecision("bucket_tokens"),
    bucketUpdatedAt: timestamp("bucket_updated_at", { withTimezone: true }),
    /** Second window (Bluesky's daily points); same shape. */
    bucket2Tokens: doublePrecision("bucket2_tokens"),
    bucket2UpdatedAt: timestamp("bucket2_updated_at", { withTimezone: true }),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("platform_accounts_workspace_idx").on(t.workspaceId, t.platform)],
);

/** OAuth 2 authorization-code + PKCE connect flow state, short-lived. */
export const oauthStates = pgTable("oauth_states", {
  state: text("state").primaryKey(),
  workspaceId: uuid("workspace_id")
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  platform: text("platform").notNull(),
  codeVerifierEncrypted: text("code_verifier_encrypted").notNull(),
  redirectTo: text("redirect_to"),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
});

/** Where the `sandbox` platform publishes: a local, visible stand-in for a real network. */
export const sandboxPosts = pgTable(
  "sandbox_posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    platformAccountId: uuid("platform_account_id")
      .notNull()
      .references(() => platformAccounts.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    text: text("text").notNull(),
    replyToId: uuid("reply_to_id"),
    payload: jsonb("payload").notNull().default({}),
    likes: integer("likes").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("sandbox_posts_key_idx").on(t.platformAccountId, t.idempotencyKey)],
);
