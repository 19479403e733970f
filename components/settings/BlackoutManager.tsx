"use client";
import { useState } from "react";
import { createBlackoutAction, deleteBlackoutAction, updateBlackoutAction } from "@/app/_actions/scheduling-settings";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { BlackoutFields, readBlackoutForm, type BlackoutDraft } from "./BlackoutFields";
import { inWords } from "./messages";

export interface BlackoutItem extends BlackoutDraft {
  id: string;
  accountName: string | null;
  /** The window in the person's zone, formatted on the server. */
  label: string;
  past: boolean;
}

interface Props {
  blackouts: BlackoutItem[];
  accounts: { id: string; name: string }[];
  zone: string;
  canWrite: boolean;
}

function AddBlackout({ accounts, zone }: Pick<Props, "accounts" | "zone">) {
  const { pending, error, run } = useActionRunner();
  const [problem, setProblem] = useState<string | null>(null);
  const notify = useToast();
  const ws = useWorkspaceId();
  function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const el = e.currentTarget;
    const read = readBlackoutForm(new FormData(el), zone);
    setProblem(read.ok ? null : read.message);
    if (!read.ok) return;
    run(
      () => createBlackoutAction(read.input, ws),
      () => {
        el.reset();
        notify("Blackout added");
      },
    );
  }
  return (
    <section className="card" aria-labelledby="add-blackout-title">
      <h2 id="add-blackout-title" className="mb-1 text-base font-semibold">
        Add a blackout
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        No post can be scheduled inside a blackout; posts already in one are flagged as conflicts, and the queue and best-time suggestions skip it.
      </p>
      <form onSubmit={onSubmit} className="grid grid-cols-1 gap-3 sm:grid-cols-2" noValidate>
        <BlackoutFields prefix="new-blackout" zone={zone} accounts={accounts} disabled={pending} />
        <div className="col-span-full space-y-3">
          <FormError message={problem ?? inWords(error)} />
          <button type="submit" className="btn-primary" disabled={pending}>
            {pending ? "Adding…" : "Add blackout"}
          </button>
        </div>
      </form>
    </section>
  );
}

function BlackoutRow({ b, accounts, zone, canWrite }: { b: BlackoutItem } & Omit<Props, "blackouts">) {
  const [editing, setEditing] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const title = b.reason ?? "Blackout";

  if (editing) {
    return (
      <li className="px-4 py-3" data-testid="blackout-row">
        <form
          aria-label={`Edit ${title}`}
          className="grid grid-cols-1 gap-3 sm:grid-cols-2"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const read = readBlackoutForm(new FormData(e.currentTarget), zone);
            setProblem(read.ok ? null : read.message);
            if (!read.ok) return;
            run(
              () => updateBlackoutAction({ id: b.id, patch: read.input }, ws),
              () => {
                setEditing(false);
                notify("Blackout saved");
              },
            );
          }}
        >
          <BlackoutFields prefix={`edit-${b.id}`} zone={zone} accounts={accounts} value={b} disabled={pending} />
          <div className="col-span-full space-y-3">
            <FormError message={problem ?? inWords(error)} />
            <div className="flex gap-2">
              <button type="submit" className="btn-primary py-1" disabled={pending}>
                {pending ? "Saving…" : "Save"}
              </button>
              <button type="button" className="btn-secondary py-1" disabled={pending} onClick={() => setEditing(false)}>
                Cancel
              </button>
            </div>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={`flex flex-wrap items-start gap-3 px-4 py-3 ${b.past ? "opacity-70" : ""}`} data-testid="blackout-row">
      <div className="min-w-0 flex-1">
        <div className="font-medium break-words">
          {title}
          {b.past && <span className="ml-2 text-xs font-normal text-slate-600 dark:text-slate-400">(over)</span>}
        </div>
        <div className="text-sm text-slate-600 dark:text-slate-400">{b.label}</div>
        <div className="text-xs text-slate-600 dark:text-slate-400">{b.accountName ?? "All accounts"}</div>
        <FormError message={inWords(error)} />
      </div>
      {canWrite && (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit ${title}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className="btn-danger py-1"
            disabled={pending}
            aria-label={`Delete ${title}`}
            onClick={() => {
              if (confirm(`Delete the blackout “${title}” (${b.label})? Posts can be scheduled in that window again.`))
                run(
                  () => deleteBlackoutAction({ id: b.id }, ws),
                  () => notify("Blackout deleted"),
                );
            }}
          >
            {pending ? "Deleting…" : "Delete"}
          </button>
        </div>
      )}
    </li>
  );
}

export function BlackoutManager({ blackouts, accounts, zone, canWrite }: Props) {
  return (
    <div className="space-y-6">
      {canWrite && <AddBlackout accounts={accounts} zone={zone} />}
      <section className="card p-0" aria-labelledby="blackouts-title">
        <h2 id="blackouts-title" className="px-4 pt-4 text-base font-semibold">
          Blackout windows
        </h2>
        <p className="px-4 text-sm text-slate-600 dark:text-slate-400">Times in {zone}.</p>
        {blackouts.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400" data-testid="blackouts-empty">
            No blackouts. {canWrite ? "Add one above for holidays, launches or quiet periods." : "Editors and admins add them."}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {blackouts.map((b) => (
              <BlackoutRow key={b.id} b={b} accounts={accounts} zone={zone} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
