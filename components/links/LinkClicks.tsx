/**
 * Clicks on tracked short links (lib/links): per post and platform over the range, and per day.
 * Days are UTC days, as the counters keep them.
 */
import Link from "next/link";
import { platformName } from "@/adapters/registry";

export interface ClickRow {
  content_id: string;
  title: string;
  platform: string;
  day: string;
  clicks: number;
}

export function LinkClicks({
  rows,
  total,
  enabled,
  day,
  number,
  postLinks = true,
}: {
  rows: ClickRow[];
  total: number;
  enabled: boolean;
  /** A UTC day (YYYY-MM-DD) as the person reads dates. */
  day: (d: string) => string;
  number: (n: number) => string;
  /** Link each post to its page (off inside a post's own page). */
  postLinks?: boolean;
}) {
  const byPost = new Map<string, { content_id: string; title: string; platform: string; clicks: number }>();
  const byDay = new Map<string, number>();
  for (const r of rows) {
    const k = `${r.content_id}|${r.platform}`;
    const e = byPost.get(k) ?? { content_id: r.content_id, title: r.title, platform: r.platform, clicks: 0 };
    e.clicks += r.clicks;
    byPost.set(k, e);
    byDay.set(r.day, (byDay.get(r.day) ?? 0) + r.clicks);
  }
  const posts = [...byPost.values()].sort((a, b) => b.clicks - a.clicks);
  return (
    <section className="card space-y-3" aria-labelledby="link-clicks-heading" data-testid="link-clicks">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="link-clicks-heading" className="text-base font-semibold">
          Link clicks
        </h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <span className="text-lg font-semibold text-slate-900 dark:text-white">{number(total)}</span> {total === 1 ? "click" : "clicks"} on tracked links
        </p>
      </div>
      {posts.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          {enabled ? (
            "No clicks on tracked links in this range yet."
          ) : (
            <>
              Link tracking is off. <Link href="/settings/links">Turn it on in Settings → Link tracking</Link> to count clicks on the links in your posts.
            </>
          )}
        </p>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          <div
            className="overflow-auto rounded-md border border-slate-200 dark:border-slate-800"
            tabIndex={0}
            role="region"
            aria-label="Link clicks per post and platform"
          >
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Link clicks per post and platform</caption>
              <thead className="bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Post
                  </th>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Platform
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Clicks
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {posts.map((p) => (
                  <tr key={`${p.content_id}|${p.platform}`}>
                    <td className="px-3 py-1.5">{postLinks ? <Link href={`/content/${p.content_id}`}>{p.title}</Link> : p.title}</td>
                    <td className="whitespace-nowrap px-3 py-1.5">{platformName(p.platform)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{number(p.clicks)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="overflow-auto rounded-md border border-slate-200 dark:border-slate-800" tabIndex={0} role="region" aria-label="Link clicks per day">
            <table className="w-full text-left text-sm">
              <caption className="sr-only">Link clicks per day (UTC)</caption>
              <thead className="bg-slate-50 text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                <tr>
                  <th scope="col" className="px-3 py-2 font-medium">
                    Day (UTC)
                  </th>
                  <th scope="col" className="px-3 py-2 text-right font-medium">
                    Clicks
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {[...byDay.entries()].map(([d, n]) => (
                  <tr key={d}>
                    <td className="whitespace-nowrap px-3 py-1.5">{day(d)}</td>
                    <td className="px-3 py-1.5 text-right tabular-nums">{number(n)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </section>
  );
}
