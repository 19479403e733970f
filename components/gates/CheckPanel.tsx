"use client";
import { useState } from "react";
import { checkDraftAction } from "@/app/_actions/gates";
import type { PlatformId } from "@/adapters/types";
import type { ContentType } from "@/adapters/types";
import type { GateFinding } from "@/lib/gates/types";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { GateFindings, findingsSummary } from "./GateFindings";

export interface CheckDraft {
  title: string;
  content: string;
  contentType: ContentType;
  tags: string[];
  mediaIds: string[];
  /** What the form holds for each file in mediaIds (saved with the post): the check reads it. */
  altTexts?: (string | null)[];
  variants: Partial<Record<PlatformId, string>>;
  platforms: PlatformId[];
}

/** The composer's "Check": runs the workspace's quality gates over the form as it is now. */
export function CheckPanel({ draft }: { draft: CheckDraft }) {
  const ws = useWorkspaceId();
  const { pending, error, run } = useActionRunner();
  const [result, setResult] = useState<{ key: string; findings: GateFinding[] } | null>(null);
  const key = JSON.stringify(draft);

  function check() {
    const payload = {
      title: draft.title,
      content: draft.content,
      content_type: draft.contentType,
      tags: draft.tags,
      media_ids: draft.mediaIds,
      ...(draft.altTexts ? { alt_texts: Object.fromEntries(draft.mediaIds.map((id, i) => [id, draft.altTexts![i] ?? null])) } : {}),
      variants: Object.fromEntries(draft.platforms.map((p) => [p, draft.variants[p] ?? null])),
      platforms: draft.platforms,
    };
    run(
      () => checkDraftAction(payload, ws),
      (data) => setResult({ key, findings: data.findings }),
    );
  }

  return (
    <section className="card space-y-3" aria-labelledby="gate-check-title">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="gate-check-title" className="text-base font-semibold">
          Check
        </h2>
        <button type="button" className="btn-secondary" onClick={check} disabled={pending} aria-describedby="gate-check-help">
          {pending ? "Checking…" : "Run checks"}
        </button>
      </div>
      <p id="gate-check-help" className="text-xs text-slate-600 dark:text-slate-400">
        The workspace&apos;s quality gates (platform limits, required fields, banned words, links, alt text) for the chosen platforms. Errors block a submit;
        warnings can be acknowledged.
      </p>
      <FormError message={error} />
      <div role="status" aria-live="polite" className="text-sm font-medium">
        {pending ? "Checking links and rules…" : result ? findingsSummary(result.findings) : ""}
      </div>
      {result && !pending && (
        <>
          {result.key !== key && <p className="text-xs text-amber-800 dark:text-amber-200">You changed the post since this check: run it again.</p>}
          {result.findings.length > 0 && <GateFindings findings={result.findings} />}
        </>
      )}
    </section>
  );
}
