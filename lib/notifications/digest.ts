/**
 * The optional daily digest: one email per person per local day, after DIGEST_HOUR in their zone
 * and outside their quiet hours, with yesterday's outcomes in each of their workspaces. The day is
 * claimed before sending, so a crash mid-send loses that day's digest rather than doubling it.
 */
import type { Db } from "@/db/client";
import { claimDigest, digestSubscribers, outcomesFor, type DigestLine } from "@/db/queries/notifications";
import { addDaysLocal, formatDate, isValidTimeZone, resolveLocal, utcToLocal } from "../time";
import { createFormat, FALLBACK_LOCALE } from "../format";
import { log } from "../log";
import { countNotificationDeliveries } from "../monitoring/counters";
import { escapeHtml, type Mailer } from "./email";
import { quietUntil, resolvePrefs } from "./prefs";

export const DIGEST_HOUR = 7;

/** `day`: the day as the recipient reads it ("April 9, 2026"); `number` in their locale. */
export function renderDigest(name: string, day: string, lines: DigestLine[], baseUrl: string, number: (n: number) => string = String) {
  const subject = `Your daily digest for ${day}`;
  const text = [
    `Hello ${name},`,
    "",
    `What happened on ${day}:`,
    ...lines.flatMap((l) => [
      "",
      `${l.workspace}: ${number(l.published)} published, ${number(l.failed)} failed`,
      ...l.failures.map((f) => `  - ${f.title} (${f.platform}): ${f.reason ?? "no reason given"}`),
    ]),
    "",
    `Job monitor: ${baseUrl}/jobs`,
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;color:#0f172a">
<p>Hello ${escapeHtml(name)},</p><p>What happened on ${escapeHtml(day)}:</p>
${lines
  .map(
    (l) =>
      `<h3 style="margin-bottom:4px">${escapeHtml(l.workspace)}</h3><p style="margin:0">${number(l.published)} published, ${number(l.failed)} failed</p>` +
      (l.failures.length
        ? `<ul>${l.failures.map((f) => `<li>${escapeHtml(f.title)} (${escapeHtml(f.platform)}): ${escapeHtml(f.reason ?? "no reason given")}</li>`).join("")}</ul>`
        : ""),
  )
  .join("\n")}
<p><a href="${escapeHtml(baseUrl)}/jobs">Open the job monitor</a></p></body></html>`;
  return { subject, text, html };
}

/** Sends the digests that are due now; returns how many went out. */
export async function sendDigests(db: Db, mailer: Mailer, baseUrl: string, now = new Date()): Promise<number> {
  let sent = 0;
  for (const s of await digestSubscribers(db)) {
    const zone = isValidTimeZone(s.timezone) ? s.timezone : "UTC";
    const local = utcToLocal(now, zone);
    if (local.hour < DIGEST_HOUR) continue;
    if (quietUntil(resolvePrefs(s.prefs, s.quiet).quietHours, now)) continue;
    const day = formatDate(local);
    const yesterday = addDaysLocal({ ...local, hour: 0, minute: 0, second: 0 }, -1);
    const from = resolveLocal(yesterday, zone).instant;
    const to = resolveLocal({ ...local, hour: 0, minute: 0, second: 0 }, zone).instant;
    if (!(await claimDigest(db, s.userId, day))) continue;
    const lines = await outcomesFor(db, s.userId, from, to);
    // A quiet day sends nothing: the digest is for outcomes, not for the habit.
    if (!lines.length) continue;
    // The recipient's own locale (their choice, else the default) and zone.
    const f = createFormat({ locale: s.locale ?? FALLBACK_LOCALE, timeZone: zone });
    const msg = renderDigest(s.name, f.date(resolveLocal({ ...yesterday, hour: 12 }, zone).instant, "long"), lines, baseUrl, f.number);
    try {
      await mailer.send({ to: s.email, ...msg });
      sent++;
    } catch (err) {
      log.warn("digest email failed", { userId: s.userId, err: err instanceof Error ? err.message : String(err) });
      // The day was claimed before sending: this digest is not tried again.
      await countNotificationDeliveries(db, "digest", "abandoned");
      continue;
    }
    await countNotificationDeliveries(db, "digest", "sent");
  }
  return sent;
}
