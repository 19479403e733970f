"use client";
import { restoreTemplateVersionAction } from "@/app/_actions/templates";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { useWorkspaceId } from "@/components/shell/WorkspaceContext";
import { platformNames, type PlatformOption, type TemplateItem } from "./types";

/** A template's saved versions, newest first; restoring one saves it again as the newest version. */
export function TemplateVersions({ t, options, canWrite }: { t: TemplateItem; options: PlatformOption[]; canWrite: boolean }) {
  const { pending, error, run } = useActionRunner();
  const notify = useToast();
  const ws = useWorkspaceId();
  return (
    <div className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700">
      <h4 className="mb-2 text-sm font-semibold">Versions of {t.name}</h4>
      <FormError message={error} />
      <ol className="space-y-3" aria-label={`Versions of ${t.name}`}>
        {t.versions.map((v) => (
          <li key={v.version} className="text-sm" data-testid="template-version">
            <div className="flex flex-wrap items-center justify-between gap-2">
              <span>
                <strong>Version {v.version}</strong>
                {v.version === t.version && (
                  <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">current</span>
                )}
                <span className="ml-2 text-xs text-slate-600 dark:text-slate-400">
                  {v.when}
                  {v.by ? ` · ${v.by}` : ""}
                </span>
              </span>
              {canWrite && v.version !== t.version && (
                <button
                  type="button"
                  className="btn-secondary py-1 text-xs"
                  disabled={pending}
                  aria-label={`Restore version ${v.version} of ${t.name}`}
                  onClick={() =>
                    run(
                      () => restoreTemplateVersionAction({ id: t.id, version: v.version }, ws),
                      (d) => notify(`Version ${v.version} restored as version ${d.version}`),
                    )
                  }
                >
                  {pending ? "Restoring…" : "Restore"}
                </button>
              )}
            </div>
            {v.name !== t.name && <p className="text-xs text-slate-600 dark:text-slate-400">Named “{v.name}”</p>}
            <pre className="mt-1 whitespace-pre-wrap break-words rounded bg-slate-50 p-2 font-mono text-xs dark:bg-slate-800">{v.body}</pre>
            <p className="text-xs text-slate-600 dark:text-slate-400">
              {platformNames(v.platforms, options)}
              {v.tags.length ? ` · tags: ${v.tags.join(", ")}` : ""}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
