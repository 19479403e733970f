import type { Db } from "@/db/client";
import { sendDigests } from "./digest";
import { appBaseUrl, configuredMailer, sendDueEmails, type Mailer } from "./email";
import { runFanOut } from "./fanout";

/**
 * One pass of the notification work, for the runners: turn new events into notifications, then
 * (with a mailer) send the emails that are due and, every few minutes, the daily digests.
 */
export function notificationWork(opts: { mailer?: Mailer | null; baseUrl?: string; digestEveryMs?: number } = {}) {
  let lastDigest = 0;
  return async (db: Db): Promise<number> => {
    let done = await runFanOut(db);
    const mailer = opts.mailer === undefined ? configuredMailer() : opts.mailer;
    if (!mailer) return done;
    const base = opts.baseUrl ?? appBaseUrl();
    done += await sendDueEmails(db, mailer, { baseUrl: base });
    if (Date.now() - lastDigest >= (opts.digestEveryMs ?? 300_000)) {
      lastDigest = Date.now();
      done += await sendDigests(db, mailer, base);
    }
    return done;
  };
}
