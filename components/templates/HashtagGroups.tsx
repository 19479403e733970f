"use client";
import { useState } from "react";
import { createHashtagGroupAction, deleteHashtagGroupAction, updateHashtagGroupAction } from "@/app/_actions/templates";
import { FormError } from "@/components/ui/FormError";
import { FormFooter } from "@/components/ui/FormFooter";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { PlatformChecks } from "./PlatformChecks";
import { platformNames, type HashtagGroupItem, type PlatformOption } from "./types";

type Value = { name: string; hashtags: string[]; platforms: string[] };

function GroupForm({
  prefix,
  value,
  options,
  pending,
  error,
  label,
  onSubmit,
  onCancel,
}: {
  prefix: string;
  value?: HashtagGroupItem;
  options: PlatformOption[];
  pending: boolean;
  error: string | null;
  label: [string, string];
  onSubmit: (v: Value, form: HTMLFormElement) => void;
  onCancel?: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <form
      noValidate
      aria-label={value ? `Edit ${value.name}` : "New hashtag group"}
      className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const name = String(fd.get("name") ?? "").trim();
        const hashtags = String(fd.get("hashtags") ?? "")
          .split(/[\s,]+/)
          .map((h) => h.trim())
          .filter((h) => h && h !== "#");
        const p = !name ? "Give the group a name." : !hashtags.length ? "Add at least one hashtag." : null;
        setProblem(p);
        if (!p) onSubmit({ name, hashtags, platforms: fd.getAll("platforms").map(String) }, e.currentTarget);
      }}
    >
      <div>
        <label htmlFor={`${prefix}-name`} className="label">
          Name
        </label>
        <input id={`${prefix}-name`} name="name" className="input" maxLength={100} defaultValue={value?.name} disabled={pending} />
      </div>
      <div>
        <label htmlFor={`${prefix}-tags`} className="label">
          Hashtags <span className="font-normal text-slate-600 dark:text-slate-400">(spaces or commas between)</span>
        </label>
        <input
          id={`${prefix}-tags`}
          name="hashtags"
          className="input"
          defaultValue={value?.hashtags.join(" ")}
          placeholder="#launch #news"
          disabled={pending}
        />
      </div>
      <PlatformChecks name="platforms" legend="Offer it for" options={options} value={value?.platforms} disabled={pending} />
      <FormFooter error={problem ?? error} pending={pending} label={label} onCancel={onCancel} />
    </form>
  );
}

function GroupRow({ g, options, canWrite }: { g: HashtagGroupItem; options: PlatformOption[]; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  if (editing) {
    return (
      <li className="px-4 py-3">
        <GroupForm
          prefix={`group-${g.id}`}
          value={g}
          options={options}
          pending={pending}
          error={error}
          label={["Save", "Saving…"]}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => updateHashtagGroupAction({ id: g.id, patch: v }, ws),
              () => {
                setEditing(false);
                notify("Hashtag group saved");
              },
            )
          }
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid="hashtag-group-row">
      <div className="min-w-0 flex-1">
        <div className="font-medium break-words">{g.name}</div>
        <div className="text-sm break-words">{g.hashtags.join(" ")}</div>
        <div className="text-xs text-slate-600 dark:text-slate-400">{platformNames(g.platforms, options)}</div>
        <FormError message={error} />
      </div>
      {canWrite && (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit ${g.name}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <button
            type="button"
            className="btn-danger py-1"
            disabled={pending}
            aria-label={`Delete ${g.name}`}
            onClick={() => {
              if (confirm(`Delete the hashtag group “${g.name}”?`))
                run(
                  () => deleteHashtagGroupAction({ id: g.id }, ws),
                  () => notify("Hashtag group deleted"),
                );
            }}
          >
            Delete
          </button>
        </div>
      )}
    </li>
  );
}

/** Hashtag groups: a set of hashtags inserted together, optionally only for some platforms. */
export function HashtagGroups({ groups, options, canWrite }: { groups: HashtagGroupItem[]; options: PlatformOption[]; canWrite: boolean }) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const [key, setKey] = useState(0);
  return (
    <section className="card p-0" aria-labelledby="groups-title">
      <h3 id="groups-title" className="px-4 pt-4 text-base font-semibold">
        Hashtag groups
      </h3>
      {canWrite && (
        <div className="border-b border-slate-100 px-4 py-3 dark:border-slate-800">
          <GroupForm
            key={key}
            prefix="new-group"
            options={options}
            pending={pending}
            error={error}
            label={["Add group", "Adding…"]}
            onSubmit={(v) =>
              run(
                () => createHashtagGroupAction(v, ws),
                () => {
                  setKey((k) => k + 1);
                  notify("Hashtag group added");
                },
              )
            }
          />
        </div>
      )}
      {groups.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">
          No hashtag groups yet. {canWrite ? "Add one to insert several hashtags at once." : "Editors and admins add them."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {groups.map((g) => (
            <GroupRow key={g.id} g={g} options={options} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </section>
  );
}
