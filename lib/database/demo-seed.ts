import crypto from "node:crypto";
import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { contentAnalytics, contentItems, platformAccounts, publishAttempts, sandboxPosts, schedules, users } from "@/db/schema";
import { insertMembership, insertWorkspace } from "@/db/queries/workspaces";
import { insertUser, setLastWorkspace } from "@/db/queries/users";
import { hashPassword } from "../auth/passwords";
import { insertRecommendedRules } from "../alerts/defaults";

export interface SeedOptions {
  adminEmail: string;
  adminPassword?: string;
  now?: Date;
}

const SAMPLES: { title: string; content: string; type: "post" | "article" | "thread"; tags: string[] }[] = [
  { title: "Launch week kickoff", content: "Launch week starts today! Five days, five features. Follow along 🚀", type: "post", tags: ["launch"] },
  {
    title: "How we cut build times in half",
    content: "We moved our CI to incremental builds and cached dependencies. Here is what changed and what it cost.",
    type: "article",
    tags: ["engineering", "blog"],
  },
  { title: "Tip: keyboard shortcuts", content: "Press N anywhere to start a new post, C to open the calendar.", type: "post", tags: ["tips"] },
  {
    title: "Customer story: Acme",
    content: "Acme's three-person team now plans a month of posts in one afternoon. Their workflow, step by step.",
    type: "article",
    tags: ["customers"],
  },
  {
    title: "Thread: scheduling across time zones",
    content: "Scheduling across time zones is harder than it looks. A thread on what we learned.",
    type: "thread",
    tags: ["engineering"],
  },
  { title: "Webinar reminder", content: "Tomorrow 17:00 CET: live Q&A on approval workflows. Bring your questions.", type: "post", tags: ["events"] },
  { title: "Release notes 1.4", content: "Recurring posts, CSV import and a calendar feed for your favourite calendar app.", type: "post", tags: ["release"] },
  { title: "Behind the scenes", content: "A look at how our team reviews every post before it goes out.", type: "post", tags: ["team"] },
  { title: "Poll: best time to post?", content: "When does your audience read? Morning coffee or late evening?", type: "post", tags: ["community"] },
  { title: "Monthly roundup", content: "Everything we shipped this month, in one place.", type: "article", tags: ["blog", "release"] },
  { title: "Hiring: developer advocate", content: "We're hiring a developer advocate. Remote-friendly, EU time zones.", type: "post", tags: ["hiring"] },
  { title: "Weekend reading list", content: "Five long reads about open source sustainability we enjoyed this week.", type: "post", tags: ["community"] },
];

const HOURS = [9, 11, 14, 16, 10, 13, 17];

/** n days spread between two instants, each at a business hour (UTC), kept on its side of `now`. */
function spread(from: Date, to: Date, n: number, now: Date, side: "past" | "future"): Date[] {
  const span = Math.max(to.getTime() - from.getTime(), 0);
  return Array.from({ length: n }, (_, i) => {
    const d = new Date(from.getTime() + (span * (i + 0.5)) / n);
    d.setUTCHours(HOURS[i % HOURS.length]!, i % 2 ? 30 : 0, 0, 0);
    if (side === "past" && d.getTime() > now.getTime() - 3_600_000) d.setUTCDate(d.getUTCDate() - 1);
    if (side === "future" && d.getTime() < now.getTime() + 3_600_000) d.setUTCDate(d.getUTCDate() + 1);
    return d;
  });
}

/** True when the database has no users: the only case in which the demo is seeded. */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Seeds workspace `demo`: an admin, a sandbox account and a dozen posts over the current month
 * (published ones with their sandbox posts, attempts and engagement; upcoming ones pending; one
 * failed), so the first screen shows a working product. Returns the admin password if generated.
 */
