"use client";
import { useState, type ReactNode } from "react";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormError } from "@/components/ui/FormError";
import { FormFooter } from "@/components/ui/FormFooter";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner, type ActionOutcome } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { platformNames, type PlatformOption } from "./types";

type Snippet = { id: string; name: string };
type Act<I> = (input: I, workspaceId?: string) => Promise<ActionOutcome<unknown>>;

/**
 * What sets one kind of snippet (hashtag groups, signatures) apart in the templates screen: its
 * words, the fields after Name, how a form's fields are read, how a row shows one, and its actions.
 */
export interface SnippetKind<T extends Snippet, V extends object> {
  /** Lower case, singular ("hashtag group"): the form's name, the toasts, the delete question. */
  noun: string;
  /** The section's heading and its id. */
  title: string;
  titleId: string;
  /** Ids of the form's fields: `${rowPrefix}-${id}-…` while a row is edited, `${addPrefix}-…` in the add form. */
  rowPrefix: string;
  addPrefix: string;
  rowTestId: string;
  addLabel: string;
  /** Why a form without a name is refused. */
  unnamed: string;
  /** The empty list's second sentence, for those who may add one. */
  emptyHint: string;
  Fields: (props: { prefix: string; value?: T; options: PlatformOption[]; pending: boolean }) => ReactNode;
  /** The fields after Name, or why they are refused. */
  read: (fd: FormData) => V | string;
  /** A row's second line, and its classes. */
  text: (item: T) => string;
  textClass: string;
  platforms: (item: T) => string[];
  create: Act<{ name: string } & V>;
  update: Act<{ id: string; patch: { name: string } & V }>;
  remove: Act<{ id: string }>;
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function SnippetForm<T extends Snippet, V extends object>({
  kind,
  prefix,
  value,
  options,
  pending,
  error,
  label,
  onSubmit,
  onCancel,
}: {
  kind: SnippetKind<T, V>;
  prefix: string;
  value?: T;
  options: PlatformOption[];
  pending: boolean;
  error: string | null;
  label: [string, string];
  onSubmit: (v: { name: string } & V) => void;
  onCancel?: () => void;
}) {
  const [problem, setProblem] = useState<string | null>(null);
  const { Fields } = kind;
  return (
    <form
      noValidate
      aria-label={value ? `Edit ${value.name}` : `New ${kind.noun}`}
      className="grid grid-cols-1 gap-3 sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        const fd = new FormData(e.currentTarget);
        const name = String(fd.get("name") ?? "").trim();
        const rest = name ? kind.read(fd) : kind.unnamed;
        setProblem(typeof rest === "string" ? rest : null);
        if (typeof rest !== "string") onSubmit({ name, ...rest });
      }}
    >
      <div>
        <label htmlFor={`${prefix}-name`} className="label">
          Name
        </label>
        <input id={`${prefix}-name`} name="name" className="input" maxLength={100} defaultValue={value?.name} disabled={pending} />
      </div>
      <Fields prefix={prefix} value={value} options={options} pending={pending} />
      <FormFooter error={problem ?? error} pending={pending} label={label} onCancel={onCancel} />
    </form>
  );
}

function SnippetRow<T extends Snippet, V extends object>({
  kind,
  item,
  options,
  canWrite,
}: {
  kind: SnippetKind<T, V>;
  item: T;
  options: PlatformOption[];
  canWrite: boolean;
}) {
  const [editing, setEditing] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  if (editing) {
    return (
      <li className="px-4 py-3">
        <SnippetForm
          kind={kind}
          prefix={`${kind.rowPrefix}-${item.id}`}
          value={item}
          options={options}
          pending={pending}
          error={error}
          label={["Save", "Saving…"]}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => kind.update({ id: item.id, patch: v }, ws),
              () => {
                setEditing(false);
                notify(`${capital(kind.noun)} saved`);
              },
            )
          }
        />
      </li>
    );
  }
  return (
    <li className="flex flex-wrap items-start gap-3 px-4 py-3" data-testid={kind.rowTestId}>
      <div className="min-w-0 flex-1">
        <div className="font-medium break-words">{item.name}</div>
        <div className={kind.textClass}>{kind.text(item)}</div>
        <div className="text-xs text-slate-600 dark:text-slate-400">{platformNames(kind.platforms(item), options)}</div>
        <FormError message={error} />
      </div>
      {canWrite && (
        <div className="flex gap-2">
          <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit ${item.name}`} onClick={() => setEditing(true)}>
            Edit
          </button>
          <ConfirmButton
            question={`Delete the ${kind.noun} “${item.name}”?`}
            disabled={pending}
            label={`Delete ${item.name}`}
            onConfirm={() =>
              run(
                () => kind.remove({ id: item.id }, ws),
                () => notify(`${capital(kind.noun)} deleted`),
              )
            }
          >
            Delete
          </ConfirmButton>
        </div>
      )}
    </li>
  );
}

/** A section of the templates screen listing one kind of snippet: add, edit and delete them. */
export function SnippetLibrary<T extends Snippet, V extends object>({
  kind,
  items,
  options,
  canWrite,
}: {
  kind: SnippetKind<T, V>;
  items: T[];
  options: PlatformOption[];
  canWrite: boolean;
}) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const [key, setKey] = useState(0);
  return (
    <section className="card p-0" aria-labelledby={kind.titleId}>
      <h3 id={kind.titleId} className="px-4 pt-4 text-base font-semibold">
        {kind.title}
      </h3>
      {canWrite && (
        <div className="border-b border-slate-100 px-4 py-3 dark:border-slate-800">
          <SnippetForm
            key={key}
            kind={kind}
            prefix={kind.addPrefix}
            options={options}
            pending={pending}
            error={error}
            label={[kind.addLabel, "Adding…"]}
            onSubmit={(v) =>
              run(
                () => kind.create(v, ws),
                () => {
                  setKey((k) => k + 1);
                  notify(`${capital(kind.noun)} added`);
                },
              )
            }
          />
        </div>
      )}
      {items.length === 0 ? (
        <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">
          No {kind.title.toLowerCase()} yet. {canWrite ? kind.emptyHint : "Editors and admins add them."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((item) => (
            <SnippetRow key={item.id} kind={kind} item={item} options={options} canWrite={canWrite} />
          ))}
        </ul>
      )}
    </section>
  );
}
