"use client";
import { useId } from "react";
import { COMMENT_RULES, measureComment } from "@/adapters/comments";
import type { PlatformId } from "@/adapters/types";
import { useFormat } from "@/components/ui/FormatProvider";

/**
 * The first comment for one platform, with a live counter that counts as the platform does
 * (adapters/comments.ts, the same rule the server validates with). Platforms without comments
 * say so instead of offering a field whose text would be refused.
 */
export function FirstCommentField(props: {
  platform: PlatformId;
  name: string;
  value: string;
  onChange: (text: string) => void;
  configs: readonly (Record<string, unknown> | null | undefined)[];
}) {
  const id = useId();
  const f = useFormat();
  const rule = COMMENT_RULES[props.platform];
  if (!rule) {
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400" data-testid={`first-comment-unsupported-${props.platform}`}>
        {props.name} has no comments, so a first comment cannot be added here.
      </p>
    );
  }
  // The strictest of the chosen accounts (a Mastodon server's own limit).
  const measures = (props.configs.length ? props.configs : [null]).map((c) => measureComment(props.platform, props.value, c ?? null)!);
  const m = measures.reduce((a, b) => ((b.max ?? Infinity) < (a.max ?? Infinity) ? b : a));
  const over = (m.max !== null && m.count > m.max) || (m.maxBytes !== null && m.bytes > m.maxBytes);
  const what = rule.kind === "reply" ? "a reply to the post" : "a comment on the post";
  return (
    <details open={props.value !== ""}>
      <summary className="cursor-pointer text-sm font-medium text-brand-700 dark:text-brand-100">First comment on {props.name}</summary>
      <div className="mt-2 flex items-baseline justify-between gap-2">
        <label htmlFor={`${id}-c`} className="label">
          First comment <span className="font-normal text-slate-600 dark:text-slate-400">(published right after the post, as {what})</span>
        </label>
        <span
          data-testid={`comment-counter-${props.platform}`}
          className={`rounded px-2 py-0.5 text-xs font-medium tabular-nums ${over ? "bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200" : "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200"}`}
        >
          <span className="sr-only">First comment length: </span>
          {f.number(m.count)}
          {m.max !== null && ` / ${f.number(m.max)}`}
        </span>
      </div>
      <textarea
        id={`${id}-c`}
        rows={2}
        className="input h-auto"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        data-testid={`first-comment-${props.platform}`}
        aria-invalid={over || undefined}
      />
    </details>
  );
}
