"use client";
import { useId, useState } from "react";
import { UrlField } from "@/components/ui/UrlField";
import { useToggleSet } from "@/components/ui/useToggleSet";
import { DEFAULT_TEMPLATE, POLL_MINUTES } from "@/lib/feeds/validation";
import { renderTemplate, SAMPLE_ITEM } from "@/lib/feeds/template";
import type { AccountOption, FeedFormValue, FeedView } from "./types";

/**
 * URL, name, accounts, mode, template (with a live preview on a sample item), interval and what
 * the first poll does. Only shapes the input: the server checks it all again.
 */
export function FeedForm({
  initial,
  accounts,
  submitLabel,
  pending,
  onSubmit,
  onCancel,
}: {
  initial?: FeedView;
  accounts: AccountOption[];
  submitLabel: string;
  pending: boolean;
  onSubmit: (v: FeedFormValue, reset: () => void) => void;
  onCancel?: () => void;
}) {
  const id = useId();
  const [template, setTemplate] = useState(initial?.template ?? DEFAULT_TEMPLATE);
  const [mode, setMode] = useState<"draft" | "queue">(initial?.mode ?? "draft");
  const [picked, toggle, resetPicked] = useToggleSet(initial?.platformAccountIds ?? []);

  function submit(ev: React.FormEvent<HTMLFormElement>) {
    ev.preventDefault();
    const form = ev.currentTarget;
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    onSubmit(
      {
        url: String(data.get("url") ?? "").trim(),
        ...(name ? { name } : {}),
        platform_account_ids: accounts.filter((a) => picked.has(a.id)).map((a) => a.id),
        mode,
        template,
        poll_interval_minutes: Number(data.get("interval")),
        first_poll: data.get("first_poll") === "newest" ? "newest" : "mark_seen",
      },
      () => {
        form.reset();
        setTemplate(DEFAULT_TEMPLATE);
        setMode("draft");
        resetPicked([]);
      },
    );
  }

  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      <div className="grid gap-3 sm:grid-cols-2">
        <UrlField id={`${id}-url`} label="Feed URL" defaultValue={initial?.url} placeholder="https://example.com/feed.xml" />
        <div>
          <label htmlFor={`${id}-name`} className="label">
            Name (optional)
          </label>
          <input id={`${id}-name`} name="name" maxLength={120} defaultValue={initial?.name} className="input" autoComplete="off" />
        </div>
      </div>
      <fieldset>
        <legend className="label">Accounts</legend>
        {accounts.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No accounts yet: items can still become drafts.</p>
        ) : (
          <div className="grid gap-1 sm:grid-cols-2">
            {accounts.map((a) => (
              <label key={a.id} className="flex items-center gap-2 rounded px-1 py-1 text-sm hover:bg-slate-50 dark:hover:bg-slate-800">
                <input type="checkbox" checked={picked.has(a.id)} onChange={() => toggle(a.id)} className="h-4 w-4 accent-brand-600" />
                <span>
                  {a.name} <span className="text-xs text-slate-600 dark:text-slate-400">({a.platform})</span>
                </span>
              </label>
            ))}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend className="label">Each new item becomes</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-mode`} checked={mode === "draft"} onChange={() => setMode("draft")} className="accent-brand-600" />a draft
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name={`${id}-mode`} checked={mode === "queue"} onChange={() => setMode("queue")} className="accent-brand-600" />a post in each
            account&apos;s queue
          </label>
        </div>
        {mode === "queue" && (
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Goes into the next free queue time of each account. When the workspace requires approval, it waits for one and is never published unapproved.
          </p>
        )}
      </fieldset>
      <div className="grid gap-3 md:grid-cols-2">
        <div>
          <label htmlFor={`${id}-template`} className="label">
            Template
          </label>
          <textarea
            id={`${id}-template`}
            rows={5}
            maxLength={5000}
            value={template}
            onChange={(e) => setTemplate(e.target.value)}
            className="input font-mono text-sm"
            aria-describedby={`${id}-template-help`}
          />
          <p id={`${id}-template-help`} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            <code>{"{{title}}"}</code>, <code>{"{{link}}"}</code> and <code>{"{{summary}}"}</code> (plain text, up to 280 characters) are filled in.
          </p>
        </div>
        <div>
          <p className="label" id={`${id}-preview-label`}>
            Preview
          </p>
          <pre
            aria-labelledby={`${id}-preview-label`}
            data-testid="feed-preview"
            className="min-h-24 whitespace-pre-wrap break-words rounded-md border border-slate-200 bg-slate-50 p-2 text-sm dark:border-slate-700 dark:bg-slate-900"
          >
            {renderTemplate(template, SAMPLE_ITEM)}
          </pre>
        </div>
      </div>
      <div className="grid gap-3 sm:grid-cols-2">
        <div>
          <label htmlFor={`${id}-interval`} className="label">
            Check every (minutes)
          </label>
          <input
            id={`${id}-interval`}
            name="interval"
            type="number"
            min={POLL_MINUTES.min}
            max={POLL_MINUTES.max}
            defaultValue={initial?.pollIntervalMinutes ?? POLL_MINUTES.default}
            className="input"
          />
        </div>
        <div>
          <label htmlFor={`${id}-first`} className="label">
            On the first check
          </label>
          <select id={`${id}-first`} name="first_poll" defaultValue={initial?.firstPoll ?? "mark_seen"} className="input">
            <option value="mark_seen">Mark existing items seen, post nothing</option>
            <option value="newest">Also post the newest item</option>
          </select>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Saving…" : submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
