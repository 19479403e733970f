import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import type { AddressInfo } from "node:net";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { makeAccount, makeDue } from "@/scripts/test/publishing";
import { notifications, schedules, userPreferences } from "@/db/schema";
import type { Db } from "@/db/client";
import { emitEvent } from "@/db/queries/events";
import { setMyNotificationPrefs } from "./index";
import { runFanOut } from "./fanout";
import { sendDueEmails, smtpMailer } from "./email";
import { sendDigests } from "./digest";
import { defaultPrefs } from "./prefs";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;

type Mail = { from: string; to: string[]; raw: string };
const inbox: Mail[] = [];
let refuse = false;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  onRcptTo(address, _session, cb) {
    cb(refuse ? Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }) : undefined);
  },
  onData(stream, session, cb) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      inbox.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      cb();
    });
  },
});
let url = "";
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** Headers and the text part of a message as it arrived (RFC 2047 words and quoted-printable decoded). */
function read(raw: string) {
  const words = (s: string) =>
    s.replace(/=\?UTF-8\?([QB])\?([^?]*)\?=\s*/gi, (_m, enc: string, text: string) =>
      enc.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : Buffer.from(
            text.replace(/_/g, " ").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            "latin1",
          ).toString("utf8"),
    );
  const qp = (s: string) =>
    Buffer.from(
      s.replace(/=\r?\n/g, "").replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
      "latin1",
    ).toString("utf8");
  const header = (name: string) => words((new RegExp(`^${name}: (.*(?:\\r?\\n[ \\t].*)*)`, "mi").exec(raw)?.[1] ?? "").replace(/\r?\n[ \t]/g, " ")).trim();
  const text = /Content-Type: text\/plain[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw)?.[1] ?? "";
  return { subject: header("Subject"), to: header("To"), from: header("From"), text: qp(text), html: qp(raw) };
}

async function approvedFor(wsId: string, authorId: string, actorId: string, title: string) {
  const item = crypto.randomUUID();
  await emitEvent(db(), wsId, "content_approved", {
    content_item_id: item,
    title,
    author_id: authorId,
    actor_id: actorId,
    approval_request_id: item,
    comment: "Looks good",
  });
  await runFanOut(db());
  return item;
}

