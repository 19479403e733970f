/**
 * One account's learned best times: its model as a weekday × hour grid (darker is better, hatched
 * where the estimate is uncertain), where it comes from, and its ten best slots as a table.
 * Plain HTML and a GET form: no client code.
 */
import type { LearnedCell, LearnedView } from "@/lib/besttimes/view";
import { displayValue, WEEKDAYS, type Row } from "@/lib/analytics/report";
import { Heatmap } from "./Heatmap";

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const hourText = (h: number) => `${String(h).padStart(2, "0")}:00`;

export function LearnedBestTimes({
  view,
  locale,
  learnedAt,
  keep,
}: {
  view: LearnedView;
  locale: string;
  /** When the model was fitted, already in the person's zone and format. */
  learnedAt: string | null;
  /** Query parameters of the page to keep when another account is chosen. */
  keep: Record<string, string>;
}) {
  const { account, kind } = view;
  const shown = (v: number) => (kind === "rate" ? displayValue(v, "percent", locale) : `${displayValue(Math.round(v * 100) / 100, "count", locale)}×`);
  const describe = (c: LearnedCell) =>
    `${kind === "rate" ? "expected engagement" : "relative to the account's average"} ${shown(c.value)} (${shown(c.low)}–${shown(c.high)}), ${c.posts} of your posts${c.uncertain ? ", uncertain" : ""}`;
  const rows: Row[] = view.cells.map((c) => ({ ...c, uncertain: c.uncertain ? 1 : 0 }));
  const top = [...view.cells].sort((a, b) => b.value - a.value || a.weekday * 24 + a.hour_number - (b.weekday * 24 + b.hour_number)).slice(0, 10);
  const percent = Math.round(view.probability * 100);
  return (
    <section className="card min-w-0" aria-labelledby="learned-title" data-testid="learned-best-times">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 id="learned-title" className="text-base font-semibold">
            Learned best times
          </h2>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="learned-basis">
            {account ? `${account.platformName} · ${account.name}: ${sentence(view.reason)}.` : "Connect an account to see its best times."}
            {learnedAt ? ` Fitted ${learnedAt}.` : ""}
          </p>
        </div>
      </div>
      {view.accounts.length > 1 && (
        <form method="get" action="/analytics" className="mt-3 flex flex-wrap items-end gap-2">
          {Object.entries(keep).map(([k, v]) => (
            <input key={k} type="hidden" name={k} value={v} />
          ))}
          <div>
            <label htmlFor="learned-account" className="label">
              Account
            </label>
            <select id="learned-account" name="account" defaultValue={account?.id} className="input">
              {view.accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.platformName} · {a.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn-secondary">
            Show
          </button>
        </form>
      )}
      {account && (
        <div className="mt-3 space-y-2">
          <Heatmap
            locale={locale}
            testId="heatmap-learned"
            rows={rows}
            valueKey="value"
            format={kind === "rate" ? "percent" : "count"}
            scale="range"
            uncertainKey={view.source === "learned" ? "uncertain" : undefined}
            detail={(r) => describe(r as unknown as LearnedCell)}
            summary={`Learned best times for ${account.name}; best ${top[0] ? `${WEEKDAYS[top[0].weekday]} ${hourText(top[0].hour_number)}` : "–"}.`}
          />
          <p className="text-xs text-slate-600 dark:text-slate-400">
            Darker is better; weekdays and hours{" "}
            {view.timezone ? `in ${view.timezone.replaceAll("_", " ")}, where this account's posts went out` : "in the account's local time"}.{" "}
            {view.source === "learned"
              ? `Striped: uncertain — its ${percent} % interval is wider than half the estimate (few posts there or nearby).`
              : "The research baseline alone: publish or import history to learn this account's own times."}
          </p>
          <details>
            <summary className="cursor-pointer text-sm">The ten best times</summary>
            <div className="overflow-x-auto">
              <table className="mt-2 w-full text-left text-sm" data-testid="learned-top">
                <thead>
                  <tr>
                    <th scope="col">Weekday</th>
                    <th scope="col">Hour</th>
                    <th scope="col">{kind === "rate" ? "Expected engagement" : "Relative to average"}</th>
                    <th scope="col">{percent} % interval</th>
                    <th scope="col">Your posts then</th>
                  </tr>
                </thead>
                <tbody>
                  {top.map((c) => (
                    <tr key={`${c.weekday}:${c.hour_number}`}>
                      <td>{WEEKDAYS[c.weekday]}</td>
                      <td>{hourText(c.hour_number)}</td>
                      <td>{shown(c.value)}</td>
                      <td>
                        {shown(c.low)}–{shown(c.high)}
                      </td>
                      <td>{c.posts}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      )}
    </section>
  );
}
