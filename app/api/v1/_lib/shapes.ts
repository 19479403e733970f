/** JSON shapes of /api/v1 resources: snake_case, chosen fields only. */
import { publicConfig } from "@/lib/accounts/view";
const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);

export function tokenOut(t: {
  id: string;
  name: string;
  role: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  revokedAt: Date | null;
}) {
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

export function memberOut(m: { userId: string; email: string; name: string; role: string; joinedAt?: Date; lastLoginAt?: Date | null }) {
  return { user_id: m.userId, email: m.email, name: m.name, role: m.role, joined_at: iso(m.joinedAt), last_login_at: iso(m.lastLoginAt) };
}

export function inviteOut(i: { id: string; email: string; role: string; expiresAt: Date; createdAt: Date }) {
  return { id: i.id, email: i.email, role: i.role, expires_at: iso(i.expiresAt), created_at: iso(i.createdAt) };
}

export function contentOut(c: {
  id: string;
  title: string;
  content: string;
  summary: string | null;
  contentType: string;
  status: string;
  platformConfigs: unknown;
  tags: string[];
  authorId: string | null;
  authorName?: string | null;
  sourceType: string;
  sourceReference: string | null;
  scheduledFor: Date | null;
  publishedAt: Date | null;
  expiresAt: Date | null;
  archivedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  mediaIds: string[];
}) {
  return {
    id: c.id,
    title: c.title,
    content: c.content,
    summary: c.summary,
    content_type: c.contentType,
    status: c.status,
    platform_configs: c.platformConfigs,
    tags: c.tags,
    author_id: c.authorId,
    author_name: c.authorName ?? null,
    source_type: c.sourceType,
    source_reference: c.sourceReference,
    scheduled_for: iso(c.scheduledFor),
    published_at: iso(c.publishedAt),
    expires_at: iso(c.expiresAt),
    archived_at: iso(c.archivedAt),
    media_ids: c.mediaIds,
    version: c.version,
    created_at: iso(c.createdAt),
    updated_at: iso(c.updatedAt),
  };
}

export function variantOut(v: { platform: string; text: string | null; parts: unknown; mediaIds: string[] | null; options: unknown; updatedAt: Date }) {
  return {
    platform: v.platform,
    text: v.text,
    parts: (v.parts as string[] | null) ?? null,
    media_ids: v.mediaIds ?? [],
    options: v.options,
    updated_at: iso(v.updatedAt),
  };
}

/** Never credentials: only whether there are any and their key names. Config keys that look secret are dropped. */
export function accountOut(a: {
  id: string;
  platform: string;
  name: string;
  status: string;
  statusReason?: string | null;
  externalId?: string | null;
  config?: unknown;
  rateLimit?: unknown;
  hasCredentials?: boolean;
  credentialKeys?: string[];
  lastVerifiedAt?: Date | null;
  tokenExpiresAt?: Date | null;
  createdAt?: Date;
  updatedAt?: Date;
}) {
  const rl = a.rateLimit as { capacity?: unknown; per_seconds?: unknown } | null | undefined;
  return {
    id: a.id,
    platform: a.platform,
    name: a.name,
    status: a.status,
    status_reason: a.statusReason ?? null,
    external_id: a.externalId ?? null,
    config: publicConfig(a.config),
    rate_limit: rl && typeof rl.capacity === "number" && typeof rl.per_seconds === "number" ? { capacity: rl.capacity, per_seconds: rl.per_seconds } : null,
    has_credentials: a.hasCredentials ?? false,
    credential_keys: a.credentialKeys ?? [],
    last_verified_at: iso(a.lastVerifiedAt),
    token_expires_at: iso(a.tokenExpiresAt),
    created_at: iso(a.createdAt),
    updated_at: iso(a.updatedAt),
  };
}

export function scheduleOut(s: {
  id: string;
  contentItemId: string;
  platformAccountId: string;
  platformId: string;
  scheduledTime: Date;
  localTime: string;
  timezone: string;
  publishStatus: string;
  retryCount: number;
  maxRetries: number;
  retryStrategy: string;
  retryDelays: number[] | null;
  priority: string;
  missedPolicy: string;
  platformPostId: string | null;
  platformPostUrl: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  metadata: unknown;
  recurrenceSeriesId: string | null;
  version: number;
  publishedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  contentTitle?: string;
  accountName?: string;
}) {
  return {
    id: s.id,
    content_item_id: s.contentItemId,
    content_title: s.contentTitle ?? null,
    platform_account_id: s.platformAccountId,
    platform_account_name: s.accountName ?? null,
    platform_id: s.platformId,
    scheduled_time: iso(s.scheduledTime),
    local_time: s.localTime,
    timezone: s.timezone,
    publish_status: s.publishStatus,
    platform_post_id: s.platformPostId,
    platform_post_url: s.platformPostUrl,
    error_code: s.errorCode,
    error_message: s.errorMessage,
    retry_count: s.retryCount,
    max_retries: s.maxRetries,
    retry_strategy: s.retryStrategy,
    retry_delays: s.retryDelays,
    priority: s.priority,
    missed_policy: s.missedPolicy,
    metadata: s.metadata,
    recurrence_series_id: s.recurrenceSeriesId,
    version: s.version,
    published_at: iso(s.publishedAt),
    created_at: iso(s.createdAt),
    updated_at: iso(s.updatedAt),
  };
}

export function blackoutOut(b: { id: string; platformAccountId: string | null; startsAt: Date; endsAt: Date; reason: string | null; createdAt: Date }) {
  return {
    id: b.id,
    platform_account_id: b.platformAccountId,
    starts_at: iso(b.startsAt),
    ends_at: iso(b.endsAt),
    reason: b.reason,
    created_at: iso(b.createdAt),
  };
}

export function preferencesOut(p: {
  timezone: string;
  timezoneConfirmedAt: Date | null;
  locale: string | null;
  weekStart: number;
  postingFrequency: unknown;
  updatedAt: Date | null;
}) {
  return {
    timezone: p.timezone,
    timezone_confirmed_at: iso(p.timezoneConfirmedAt),
    locale: p.locale,
    week_start: p.weekStart,
    posting_frequency: p.postingFrequency,
    updated_at: iso(p.updatedAt),
  };
}

export function mediaOut(m: {
  id: string;
  filename: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  altText: string | null;
  sha256: string;
  createdAt: Date;
}) {
  return {
    id: m.id,
    filename: m.filename,
    mime_type: m.mimeType,
    size_bytes: m.sizeBytes,
    width: m.width,
    height: m.height,
    duration_ms: m.durationMs,
    alt_text: m.altText,
    sha256: m.sha256,
    url: `/api/v1/media/${m.id}/file`,
    created_at: iso(m.createdAt),
  };
}

export function seriesOut(
  s: {
    id: string;
    contentItemId: string;
    platformAccountIds: string[];
    rrule: string | null;
    cron: string | null;
    timezone: string;
    localTime: string;
    startsAt: Date;
    materializedUntil: Date | null;
    endedAt: Date | null;
    createdAt: Date;
  },
  counts: Record<string, number>,
  next: Parameters<typeof scheduleOut>[0][],
) {
  return {
    id: s.id,
    content_item_id: s.contentItemId,
    platform_account_ids: s.platformAccountIds,
    rrule: s.rrule,
    cron: s.cron,
    timezone: s.timezone,
    local_time: s.localTime,
    starts_at: iso(s.startsAt),
    materialized_until: iso(s.materializedUntil),
    ended_at: iso(s.endedAt),
    created_at: iso(s.createdAt),
    occurrences: counts,
    next: next.map(scheduleOut),
  };
}

export function attemptOut(a: {
  id: string;
  attemptNumber: number;
  runnerId: string | null;
  idempotencyKey: string | null;
  startedAt: Date;
  finishedAt: Date | null;
  durationMs: number | null;
  outcome: string;
  httpStatus: number | null;
  responseExcerpt: string | null;
  errorMessage: string | null;
}) {
  return {
    id: a.id,
    attempt_number: a.attemptNumber,
    runner_id: a.runnerId,
    idempotency_key: a.idempotencyKey,
    started_at: a.startedAt.toISOString(),
    finished_at: a.finishedAt?.toISOString() ?? null,
    duration_ms: a.durationMs,
    outcome: a.outcome,
    http_status: a.httpStatus,
    response_excerpt: a.responseExcerpt,
    error_message: a.errorMessage,
  };
}