describe("notification emails", () => {
  it("arrive at the SMTP server with subject, recipient and link, once", async () => {
    const ws = await makeWorkspace(db());
    const mailer = smtpMailer(url, "Scheduler <scheduler@test.local>")!;
    inbox.length = 0;
    const item = await approvedFor(ws.workspace.id, ws.actors.editor.userId, ws.actors.admin.userId, "Spring launch");
    expect(await sendDueEmails(db(), mailer, { baseUrl: "http://app.test" })).toBe(1);
    expect(inbox).toHaveLength(1);
    const mail = read(inbox[0]!.raw);
    expect(inbox[0]!.to).toEqual([ws.actors.editor.email]);
    expect(inbox[0]!.from).toBe("scheduler@test.local");
    expect(mail.subject).toBe("“Spring launch” was approved");
    expect(mail.text).toContain(`http://app.test/content/${item}`);
    expect(mail.text).toContain("Looks good");
    expect(mail.html).toContain(`<a href="http://app.test/content/${item}">`);
    const [row] = await db().select().from(notifications).where(eq(notifications.userId, ws.actors.editor.userId));
    expect(row!.emailedAt).not.toBeNull();
    // Marked: the next pass sends nothing again.
    expect(await sendDueEmails(db(), mailer, { baseUrl: "http://app.test" })).toBe(0);
    expect(inbox).toHaveLength(1);
  });

  it("sends nothing for email turned off, holds quiet-hour emails until they end, and keeps a refused one for later", async () => {
    const ws = await makeWorkspace(db());
    const mailer = smtpMailer(url, "Scheduler <scheduler@test.local>")!;
    const p = defaultPrefs();
    await setMyNotificationPrefs(db(), ws.actors.editor, {
      triggers: { ...p.triggers, content_approved: { in_app: true, email: false } },
      digest: false,
      quiet_hours: { enabled: false, start: "22:00", end: "07:00", timezone: "UTC" },
    });
    inbox.length = 0;
    await approvedFor(ws.workspace.id, ws.actors.editor.userId, ws.actors.admin.userId, "No email please");
    expect(await sendDueEmails(db(), mailer)).toBe(0);

    const hh = (ms: number) => new Date(Date.now() + ms).toISOString().slice(11, 16);
    await setMyNotificationPrefs(db(), ws.actors.viewer, {
      triggers: p.triggers,
      digest: false,
      quiet_hours: { enabled: true, start: hh(-3600_000), end: hh(3600_000), timezone: "UTC" },
    });
    await emitEvent(db(), ws.workspace.id, "content_approved", {
      content_item_id: crypto.randomUUID(),
      title: "Quiet",
      author_id: ws.actors.viewer.userId,
      actor_id: ws.actors.admin.userId,
      comment: null,
    });
    await runFanOut(db());
    expect(await sendDueEmails(db(), mailer)).toBe(0);
    expect(inbox).toHaveLength(0);
    // The quiet hours end (moved into the past here): it goes out.
    await db().execute(
      sql`update notifications set data = data || '{"email_due_at": "2000-01-01T00:00:00Z"}'::jsonb where user_id = ${ws.actors.viewer.userId}`,
    );
    refuse = true;
    expect(await sendDueEmails(db(), mailer)).toBe(0);
    const [failed] = await db().select().from(notifications).where(eq(notifications.userId, ws.actors.viewer.userId));
    expect(failed!.emailedAt).toBeNull();
    expect(failed!.data).toMatchObject({ email_attempts: 1, email_error: expect.stringMatching(/mailbox unavailable/) });
    refuse = false;
    await db().execute(sql`update notifications set data = data - 'email_lease_until' where user_id = ${ws.actors.viewer.userId}`);
    expect(await sendDueEmails(db(), mailer)).toBe(1);
    expect(read(inbox[0]!.raw).subject).toBe("“Quiet” was approved");
    expect(inbox[0]!.to).toEqual([ws.actors.viewer.email]);
  });

  it("sends the daily digest once a day with yesterday's outcomes", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const mailer = smtpMailer(url, "Scheduler <scheduler@test.local>")!;
    const p = defaultPrefs();
    await setMyNotificationPrefs(db(), ws.actors.admin, {
      triggers: p.triggers,
      digest: true,
      quiet_hours: { enabled: false, start: "22:00", end: "07:00", timezone: "UTC" },
    });
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const ok = await makeDue(db(), ws.workspace.id, account, "sandbox", { title: "Went out" });
    const bad = await makeDue(db(), ws.workspace.id, account, "sandbox", { title: "Did not" });
    const yesterdayNoon = new Date("2026-04-09T12:00:00Z");
    await db().update(schedules).set({ publishStatus: "published", publishedAt: yesterdayNoon }).where(eq(schedules.id, ok.scheduleId));
    await db()
      .update(schedules)
      .set({ publishStatus: "failed", updatedAt: yesterdayNoon, errorMessage: "the platform refused the text" })
      .where(eq(schedules.id, bad.scheduleId));
    inbox.length = 0;
    const now = new Date("2026-04-10T08:00:00Z");
    expect(await sendDigests(db(), mailer, "http://app.test", now)).toBe(1);
    expect(await sendDigests(db(), mailer, "http://app.test", new Date("2026-04-10T15:00:00Z"))).toBe(0);
    expect(inbox).toHaveLength(1);
    const mail = read(inbox[0]!.raw);
    // The day in the recipient's locale (none chosen: the default) and zone.
    expect(mail.subject).toBe("Your daily digest for April 9, 2026");
    expect(mail.text).toContain("1 published, 1 failed");
    expect(mail.text).toContain("Did not (sandbox): the platform refused the text");
    expect(mail.text).toContain("http://app.test/jobs");
  });

  it("writes the digest's day and counts in the recipient's locale and zone", async () => {
    const ws = await makeWorkspace(db(), ["admin"]);
    const mailer = smtpMailer(url, "Scheduler <scheduler@test.local>")!;
    const p = defaultPrefs();
    await setMyNotificationPrefs(db(), ws.actors.admin, {
      triggers: p.triggers,
      digest: true,
      quiet_hours: { enabled: false, start: "22:00", end: "07:00", timezone: "UTC" },
    });
    await db().update(userPreferences).set({ locale: "de-DE", timezone: "Pacific/Chatham" }).where(eq(userPreferences.userId, ws.actors.admin.userId));
    const account = await makeAccount(db(), ws.workspace.id, "sandbox");
    const ok = await makeDue(db(), ws.workspace.id, account, "sandbox", { title: "Ging raus" });
    // 11:00Z on 9 Apr is 23:45 on 9 Apr in Chatham (+12:45): that local day, not the UTC one.
    await db()
      .update(schedules)
      .set({ publishStatus: "published", publishedAt: new Date("2026-04-09T11:00:00Z") })
      .where(eq(schedules.id, ok.scheduleId));
    inbox.length = 0;
    // 08:00 on 10 Apr in Chatham.
    expect(await sendDigests(db(), mailer, "http://app.test", new Date("2026-04-09T19:15:00Z"))).toBeGreaterThanOrEqual(1);
    const mail = read(inbox.find((m) => m.to.includes(ws.actors.admin.email))!.raw);
    expect(mail.subject).toBe("Your daily digest for 9. April 2026");
    expect(mail.text).toContain("1 published, 0 failed");
  });
});
