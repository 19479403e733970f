import { z } from "zod";
import type { Role } from "@/db/schema/enums";
import { APPROVAL_POLICIES } from "@/db/schema/values";
import { id, ts, tsN, role, page, iso } from "./common";

/** The workspace, its members, invites, API tokens, preferences and notifications. The documented schema of each answer, and beside it the mapper that builds it from rows (typed by the schema, so the two cannot drift). */
export const token = z.object({ id, name: z.string(), role, prefix: z.string(), created_at: ts, last_used_at: tsN, expires_at: tsN, revoked_at: tsN });
export const tokenCreated = z.object({ id, token: z.string().describe("shown once"), name: z.string(), role, expires_at: tsN });
export const member = z.object({ user_id: id, email: z.string(), name: z.string(), role, joined_at: tsN, last_login_at: tsN });
export const invite = z.object({ id, email: z.string(), role, expires_at: ts, created_at: ts });
export const inviteCreated = z.object({ id, email: z.string(), role, expires_at: ts, invite_url: z.string() });
export const workspace = z.object({
  id,
  name: z.string(),
  slug: z.string(),
  approval_policy: z.enum(APPROVAL_POLICIES),
  four_eyes: z.boolean().describe("nobody approves content they wrote or submitted"),
  approvers: z.array(id).describe("designated approvers; empty: the admins approve"),
  minor_edit_chars: z
    .number()
    .int()
    .describe(
      "an edit of approved content changing at most this many characters keeps the approval (recorded in the audit log and the thread); 0: every edit needs a new review",
    ),
  allow_external_approvers: z
    .boolean()
    .describe("a reviewer without an account (review link) who approves or requests changes moves the approval; otherwise their decision is a comment"),
  default_timezone: z.string(),
  created_at: ts,
  role,
  link_tracking: z
    .object({
      enabled: z.boolean().describe("links in posts are replaced by short links under short_link_base when they are published"),
      utm_source: z.string().describe("template; placeholders {platform}, {campaign}, {tag}, {tag:PREFIX}, {title}; empty: left out"),
      utm_medium: z.string(),
      utm_campaign: z.string(),
      utm_content: z.string(),
      short_link_base: z.string().describe("PUBLIC_URL (or the app's own address without it) followed by /l/"),
      base_is_local: z.boolean().describe("the base is a loopback address: nobody outside this machine can open the short links"),
    })
    .describe("tracked links with UTM parameters; see the README, Tracked links"),
});
export const preferences = z.object({
  timezone: z.string(),
  timezone_confirmed_at: tsN,
  locale: z.string().nullable(),
  week_start: z.number().int(),
  posting_frequency: z.record(z.string(), z.object({ min_per_week: z.number().int().nullish(), max_per_week: z.number().int().nullish() })),
  updated_at: tsN,
});
export const notification = z.object({
  id,
  type: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable().describe("path in the app"),
  read_at: tsN,
  created_at: ts,
});
export const notificationPage = z.object({ items: z.array(notification), unread_count: z.number().int(), ...page });
export const notificationRead = z.object({ id, read_at: ts });
const channels = z.object({ in_app: z.boolean(), email: z.boolean() });
export const notificationPrefs = z.object({
  triggers: z
    .record(z.string(), channels)
    .describe(
      "content_submitted, content_approved, content_changes_requested, content_rejected, publishing_failed, account_needs_reconnect, schedule_missed, alert_fired, alert_resolved",
    ),
  digest: z.boolean(),
  quiet_hours: z.object({ enabled: z.boolean(), start: z.string().describe("HH:MM"), end: z.string().describe("HH:MM"), timezone: z.string() }),
});

export function tokenOut(t: {
  id: string;
  name: string;
  role: Role;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}): z.output<typeof token> {
  return {
    id: t.id,
    name: t.name,
    role: t.role,
    prefix: t.prefix,
    created_at: iso(t.createdAt),
    last_used_at: iso(t.lastUsedAt),
    expires_at: iso(t.expiresAt),
    revoked_at: iso(t.revokedAt),
  };
}

export function memberOut(m: { userId: string; email: string; name: string; role: Role; joinedAt?: Date; lastLoginAt?: Date | null }): z.output<typeof member> {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, joined_at: iso(m.joinedAt), last_login_at: iso(m.lastLoginAt) };
}

export function inviteOut(i: { id: string; email: string; role: Role; expiresAt: Date; createdAt: Date }): z.output<typeof invite> {
  return { id: i.id, email: i.email, role: i.role, expires_at: iso(i.expiresAt), created_at: iso(i.createdAt) };
}

export function preferencesOut(p: {
  timezone: string;
  timezoneConfirmedAt: Date | null;
  locale: string | null;
  weekStart: number;
  postingFrequency: unknown;
  updatedAt: Date | null;
}): z.output<typeof preferences> {
  return {
    timezone: p.timezone,
    timezone_confirmed_at: iso(p.timezoneConfirmedAt),
    locale: p.locale,
    week_start: p.weekStart,
    posting_frequency: p.postingFrequency as z.output<typeof preferences>["posting_frequency"],
    updated_at: iso(p.updatedAt),
  };
}
