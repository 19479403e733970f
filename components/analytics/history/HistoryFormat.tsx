"use client";

/** Hands the template to the browser as a file. */
function downloadText(text: string, name: string) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** What a history file must look like: the header, an example, the rules, and a template to start from. */
export function HistoryFormat({
  columns,
  template,
  contentTypes,
  accounts,
  maxRows,
}: {
  columns: readonly string[];
  template: string;
  contentTypes: readonly string[];
  accounts: { name: string; platform: string }[];
  maxRows: string;
}) {
  return (
    <section className="card mb-5 space-y-3" aria-labelledby="history-format-title">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <h2 id="history-format-title" className="text-base font-semibold">
          What the file looks like
        </h2>
        <button type="button" className="btn-secondary" onClick={() => downloadText(template, "history-template.csv")}>
          Download template CSV
        </button>
      </div>
      <p className="text-sm text-slate-700 dark:text-slate-300">
        A CSV file (UTF-8) with one row per post. The first row names exactly these columns, in any order:
      </p>
      <pre className="rounded-md bg-slate-100 p-3 text-xs whitespace-pre-wrap break-all dark:bg-slate-900" data-testid="history-header">
        {columns.join(",")}
      </pre>
      <p className="text-sm text-slate-700 dark:text-slate-300">For example:</p>
      {/* Scrolls sideways on a phone: focusable so the keyboard can scroll it too. */}
      <pre className="overflow-x-auto rounded-md bg-slate-100 p-3 text-xs dark:bg-slate-900" tabIndex={0} role="region" aria-label="Example file">
        {template}
      </pre>
      <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700 dark:text-slate-300">
        <li>
          <code>account</code>: the account&apos;s name as it is here, its id, or <code>platform:name</code> when two accounts share a name
          {accounts.length ? (
            <>
              {" "}
              (yours:{" "}
              {accounts
                .slice(0, 8)
                .map((a) => `${a.name} (${a.platform})`)
                .join(", ")}
              {accounts.length > 8 ? ` and ${accounts.length - 8} more` : ""})
            </>
          ) : (
            ". Connect an account first under Settings → Accounts"
          )}
          .
        </li>
        <li>
          <code>posted_at</code>: when the post went out, as the clock showed it in <code>timezone</code> (an IANA zone such as Europe/Berlin):{" "}
          <code>YYYY-MM-DD HH:mm</code>, seconds optional. A time the clocks skipped in spring is moved on by the gap, one they showed twice in autumn is read
          as the first; the check lists both. Times in the future are refused.
        </li>
        <li>
          <code>content_type</code>: {contentTypes.join(", ")}; empty means post.
        </li>
        <li>
          Counts (<code>impressions</code>, <code>reach</code>, <code>likes</code>, <code>comments</code>, <code>shares</code>, <code>clicks</code>): whole
          numbers, or empty when the tool did not report them. A post without impressions or reach is kept but teaches the best times nothing.
        </li>
        <li>
          At most {maxRows} rows. One wrong row and nothing is imported; importing the same posts again replaces their figures instead of adding them twice.
        </li>
      </ul>
    </section>
  );
}
