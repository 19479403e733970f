import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { approvalRequests, contentItems, workspaces } from "@/db/schema";
import { rowsOf, type Db } from "@/db/client";
import { emitEvent } from "@/db/queries/events";
import { suggestForAccounts } from "@/lib/scheduling/suggest";
import { createSchedules } from "@/lib/scheduling/create";
import { suggestionsForAccountsInput } from "@/lib/validation/suggestions";
import { scheduleCreateSchema } from "@/lib/validation/schedules";
import { decide, submitForApproval } from "@/lib/approvals/workflow";
import { runFanOut } from "@/lib/notifications/fanout";
import { MAX_EMAIL_ATTEMPTS, sendDueEmails, type Mailer } from "@/lib/notifications/email";
import { configuredDispatch, configuredEngine } from "@/lib/publishing/deps";
import { periodicJob, runTriggerPass } from "@/jobs/catalogue";
import { appWork } from "@/jobs/runner/ticks";
import { renderMetrics } from "./prometheus";
import { timeBucket } from "./counters";
import { JobDurations } from "./job-durations";

// Each metric through the code that serves or does the thing, read back from /api/metrics' text.
const ref = withTestDatabase();
const db = () => ref.current.db as Db;

/** The value of one sample (labels in the order served), or undefined when it is not there. */
async function sample(name: string, labels: Record<string, string> = {}): Promise<number | undefined> {
  const l = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .join(",");
  const line = (await renderMetrics(db())).split("\n").find((x) => x.startsWith(`${name}${l ? `{${l}}` : ""} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(" ") + 1));
}

const ok: Mailer = { send: async () => undefined };
const refusing: Mailer = {
  send: async () => {
    throw new Error("mailbox unavailable");
  },
};

describe("the product plan's metrics in /api/metrics", () => {
  it("optimal_time_suggestions_total counts every suggested time served, by platform", async () => {
    const ws = await makeWorkspace(db());
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const ask = () => suggestForAccounts(db(), ws.actors.viewer, suggestionsForAccountsInput.parse({ platform_account_ids: [account], count: 3 }));
    const n = (await ask()).accounts[0]!.items.length;
    expect(n).toBe(3);
    expect(await sample("optimal_time_suggestions_total", { platform: "sandbox" })).toBe(3);
    await ask();
    expect(await sample("optimal_time_suggestions_total", { platform: "sandbox" })).toBe(6);
  });

  it("scheduled_content_total counts schedules created, by platform and the part of the day of their local time", async () => {
    expect(["05:59", "06:00", "11:59", "12:00", "17:59", "18:00", "23:59", "00:00"].map((t) => timeBucket(`2031-05-04T${t}`))).toEqual([
      "night",
      "morning",
      "morning",
      "afternoon",
      "afternoon",
      "evening",
      "evening",
      "night",
    ]);
    const ws = await makeWorkspace(db());
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const { contentId } = await makeDue(db(), ws.workspace.id, account, "sandbox", { dueIn: 30 * 86_400 });
    const at = (time: string) =>
      createSchedules(
        db(),
        ws.actors.editor,
        scheduleCreateSchema.parse({ content_item_id: contentId, platform_account_id: account, scheduled_time: time, timezone: "America/New_York" }),
      );
    await at("2031-05-05T09:30");
    await at("2031-05-06T21:00");
    await at("2031-05-07T08:15");
    // 09:30 in New York is 13:30 UTC: the bucket is the person's own time of day.
    expect(await sample("scheduled_content_total", { platform: "sandbox", time_bucket: "morning" })).toBe(2);
    expect(await sample("scheduled_content_total", { platform: "sandbox", time_bucket: "evening" })).toBe(1);
    expect(await sample("scheduled_content_total", { platform: "sandbox", time_bucket: "afternoon" })).toBeUndefined();
  });

  it("approval_response_time_seconds observes submission to decision, by decision; notification_deliveries_total counts what reached people", async () => {
    const ws = await makeWorkspace(db());
    await db().update(workspaces).set({ approvalPolicy: "required_for_editors" }).where(eq(workspaces.id, ws.workspace.id));
    const reviewed = async (decision: "approve" | "request_changes", waitedSeconds: number) => {
      const [row] = await db()
        .insert(contentItems)
        .values({ workspaceId: ws.workspace.id, authorId: ws.actors.editor.userId, title: `Review ${decision}`, content: "Text to review" })
        .returning();
      await submitForApproval(db(), ws.actors.editor, row!.id);
      await db()
        .update(approvalRequests)
        .set({ createdAt: sql`now() - make_interval(secs => ${waitedSeconds})` })
        .where(eq(approvalRequests.contentItemId, row!.id));
      await decide(db(), ws.actors.admin, row!.id, decision, { version: row!.version });
    };
    await reviewed("approve", 400);
    await reviewed("request_changes", 2 * 3600 - 60);
    const approved = { decision: "approved" };
    expect(await sample("approval_response_time_seconds_bucket", { ...approved, le: "300" })).toBe(0);
    expect(await sample("approval_response_time_seconds_bucket", { ...approved, le: "900" })).toBe(1);
    expect(await sample("approval_response_time_seconds_bucket", { ...approved, le: "+Inf" })).toBe(1);
    expect(await sample("approval_response_time_seconds_count", approved)).toBe(1);
    expect(Math.abs((await sample("approval_response_time_seconds_sum", approved))! - 400)).toBeLessThan(5);
    const changes = { decision: "changes_requested" };
    expect(await sample("approval_response_time_seconds_bucket", { ...changes, le: "3600" })).toBe(0);
    expect(await sample("approval_response_time_seconds_bucket", { ...changes, le: "7200" })).toBe(1);

    // Submissions and decisions become notifications (in the app and by email), counted with their rows.
    await runFanOut(db());
    const inApp = async () =>
      rowsOf<{ n: number }>(await db().execute(sql`SELECT count(*)::int AS n FROM notifications WHERE (data->>'in_app')::boolean`))[0]!.n;
    const made = await inApp();
    expect(made).toBeGreaterThanOrEqual(2);
    expect(await sample("notification_deliveries_total", { channel: "in_app", outcome: "delivered" })).toBe(made);
    const sent = await sendDueEmails(db(), ok);
    expect(sent).toBeGreaterThanOrEqual(2);
    expect(await sample("notification_deliveries_total", { channel: "email", outcome: "sent" })).toBe(sent);

    await emitEvent(db(), ws.workspace.id, "content_approved", {
      content_item_id: crypto.randomUUID(),
      title: "Once more",
      author_id: ws.actors.editor.userId,
      actor_id: ws.actors.admin.userId,
    });
    await runFanOut(db());
    expect(await sendDueEmails(db(), refusing)).toBe(0);
    expect(await sample("notification_deliveries_total", { channel: "email", outcome: "failed" })).toBe(1);
    // Its last attempt: given up.
    await db().execute(
      sql`UPDATE notifications SET data = data || jsonb_build_object('email_attempts', ${MAX_EMAIL_ATTEMPTS - 1}::int, 'email_lease_until', now() - interval '1 minute') WHERE emailed_at IS NULL AND (data->>'email')::boolean`,
    );
    expect(await sendDueEmails(db(), refusing)).toBe(0);
    expect(await sample("notification_deliveries_total", { channel: "email", outcome: "abandoned" })).toBe(1);
    expect(await sample("notification_deliveries_total", { channel: "email", outcome: "sent" })).toBe(sent);
    expect(await sample("notification_deliveries_total", { channel: "in_app", outcome: "delivered" })).toBe(made + 1);
    expect(await inApp()).toBe(made + 1);
  });

  it("workflow_execution_duration_seconds times every pass of the embedded runner and of a Trigger.dev run, by job", async () => {
    const d = new JobDurations();
    d.observe("probe", 0.03);
    d.observe("probe", 400);
    await d.flush(db());
    const probe = { job: "probe" };
    expect(await sample("workflow_execution_duration_seconds_bucket", { ...probe, le: "0.025" })).toBe(0);
    expect(await sample("workflow_execution_duration_seconds_bucket", { ...probe, le: "0.05" })).toBe(1);
    expect(await sample("workflow_execution_duration_seconds_bucket", { ...probe, le: "300" })).toBe(1);
    expect(await sample("workflow_execution_duration_seconds_bucket", { ...probe, le: "+Inf" })).toBe(2);
    expect(await sample("workflow_execution_duration_seconds_sum", probe)).toBeCloseTo(400.03, 5);

    const work = appWork()({ db: db(), runnerId: "metrics-test" });
    await work.tick();
    await work.stop(); // adds what it timed
    for (const job of ["extend-series", "prune", "publish-due", "sync-trigger-runs"]) {
      expect(await sample("workflow_execution_duration_seconds_count", { job })).toBe(1);
    }
    const env = { db: db(), engine: configuredEngine(db(), "metrics-test"), dispatch: configuredDispatch(), trigger: null };
    const run = await runTriggerPass(periodicJob("prune"), env, new Date(), { marginMs: 120_000 });
    expect(run.passes).toBe(1);
    expect(await sample("workflow_execution_duration_seconds_count", { job: "prune" })).toBe(2);
  });
});
