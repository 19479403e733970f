"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { switchWorkspaceAction } from "@/app/_actions/workspace";
import { ProgressBar } from "@/components/content/ProgressBar";
import { FormError } from "@/components/ui/FormError";
import { useFormat } from "@/components/ui/FormatProvider";
import { sendArchive, type ImportedWorkspace, type ImportStage } from "./sendArchive";

/** Which of the workspace's things the kinds are, for the summary. */
const KIND_LABELS: Record<string, [one: string, many: string]> = {
  content_items: ["post", "posts"],
  schedules: ["schedule", "schedules"],
  media: ["file", "files"],
  platform_accounts: ["account", "accounts"],
  templates: ["template", "templates"],
  audit_log: ["audit entry", "audit entries"],
};

function Stage({ stage }: { stage: ImportStage }) {
  if (stage.stage === "uploading")
    return <ProgressBar label="Uploading the archive" done={Math.round(stage.sent / 1024)} total={Math.max(1, Math.round(stage.total / 1024))} unit="KB" />;
  if (stage.stage === "checking")
    return (
      <p role="status" className="text-sm">
        Checking the archive…
      </p>
    );
  return <ProgressBar label={`Importing (${stage.kind.replace(/_/g, " ")})`} done={stage.rows} total={stage.total} unit={stage.total === 1 ? "row" : "rows"} />;
}

/** Creates a new workspace from an archive, shows the server's progress, then offers to switch to it. */
export function ImportArchive() {
  const f = useFormat();
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState("");
  const [name, setName] = useState("");
  const [stage, setStage] = useState<ImportStage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<ImportedWorkspace | null>(null);
  const [switching, setSwitching] = useState(false);

  async function onImport(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    setDone(null);
    if (!file) return setError("Choose an archive file first.");
    setStage({ stage: "uploading", sent: 0, total: file.size });
    try {
      setDone(await sendArchive(file, { passphrase, name }, setStage));
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setStage(null);
    }
  }

  async function onSwitch(id: string) {
    setSwitching(true);
    const res = await switchWorkspaceAction({ workspaceId: id });
    if (!res.ok) {
      setSwitching(false);
      return setError(res.error.message);
    }
    router.push("/");
    router.refresh();
  }

  const summary = done
    ? Object.entries(KIND_LABELS)
        .filter(([k]) => (done.counts[k] ?? 0) > 0)
        .map(([k, [one, many]]) => `${f.number(done.counts[k]!)} ${done.counts[k] === 1 ? one : many}`)
        .join(", ")
    : "";
  return (
    <section className="card" aria-labelledby="import-archive">
      <h2 id="import-archive" className="mb-1 text-base font-semibold">
        Import a workspace
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        Creates a new workspace from an exported archive, with you as its admin. Nothing changes in this one. Either everything is imported or nothing is.
      </p>
      <form className="space-y-3" onSubmit={onImport}>
        <div>
          <label htmlFor="import-file" className="label">
            Archive (.tar.gz)
          </label>
          <input
            id="import-file"
            type="file"
            accept=".gz,.tgz,application/gzip"
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </div>
        <div className="grid gap-3 sm:grid-cols-2">
          <div>
            <label htmlFor="import-passphrase" className="label">
              Passphrase of the archive (if it has one)
            </label>
            <input
              id="import-passphrase"
              type="password"
              autoComplete="off"
              className="input w-full"
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
            />
          </div>
          <div>
            <label htmlFor="import-name" className="label">
              Name of the new workspace (optional)
            </label>
            <input id="import-name" className="input w-full" maxLength={200} value={name} onChange={(e) => setName(e.target.value)} />
          </div>
        </div>
        {stage && <Stage stage={stage} />}
        <FormError message={error} />
        <button type="submit" className="btn-primary" disabled={stage !== null}>
          {stage ? "Importing…" : "Import as a new workspace"}
        </button>
      </form>
      {done && (
        <div
          role="status"
          data-testid="import-done"
          className="mt-4 space-y-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
        >
          <p>
            <strong>{done.workspace.name}</strong> is ready{summary ? `: ${summary}` : ""}.
          </p>
          {done.accounts_to_reconnect > 0 && (
            <p>{f.number(done.accounts_to_reconnect)} account(s) came without credentials: reconnect them in Settings → Accounts.</p>
          )}
          {done.paused_schedules > 0 && (
            <p>
              {f.number(done.paused_schedules)} schedule(s) still to go out arrived paused, so the old server and this one never both publish them: stop the old
              one, then resume them in Schedules.
            </p>
          )}
          {done.webhooks_disabled > 0 && <p>{f.number(done.webhooks_disabled)} webhook(s) came without a secret and are off until you set one.</p>}
          {done.people.length > 1 && (
            <p>The exported workspace had {f.number(done.people.length)} members; invite those who should come along from Settings → Team.</p>
          )}
          <button type="button" className="btn-secondary" disabled={switching} onClick={() => onSwitch(done.workspace.id)}>
            {switching ? "Switching…" : `Switch to ${done.workspace.name}`}
          </button>
        </div>
      )}
    </section>
  );
}
