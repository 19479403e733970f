"use client";
import Link from "next/link";
import { useState } from "react";
import { createReviewLinkAction } from "@/app/_actions/review-links";
import { CopyField } from "@/components/ui/CopyField";
import { FormError } from "@/components/ui/FormError";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";

/** Makes a review link for the selected posts (14 days) and shows it, ready to copy. */
export function ShareForReview({ ids, onCancel }: { ids: string[]; onCancel: () => void }) {
  const ws = useWorkspaceId();
  const [label, setLabel] = useState("");
  const [url, setUrl] = useState<string | null>(null);
  const { pending, error, run } = useActionRunner();
  if (url)
    return (
      <div className="space-y-2" role="status">
        <p className="text-sm">
          Review link for {ids.length} post{ids.length === 1 ? "" : "s"}, valid 14 days. Follow the decisions under{" "}
          <Link className="underline" href="/settings/review-links">
            Settings → Review links
          </Link>
          .
        </p>
        <CopyField value={url} label="New review link" />
      </div>
    );
  return (
    <form
      className="flex flex-wrap items-end gap-3"
      aria-label="Share the selected posts for review"
      onSubmit={(e) => {
        e.preventDefault();
        run(
          () => createReviewLinkAction({ content_ids: ids, ...(label.trim() ? { label: label.trim() } : {}) }, ws),
          (data) => setUrl(data.url),
        );
      }}
    >
      <div>
        <label htmlFor="share-label" className="label">
          Label (optional)
        </label>
        <input id="share-label" className="input w-64 max-w-full" maxLength={200} value={label} onChange={(e) => setLabel(e.target.value)} />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Making…" : "Make review link"}
      </button>
      <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </button>
      <FormError message={error} />
    </form>
  );
}
