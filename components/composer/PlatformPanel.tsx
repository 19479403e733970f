"use client";
import { useId } from "react";
import { countersFor, formatCounter, issuesFor } from "@/lib/composer/counters";
import { draftOf, type ComposerFields } from "@/lib/composer/draft";
import { previewFor } from "@/lib/composer/preview";
import type { ComposerAccount, ComposerMedia } from "@/lib/composer/types";
import type { PlatformId } from "@/adapters/types";
import { useFormat } from "@/components/ui/FormatProvider";
import { PostPreview } from "./PostPreview";
import { FirstCommentField } from "./FirstCommentField";

/** One platform: live counters, its issues inline, its own text, and a preview. */
export function PlatformPanel(props: {
  platform: PlatformId;
  accounts: ComposerAccount[];
  fields: ComposerFields;
  media: ComposerMedia[];
  variant: string;
  onVariant: (text: string) => void;
  firstComment?: string;
  onFirstComment?: (text: string) => void;
  readOnly?: boolean;
}) {
  const { platform, accounts, fields, variant } = props;
  const id = useId();
  const f = useFormat();
  const draft = draftOf(fields, variant, props.firstComment);
  const configs = accounts.map((a) => a.config);
  const counters = countersFor(platform, draft, configs);
  const issues = issuesFor(platform, draft, configs);
  const preview = previewFor(platform, draft);
  const name = preview.name;
  const thread = fields.contentType === "thread";
  return (
    <section className="card space-y-3" aria-labelledby={`${id}-h`} data-testid={`platform-${platform}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 id={`${id}-h`} className="text-base font-semibold">
          {name} <span className="text-sm font-normal text-slate-600 dark:text-slate-400">· {accounts.map((a) => a.name).join(", ")}</span>
        </h3>
        <ul className="flex flex-wrap gap-2" aria-label={`Length on ${name}`}>
          {counters.map((c) => (
            <li
              key={c.field}
              data-testid={`counter-${platform}`}
              className={`rounded px-2 py-0.5 text-xs font-medium tabular-nums ${c.over ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"}`}
            >
              <span className="sr-only">{c.label}: </span>
              {formatCounter(c, f.number)}
              {c.maxBytes !== null && c.bytes > c.maxBytes * 0.8 && (
                <span>
                  {" "}
                  · {f.number(c.bytes)} / {f.number(c.maxBytes)} bytes
                </span>
              )}
            </li>
          ))}
        </ul>
      </div>
      <div aria-live="polite">
        {issues.length > 0 && (
          <ul className="space-y-1 text-sm" data-testid={`issues-${platform}`}>
            {issues.map((i) => (
              <li
                key={`${i.field}|${i.code}|${i.message}`}
                className={i.severity === "error" ? "text-red-700 dark:text-red-300" : "text-amber-800 dark:text-amber-300"}
              >
                <span className="font-medium">{i.severity === "error" ? "Error: " : "Note: "}</span>
                {i.message}
              </li>
            ))}
          </ul>
        )}
      </div>
      {!thread && !props.readOnly && (
        <details open={variant !== ""}>
          <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-100">Own text for {name}</summary>
          <label htmlFor={`${id}-v`} className="label mt-2">
            Text for {name} <span className="font-normal text-slate-600 dark:text-slate-400">(empty: the main text is used)</span>
          </label>
          <textarea
            id={`${id}-v`}
            rows={3}
            className="input h-auto"
            value={variant}
            onChange={(e) => props.onVariant(e.target.value)}
            placeholder={fields.body}
          />
        </details>
      )}
      {props.onFirstComment && !props.readOnly && (
        <FirstCommentField platform={platform} name={name} value={props.firstComment ?? ""} onChange={props.onFirstComment} configs={configs} />
      )}
      <PostPreview preview={preview} author={accounts[0]?.name ?? name} media={props.media} />
    </section>
  );
}
