import "server-only";
import Link from "next/link";
import type { Db } from "@/lib/database";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { decisionBoard, missedReason } from "@/lib/publishing/decision";
import { platformName } from "@/adapters/registry";
import { PlatformIcon } from "@/components/ui/PlatformIcon";
import { ZoneNote } from "@/components/schedules/ZoneNote";
import type { Format } from "@/lib/format";
import { rateWaitFor } from "@/lib/publishing/rate-wait";
import { DecisionActions } from "./DecisionActions";

/** "Missed its time by 3.0 h." out of the sweep's message. */
function lateBy(message: string | undefined): string {
  const m = /Missed its time by [^;.]+(\.\d[^;.]*)?/.exec(message ?? "");
  return m ? `${m[0]}.` : "";
}

/**
 * Missed posts whose policy is "ask", each with Publish now and Skip, and posts held back by a
 * rate limit with what they wait for. Shown on the overview and the job monitor; nothing when
 * both are empty.
 */
export async function DecisionList({ db, actor, format: f }: { db: Db; actor: Actor; format: Format }) {
  const { awaiting, waits } = await decisionBoard(db, actor);
  if (!awaiting.length && !waits.length) return null;
  const canDecide = can(actor.role, "schedules:write");
  return (
    <>
      {awaiting.length > 0 && (
        <section className="card mb-5 border-amber-300 p-0 dark:border-amber-700" aria-labelledby="decisions-title" data-testid="decision-list">
          <h2 id="decisions-title" className="px-4 pt-4 text-base font-semibold">
            Needs a decision ({awaiting.length})
          </h2>
          <p className="px-4 text-sm text-slate-600 dark:text-slate-400">
            These posts missed their time and their policy says to ask first. Nothing goes out until someone decides.
          </p>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {awaiting.map((s) => {
              const missed = (s.metadata as { missed?: { message?: string } }).missed;
              return (
                <li key={s.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:gap-4" data-testid="decision-row">
                  <div className="min-w-0 flex-1">
                    <Link href={`/content/${s.contentItemId}`} className="break-words font-medium underline-offset-2 hover:underline">
                      {s.title}
                    </Link>
                    <div className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600 dark:text-slate-400">
                      <PlatformIcon platform={s.platformId} />
                      <span>
                        {platformName(s.platformId)} · {s.accountName}
                      </span>
                    </div>
                    <div className="text-sm">
                      Due <time dateTime={s.originalTime.toISOString()}>{f.dateTime(s.originalTime)}</time>
                      <ZoneNote f={f} at={s.originalTime} zone={s.timezone} />
                    </div>
                    <div className="text-sm text-slate-600 dark:text-slate-400">
                      {missedReason(s.metadata)} {lateBy(missed?.message)}
                    </div>
                  </div>
                  {canDecide && <DecisionActions id={s.id} label={s.title} />}
                </li>
              );
            })}
          </ul>
        </section>
      )}
      {waits.length > 0 && (
        <section className="card mb-5 p-0" aria-labelledby="rate-waits-title" data-testid="rate-wait-list">
          <h2 id="rate-waits-title" className="px-4 pt-4 text-base font-semibold">
            Waiting for a rate limit ({waits.length})
          </h2>
          <p className="px-4 text-sm text-slate-600 dark:text-slate-400">
            Still scheduled: these go out by themselves when the platform allows. A wait is never treated as a missed post.
          </p>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {waits.map((s) => (
              <li key={s.id} className="px-4 py-3" data-testid="rate-wait-row">
                <Link href={`/jobs?schedule=${s.id}`} className="break-words font-medium underline-offset-2 hover:underline">
                  {s.title}
                </Link>
                <div className="text-sm text-slate-600 dark:text-slate-400">
                  {s.accountName} · due <time dateTime={s.originalTime.toISOString()}>{f.dateTime(s.originalTime)}</time>
                  <ZoneNote f={f} at={s.originalTime} zone={s.timezone} />
                </div>
                <div className="text-sm">{rateWaitFor(s, f) ?? s.errorMessage}</div>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