export async function seedDemo(db: Db, opts: SeedOptions): Promise<{ email: string; generatedPassword: string | null }> {
  const password = opts.adminPassword ?? crypto.randomBytes(9).toString("base64url");
  const passwordHash = await hashPassword(password);
  const now = opts.now ?? new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1, 8));
  const monthEnd = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0, 18));
  const futureEnd = new Date(Math.max(monthEnd.getTime(), now.getTime() + 5 * 86_400_000));
  const times = [
    ...spread(monthStart, new Date(now.getTime() - 3_600_000), 7, now, "past"),
    ...spread(new Date(now.getTime() + 2 * 3_600_000), futureEnd, 5, now, "future"),
  ];

  await db.transaction(async (tx) => {
    const admin = await insertUser(tx, { email: opts.adminEmail, name: "Demo Admin", passwordHash });
    const ws = await insertWorkspace(tx, { name: "Demo", slug: "demo" });
    await insertMembership(tx, { workspaceId: ws.id, userId: admin.id, role: "admin" });
    await insertRecommendedRules(tx, ws.id, admin.id);
    await setLastWorkspace(tx, admin.id, ws.id);
    const [account] = await tx
      .insert(platformAccounts)
      .values({ workspaceId: ws.id, platform: "sandbox", name: "Sandbox", externalId: "sandbox", createdBy: admin.id, lastVerifiedAt: now })
      .returning({ id: platformAccounts.id });

    for (const [i, sample] of SAMPLES.entries()) {
      const at = times[i]!;
      const past = at < now;
      const failed = i === 4;
      const status = !past ? "scheduled" : failed ? "failed" : "published";
      const [item] = await tx
        .insert(contentItems)
        .values({
          workspaceId: ws.id,
          title: sample.title,
          content: sample.content,
          contentType: sample.type,
          status,
          tags: sample.tags,
          authorId: admin.id,
          sourceType: "demo",
          scheduledFor: at,
          publishedAt: status === "published" ? at : null,
          createdAt: new Date(at.getTime() - 3 * 86_400_000 > now.getTime() ? now.getTime() : at.getTime() - 3 * 86_400_000),
        })
        .returning({ id: contentItems.id });
      const [schedule] = await tx
        .insert(schedules)
        .values({
          workspaceId: ws.id,
          contentItemId: item!.id,
          platformAccountId: account!.id,
          platformId: "sandbox",
          scheduledTime: at,
          originalTime: at,
          localTime: at.toISOString().slice(0, 16),
          timezone: "UTC",
          publishStatus: !past ? "pending" : failed ? "failed" : "published",
          retryCount: failed ? 3 : 0,
          errorCode: failed ? "permanent" : null,
          errorMessage: failed ? "Sandbox rejected the post: threads need at least two parts (demo failure)" : null,
          publishedAt: status === "published" ? at : null,
          createdBy: admin.id,
        })
        .returning({ id: schedules.id });
      await tx
        .update(schedules)
        .set({ idempotencyKey: sql`${schedules.id}::text || ':v1'` })
        .where(sql`${schedules.id} = ${schedule!.id}`);
      if (!past) continue;
      let postId: string | null = null;
      if (!failed) {
        const [post] = await tx
          .insert(sandboxPosts)
          .values({ platformAccountId: account!.id, idempotencyKey: `${schedule!.id}:v1`, text: sample.content, likes: 5 + ((i * 7) % 40), createdAt: at })
          .returning({ id: sandboxPosts.id });
        postId = post!.id;
        await tx
          .update(schedules)
          .set({ platformPostId: postId, platformPostUrl: `/sandbox/${postId}` })
          .where(sql`${schedules.id} = ${schedule!.id}`);
        const impressions = 400 + ((i * 137) % 900);
        const likes = 5 + ((i * 7) % 40);
        const shares = 1 + (i % 6);
        const comments = i % 5;
        await tx.insert(contentAnalytics).values({
          contentItemId: item!.id,
          scheduleId: schedule!.id,
          platformId: "sandbox",
          likesCount: likes,
          sharesCount: shares,
          commentsCount: comments,
          clicksCount: 3 * shares,
          impressions,
          reach: Math.round(impressions * 0.8),
          engagementRate: (likes + shares + comments) / impressions,
          measuredAt: new Date(at.getTime() + 86_400_000 > now.getTime() ? now.getTime() : at.getTime() + 86_400_000),
        });
      }
      await tx.insert(publishAttempts).values({
        scheduleId: schedule!.id,
        attemptNumber: 1,
        runnerId: "demo-seed",
        idempotencyKey: `${schedule!.id}:v1`,
        startedAt: at,
        finishedAt: new Date(at.getTime() + 180),
        durationMs: 180,
        outcome: failed ? "permanent" : "success",
        httpStatus: failed ? 422 : 201,
        responseExcerpt: failed ? '{"error":"thread needs two parts"}' : JSON.stringify({ id: postId }),
        errorMessage: failed ? "Sandbox rejected the post: threads need at least two parts (demo failure)" : null,
      });
    }
  });
  return { email: opts.adminEmail, generatedPassword: opts.adminPassword ? null : password };
}
