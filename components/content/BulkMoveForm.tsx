"use client";
import { useState, useTransition } from "react";
import { bulkRescheduleAction } from "@/app/_actions/content-list";
import { FormError } from "@/components/ui/FormError";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import type { Outcome } from "./outcome";

/** Moves the selection's open schedules by whole days, each keeping its time of day. */
export function BulkMoveForm({ ids, onResult, onCancel }: { ids: string[]; onResult: (o: Outcome) => void; onCancel: () => void }) {
  const ws = useWorkspaceId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const raw = String(new FormData(e.currentTarget).get("days") ?? "");
    setError(null);
    start(async () => {
      // An empty or unreadable entry goes to the server as is, which says what is wrong with it.
      const r = await bulkRescheduleAction({ ids, days: raw.trim() === "" ? raw : Number(raw) }, ws);
      if (!r.ok) return setError(r.error.message);
      onResult(r.data);
    });
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-wrap items-end gap-3" aria-label="Move the selected posts" noValidate>
      <div>
        <label htmlFor="bulk-days" className="label">
          Move by (days; negative moves earlier)
        </label>
        <input id="bulk-days" name="days" type="number" step={1} defaultValue={1} className="input w-40" />
      </div>
      <button type="submit" className="btn-primary" disabled={pending}>
        {pending ? "Moving…" : "Move schedules"}
      </button>
      <button type="button" className="btn-secondary" onClick={onCancel} disabled={pending}>
        Cancel
      </button>
      <div className="w-full">
        <FormError message={error} />
      </div>
    </form>
  );
}
