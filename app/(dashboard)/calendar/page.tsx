import type { Metadata } from "next";
import { requireMember } from "@/app/_server/session";
import { calendar } from "@/lib/scheduling/calendar";
import { personFormat } from "@/app/_server/format";
import { isValidTimeZone } from "@/lib/time";
import { can } from "@/lib/auth/permissions";
import { parseDay, rangeAround, wallNow } from "@/lib/calendar/board";
import { listAccountSummaries } from "@/lib/accounts/manage";
import { calendarTags, failedPosts, unscheduledDrafts } from "@/lib/calendar/board-data";
import { calendarBlackouts } from "@/lib/calendar/blackouts";
import { dropTargetsFor } from "@/lib/calendar/drop-targets";
import { packEvents } from "@/lib/calendar/wire";
import { PageHeader } from "@/components/ui/PageHeader";
import { LiveRefresh } from "@/components/jobs/LiveRefresh";
import { CalendarBoard } from "@/components/calendar/CalendarBoard";
import { BrokenAccountsNotice } from "@/components/accounts/BrokenAccountsNotice";

export const metadata: Metadata = { title: "Calendar" };

type Search = Promise<Record<string, string | string[] | undefined>>;
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The calendar: the month around `?date=` in `?zone=` (default: the person's zone), rendered on the server. */
export default async function CalendarPage({ searchParams }: { searchParams: Search }) {
  const { db, actor } = await requireMember();
  const sp = await searchParams;
  // The same read the layout made (cached per request).
  const prefs = await personFormat(db, actor);
  const askedZone = one(sp.zone);
  const zone = askedZone && isValidTimeZone(askedZone) ? askedZone : prefs.timeZone;
  const anchor = parseDay(one(sp.date)) ?? wallNow(zone).slice(0, 10);
  const range = rangeAround(anchor);
  const canWrite = can(actor.role, "schedules:write");
  // Everything at once: the blackouts and drop targets wait only for the accounts, not for the calendar.
  const accountsRead = listAccountSummaries(db, actor);
  const [data, accounts, tags, drafts, failedCount, blackouts, dropTargets] = await Promise.all([
    calendar(db, actor, { ...range, timezone: zone }),
    accountsRead,
    calendarTags(db, actor),
    canWrite ? unscheduledDrafts(db, actor) : Promise.resolve([]),
    canWrite ? failedPosts(db, actor) : Promise.resolve(0),
    accountsRead.then((list) => calendarBlackouts(db, actor, range, zone, new Map(list.map((a) => [a.id, a.name])))),
    canWrite ? accountsRead.then((list) => dropTargetsFor(db, actor, list)) : Promise.resolve([]),
  ]);
  const view = one(sp.view);
  return (
    <>
      <PageHeader title="Calendar" description={`Times in ${zone}. Drag a post to move it; drop a draft to schedule it.`} actions={<LiveRefresh />} />
      <BrokenAccountsNotice db={db} actor={actor} />
      {askedZone && askedZone !== zone && (
        <p
          role="alert"
          className="mb-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
        >
          “{askedZone}” is not a time zone we know; showing {zone}.
        </p>
      )}
      <CalendarBoard
        zone={zone}
        anchor={anchor}
        view={view ?? null}
        range={range}
        // Sent packed (a month of 2,000 posts is a third of the bytes), unpacked in the browser.
        packed={packEvents(data.events, data.conflicts)}
        blackouts={blackouts}
        accounts={accounts.map((a) => ({ id: a.id, name: a.name, platform: a.platform, status: a.status }))}
        tags={tags}
        drafts={drafts}
        dropTargets={dropTargets}
        failedCount={failedCount}
        canWrite={canWrite}
        weekStart={prefs.weekStart}
      />
    </>
  );
}
