"use client";
import { useState } from "react";
import { createTemplateAction, deleteTemplateAction, updateTemplateAction } from "@/app/_actions/templates";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { TemplateForm } from "./TemplateForm";
import { TemplateVersions } from "./TemplateVersions";
import { platformNames, type PlatformOption, type TemplateItem } from "./types";

function AddTemplate({ options }: { options: PlatformOption[] }) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  const [key, setKey] = useState(0);
  return (
    <section className="card" aria-labelledby="add-template-title">
      <h3 id="add-template-title" className="mb-3 text-base font-semibold">
        New template
      </h3>
      <TemplateForm
        key={key}
        prefix="new-template"
        options={options}
        pending={pending}
        error={error}
        submitLabel={["Save template", "Saving…"]}
        onSubmit={(v) =>
          run(
            () => createTemplateAction(v, ws),
            () => {
              setKey((k) => k + 1);
              notify("Template saved");
            },
          )
        }
      />
    </section>
  );
}

function TemplateCard({ t, options, canWrite }: { t: TemplateItem; options: PlatformOption[]; canWrite: boolean }) {
  const [editing, setEditing] = useState(false);
  const [showVersions, setShowVersions] = useState(false);
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();

  if (editing) {
    return (
      <li className="px-4 py-3" data-testid="template-row">
        <TemplateForm
          prefix={`edit-${t.id}`}
          value={t}
          options={options}
          pending={pending}
          error={error}
          submitLabel={["Save as new version", "Saving…"]}
          onCancel={() => setEditing(false)}
          onSubmit={(v) =>
            run(
              () => updateTemplateAction({ id: t.id, patch: { ...v, version: t.version } }, ws),
              (d) => {
                setEditing(false);
                notify(d.version === t.version ? "Nothing changed" : `Saved as version ${d.version}`);
              },
            )
          }
        />
      </li>
    );
  }
  return (
    <li className="px-4 py-3" data-testid="template-row">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <div className="min-w-0 flex-1">
          <h3 className="font-medium break-words">
            {t.name} <span className="text-xs font-normal text-slate-600 dark:text-slate-400">version {t.version}</span>
          </h3>
          <pre className="mt-1 whitespace-pre-wrap break-words font-sans text-sm text-slate-800 dark:text-slate-200">{t.body}</pre>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {platformNames(t.platforms, options)}
            {t.tags.length > 0 && ` · tags: ${t.tags.join(", ")}`}
            {t.variables.length > 0 && ` · asks for: ${t.variables.join(", ")}`}
          </p>
          <FormError message={error} />
        </div>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary py-1"
            aria-expanded={showVersions}
            aria-label={`Versions of ${t.name}`}
            onClick={() => setShowVersions((s) => !s)}
          >
            Versions ({t.versions.length})
          </button>
          {canWrite && (
            <>
              <button type="button" className="btn-secondary py-1" disabled={pending} aria-label={`Edit ${t.name}`} onClick={() => setEditing(true)}>
                Edit
              </button>
              <button
                type="button"
                className="btn-danger py-1"
                disabled={pending}
                aria-label={`Delete ${t.name}`}
                onClick={() => {
                  if (confirm(`Delete the template “${t.name}” and all its versions?`))
                    run(
                      () => deleteTemplateAction({ id: t.id }, ws),
                      () => notify("Template deleted"),
                    );
                }}
              >
                {pending ? "Deleting…" : "Delete"}
              </button>
            </>
          )}
        </div>
      </div>
      {showVersions && <TemplateVersions t={t} options={options} canWrite={canWrite} />}
    </li>
  );
}

/** The template library: add, edit (each save a version), see versions and restore one, delete. */
export function TemplateManager({ templates, options, canWrite }: { templates: TemplateItem[]; options: PlatformOption[]; canWrite: boolean }) {
  return (
    <div className="space-y-4">
      {canWrite && <AddTemplate options={options} />}
      <section className="card p-0" aria-labelledby="templates-title">
        <h3 id="templates-title" className="px-4 pt-4 text-base font-semibold">
          Saved templates
        </h3>
        {templates.length === 0 ? (
          <p className="px-4 py-4 text-sm text-slate-600 dark:text-slate-400">
            No templates yet. {canWrite ? "Save one above; it appears in the composer's Insert menu." : "Editors and admins create them."}
          </p>
        ) : (
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {templates.map((t) => (
              <TemplateCard key={`${t.id}-${t.version}`} t={t} options={options} canWrite={canWrite} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
