/**
 * Notification emails, sent by the runner outside the fan-out transaction. A row is leased, sent,
 * then marked (`emailed_at`). The window: if the process dies after the SMTP server accepted the
 * message and before the mark commits, the lease runs out (LEASE_SECONDS) and the email goes out
 * a second time. The other way round (mark, then send) would lose the email instead; a duplicate
 * is the lesser harm. Nothing is sent twice once the mark is committed.
 */
import { retryDelayMs } from "../publishing/retry";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "@/db/client";
import { leaseDueEmails, markEmailed, recordEmailFailure, type EmailJob } from "@/db/queries/notifications";
import { getConfig } from "../config";
import { log } from "../log";
import { countNotificationDeliveries } from "../monitoring/counters";

export const LEASE_SECONDS = 120;
export const MAX_EMAIL_ATTEMPTS = 5;

export interface Mailer {
  send(msg: { to: string; subject: string; text: string; html: string }): Promise<void>;
}

/** A mailer over nodemailer's SMTP transport, or null when SMTP_URL is not set. */
export function smtpMailer(url: string | undefined, from: string): Mailer | null {
  if (!url) return null;
  const transport: Transporter = nodemailer.createTransport(url);
  return {
    async send(msg) {
      await transport.sendMail({ from, ...msg });
    },
  };
}

const KEY = Symbol.for("scheduler.mailer");
type G = typeof globalThis & { [KEY]?: Mailer | null };
export function configuredMailer(): Mailer | null {
  const g = globalThis as G;
  if (g[KEY] === undefined) g[KEY] = smtpMailer(getConfig().smtp.url, getConfig().smtp.from);
  return g[KEY];
}

/** Where links in emails point: PUBLIC_URL, else NEXTAUTH_URL. */
export function appBaseUrl(): string {
  const c = getConfig();
  return (c.publicUrl ?? c.nextauthUrl).replace(/\/+$/, "");
}

export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);

/** Plain text and a simple HTML body for one notification. */
export function renderEmail(job: Pick<EmailJob, "title" | "body" | "link" | "name">, baseUrl: string) {
  const url = `${baseUrl}${job.link ?? "/notifications"}`;
  const text = [
    `Hello ${job.name},`,
    "",
    job.title,
    ...(job.body ? ["", job.body] : []),
    "",
    `Open it: ${url}`,
    "",
    "You get this email because of your notification settings:",
    `${baseUrl}/settings/notifications`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">
<p>Hello ${escapeHtml(job.name)},</p>
<p><strong>${escapeHtml(job.title)}</strong></p>
${job.body ? `<p>${escapeHtml(job.body)}</p>` : ""}
<p><a href="${escapeHtml(url)}">Open it in Scheduler</a></p>
<p style="font-size:12px;color:#475569">You get this email because of your <a href="${escapeHtml(baseUrl)}/settings/notifications">notification settings</a>.</p>
</body></html>`;
  return { subject: job.title, text, html, url };
}

/** Sends the emails that are due; returns how many went out. */
export async function sendDueEmails(db: Db, mailer: Mailer, opts: { baseUrl?: string; limit?: number } = {}): Promise<number> {
  const base = opts.baseUrl ?? appBaseUrl();
  const jobs = await leaseDueEmails(db, LEASE_SECONDS, opts.limit ?? 20);
  let sent = 0;
  for (const job of jobs) {
    const { subject, text, html } = renderEmail(job, base);
    try {
      await mailer.send({ to: job.email, subject, text, html });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      log.warn("notification email failed", { notificationId: job.id, err: message });
      await countNotificationDeliveries(db, "email", job.attempts + 1 >= MAX_EMAIL_ATTEMPTS ? "abandoned" : "failed");
      // The publisher's exponential back-off: 1, 2, 4, 8 … minutes.
      await recordEmailFailure(
        db,
        job.id,
        job.attempts + 1,
        message.slice(0, 300),
        MAX_EMAIL_ATTEMPTS,
        retryDelayMs("exponential", job.attempts + 1, null) / 1000,
      );
      continue;
    }
    await markEmailed(db, job.id);
    await countNotificationDeliveries(db, "email", "sent");
    sent++;
  }
  return sent;
}
