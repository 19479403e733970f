/** A workspace with at least one row of every kind a workspace export carries (round-trip tests, bench). */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../../db/client";
import * as S from "../../db/schema";
import { sealJson } from "../../lib/crypto";
import { appKeyring } from "../../lib/crypto/keyring";

const id = () => crypto.randomUUID();
const at = (iso: string) => new Date(iso);

export const SEED_CREDENTIALS = { access_token: "tok-seed-0123456789", refresh_token: "ref-seed-9876543210" };
export const SEED_WEBHOOK_SECRET = "whsec_seed_secret_0123456789abcdefghij";
/** A PNG's bytes (1×1), enough for the media table's checks. */
const PNG = Buffer.from(
  "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082",
  "hex",
);

/**
 * Fills `workspaceId` with every kind: accounts (one with sealed credentials, posting slots, rate
 * limits), sandbox posts, media with its file under dataDir, content with versions, variants and
 * media, a series, schedules with attempts, blackouts, templates with versions, hashtag groups,
 * signatures, approval requests with a comment thread, a webhook with its secret, analytics,
 * best-time stats, a trial and audit rows. `people` are the members whose ids appear as authors.
 */
export async function seedEveryKind(db: Db, workspaceId: string, people: { admin: string; editor: string }, dataDir: string) {
  const acc = id();
  const sandbox = id();
  await db.insert(S.platformAccounts).values([
    {
      id: acc,
      workspaceId,
      platform: "mastodon",
      name: "Mastodon main",
      externalId: "1234",
      config: { instance_url: "https://mastodon.example" },
      credentialsEncrypted: sealJson(appKeyring(), SEED_CREDENTIALS, acc),
      rateLimit: { capacity: 50, refillPerMinute: 10 },
      postingSlots: [{ weekday: 1, time: "09:00" }],
      createdBy: people.admin,
    },
    { id: sandbox, workspaceId, platform: "sandbox", name: "Sandbox", externalId: "sandbox", createdBy: people.admin },
  ]);
  const mediaId = id();
  const rel = path.join("media", workspaceId, `${mediaId}.png`);
  fs.mkdirSync(path.join(dataDir, "media", workspaceId), { recursive: true });
  fs.writeFileSync(path.join(dataDir, rel), PNG);
  await db.insert(S.media).values({
    id: mediaId,
    workspaceId,
    uploadedBy: people.editor,
    filename: "pixel.png",
    mimeType: "image/png",
    sizeBytes: PNG.length,
    width: 1,
    height: 1,
    storagePath: rel,
    sha256: crypto.createHash("sha256").update(PNG).digest("hex"),
    altText: "One pixel",
  });
  const items = [id(), id()];
  await db.insert(S.contentItems).values([
    {
      id: items[0]!,
      workspaceId,
      title: "Launch",
      content: "We launch today",
      contentType: "thread",
      status: "published",
      platformConfigs: { mastodon: { account_ids: [acc] } },
      tags: ["launch", "news"],
      authorId: people.editor,
      scheduledFor: at("2030-01-02T09:00:00Z"),
      publishedAt: at("2030-01-02T09:00:01Z"),
      version: 2,
    },
    { id: items[1]!, workspaceId, title: "Draft", content: "Later", status: "in_review", authorId: people.admin },
  ]);
  await db.insert(S.contentVersions).values([
    { contentItemId: items[0]!, version: 1, actorRole: "editor", userId: people.editor, change: "content.create" },
    { contentItemId: items[0]!, version: 2, actorRole: "editor", userId: people.editor, change: "variant.put" },
  ]);
  await db.insert(S.contentVariants).values({
    contentItemId: items[0]!,
    platform: "mastodon",
    text: "Launch!",
    parts: [{ text: "1/2" }, { text: "2/2", media_ids: [mediaId] }],
    mediaIds: [mediaId],
  });
  await db.insert(S.contentMedia).values({ contentItemId: items[0]!, mediaId, position: 0 });
  const series = id();
  await db.insert(S.recurrenceSeries).values({
    id: series,
    workspaceId,
    contentItemId: items[1]!,
    platformAccountIds: [sandbox, acc],
    rrule: "FREQ=WEEKLY;BYDAY=MO",
    timezone: "Europe/Paris",
    localTime: "09:00",
    startsAt: at("2030-02-04T08:00:00Z"),
    template: { item: items[1] },
    createdBy: people.admin,
  });
  const post = id();
  const [s1, s2, s3] = [id(), id(), id()];
  await db.insert(S.sandboxPosts).values({ id: post, platformAccountId: sandbox, idempotencyKey: `${s1}:v1`, text: "We launch today", likes: 7 });
  await db.insert(S.schedules).values([
    {
      id: s1,
      workspaceId,
      contentItemId: items[0]!,
      platformAccountId: sandbox,
      platformId: "sandbox",
      scheduledTime: at("2030-01-02T09:00:00Z"),
      localTime: "2030-01-02T10:00",
      timezone: "Europe/Paris",
      originalTime: at("2030-01-02T09:00:00Z"),
      publishStatus: "published",
      platformPostId: post,
      platformPostUrl: `/sandbox/${post}`,
      idempotencyKey: `${s1}:v1`,
      publishedAt: at("2030-01-02T09:00:01Z"),
      createdBy: people.editor,
    },
    {
      id: s2,
      workspaceId,
      contentItemId: items[1]!,
      platformAccountId: acc,
      platformId: "mastodon",
      scheduledTime: at("2030-02-04T08:00:00Z"),
      localTime: "2030-02-04T09:00",
      timezone: "Europe/Paris",
      originalTime: at("2030-02-04T08:00:00Z"),
      recurrenceSeriesId: series,
      priority: "high",
      priorityRank: 2,
      retryDelays: [60, 300],
      retryStrategy: "custom",
      triggerRunId: "run_old_server",
      metadata: { trigger: { key: `schedule:${s2}:v1:1`, version: 1 }, note: "keep" },
      createdBy: people.admin,
    },
    {
      // Being published by the exporting server's runner at the moment of the export.
      id: s3,
      workspaceId,
      contentItemId: items[1]!,
      platformAccountId: sandbox,
      platformId: "sandbox",
      scheduledTime: at("2030-03-01T12:00:00Z"),
      localTime: "2030-03-01T13:00",
      timezone: "Europe/Paris",
      originalTime: at("2030-03-01T12:00:00Z"),
      publishStatus: "publishing",
      leaseOwner: "runner-of-the-old-server",
      leaseExpiresAt: at("2030-03-01T12:02:00Z"),
      idempotencyKey: `${s3}:v1`,
      createdBy: people.editor,
    },
  ]);
  await db.insert(S.publishAttempts).values({
    scheduleId: s1,
    attemptNumber: 1,
    runnerId: "r1",
    idempotencyKey: `${s1}:v1`,
    startedAt: at("2030-01-02T09:00:00Z"),
    finishedAt: at("2030-01-02T09:00:01Z"),
    durationMs: 900,
    outcome: "success",
    httpStatus: 201,
    responseExcerpt: JSON.stringify({ id: post }),
  });
  await db.insert(S.scheduleExceptions).values({
    workspaceId,
    platformAccountId: acc,
    startsAt: at("2030-03-01T00:00:00Z"),
    endsAt: at("2030-03-02T00:00:00Z"),
    rrule: "FREQ=YEARLY",
    reason: "Holiday",
    createdBy: people.admin,
  });
  const tpl = id();
  await db.insert(S.templates).values({
    id: tpl,
    workspaceId,
    name: "Weekly",
    body: "Hello {{name}}",
    variables: [{ name: "name" }],
    defaultTags: ["weekly"],
    currentVersion: 2,
    createdBy: people.admin,
  });
  await db.insert(S.templateVersions).values([
    { templateId: tpl, version: 1, name: "Weekly", body: "Hi {{name}}", variables: [{ name: "name" }], createdBy: people.admin },
    { templateId: tpl, version: 2, name: "Weekly", body: "Hello {{name}}", variables: [{ name: "name" }], createdBy: people.editor },
  ]);
  await db.insert(S.hashtagGroups).values({ workspaceId, name: "Launch tags", hashtags: ["#launch", "#news"], platforms: ["mastodon"] });
  await db.insert(S.signatures).values({ workspaceId, name: "Team", platform: "mastodon", body: "— the team" });
  const request = id();
  await db.insert(S.approvalRequests).values({
    id: request,
    workspaceId,
    contentItemId: items[1]!,
    requestedBy: people.editor,
    snapshot: { title: "Draft", content: "Later", id: items[1] },
    contentVersion: 1,
  });
  const parent = id();
  // The reply comes first by id order too: the import must still write the parent first.
  await db
    .insert(S.reviewComments)
    .values({ id: parent, contentItemId: items[1]!, approvalRequestId: request, authorId: people.admin, body: "Looks good", mentions: [people.editor] });
  await db.insert(S.reviewComments).values({ contentItemId: items[1]!, approvalRequestId: request, parentId: parent, authorId: people.editor, body: "Thanks" });
  const hook = id();
  await db.insert(S.webhooks).values({
    id: hook,
    workspaceId,
    url: "https://203.0.113.10/hook",
    events: ["publishing_failed"],
    secretEncrypted: sealJson(appKeyring(), SEED_WEBHOOK_SECRET, hook),
    createdBy: people.admin,
  });
  await db.insert(S.contentAnalytics).values({
    contentItemId: items[0]!,
    scheduleId: s1,
    platformId: "sandbox",
    likesCount: 7,
    impressions: 100,
    engagementRate: 0.07,
    measuredAt: at("2030-01-03T09:00:00Z"),
  });
  await db.insert(S.engagementObservations).values({
    workspaceId,
    platformAccountId: sandbox,
    source: "measured",
    scheduleId: s1,
    postedAt: at("2030-01-02T09:00:00Z"),
    timezone: "UTC",
    weekday: 3,
    minuteOfDay: 540,
    contentType: "post",
    likes: 7,
    impressions: 100,
    engagementRate: 0.07,
    rateBasis: "impressions",
  });
  await db.insert(S.optimizationTrials).values({
    workspaceId,
    platformAccountId: sandbox,
    name: "Morning vs evening",
    timezone: "UTC",
    arms: [
      { key: "a", name: "Mornings", strategy: "slots", slots: [{ days: [1, 2, 3, 4, 5], times: ["09:00"] }] },
      { key: "b", name: "Evenings", strategy: "slots", slots: [{ days: [1, 2, 3, 4, 5], times: ["18:00"] }] },
    ],
    stopPostsPerArm: 10,
  });
  await db.insert(S.alertRules).values({
    workspaceId,
    kind: "failure_rate",
    params: { over_percent: 10, window_minutes: 15, min_attempts: 5 },
    enabled: true,
    forMinutes: 10,
    resolveAfterMinutes: 10,
    createdBy: people.admin,
  });
  await db.insert(S.auditLog).values([
    { workspaceId, actorUserId: people.admin, action: "content.create", entityType: "content", entityId: items[0]!, after: { title: "Launch" } },
    { workspaceId, actorUserId: people.editor, action: "schedule.create", entityType: "schedule", entityId: s1, before: null, after: { id: s1 } },
  ]);
  return { accountWithCredentials: acc, sandbox, mediaId, items, schedules: [s1, s2, s3], webhook: hook, series, template: tpl };
}
