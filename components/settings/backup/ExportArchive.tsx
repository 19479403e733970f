"use client";
import { useState } from "react";
import { FormError } from "@/components/ui/FormError";
import { useToast } from "@/components/ui/Toast";
import { MIN_PASSPHRASE } from "@/lib/validation/transfer";

/** The file name the server chose (Content-Disposition), or a plain one. */
function fileNameOf(res: Response): string {
  return /filename="([^"]+)"/.exec(res.headers.get("content-disposition") ?? "")?.[1] ?? "workspace.tar.gz";
}

function download(href: string, name: string) {
  const a = document.createElement("a");
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
}

function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  download(url, name);
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/**
 * Downloads the workspace archive. Without a passphrase it is a plain link (the browser streams
 * it to disk); with one, the passphrase goes in a POST body, never in a URL.
 */
export function ExportArchive() {
  const notify = useToast();
  const [secrets, setSecrets] = useState(false);
  const [credentials, setCredentials] = useState(false);
  const [passphrase, setPassphrase] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const sealed = credentials || passphrase !== "";

  async function onExport(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    if (credentials && passphrase.length < MIN_PASSPHRASE)
      return setError(`Account credentials leave only sealed: choose a passphrase of at least ${MIN_PASSPHRASE} characters.`);
    if (!sealed) {
      // The server names the file (Content-Disposition); this name is only the fallback.
      download(`/api/v1/workspace/export${secrets ? "?include_secrets=true" : ""}`, "workspace.tar.gz");
      return notify("The download starts in a moment.");
    }
    setPending(true);
    try {
      const res = await fetch("/api/v1/workspace/export", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ include_secrets: secrets, include_credentials: credentials, passphrase }),
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        return setError(body?.error?.message ?? `The export failed (${res.status}).`);
      }
      save(await res.blob(), fileNameOf(res));
      notify("Archive downloaded. Keep the passphrase apart from the file.");
    } catch {
      setError("The export was interrupted. Try again.");
    } finally {
      setPending(false);
    }
  }

  return (
    <section className="card" aria-labelledby="export-archive">
      <h2 id="export-archive" className="mb-1 text-base font-semibold">
        Export this workspace
      </h2>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">
        One .tar.gz file with every post, variant, file, schedule and its history, series, template, blackout, approval, comment, webhook, account setting,
        analytics figure and audit entry. Import it on any server of this version or newer to move the workspace.
      </p>
      <form className="space-y-3" onSubmit={onExport}>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={secrets} onChange={(e) => setSecrets(e.target.checked)} />
          <span>
            Include webhook signing secrets
            <span className="block text-slate-600 dark:text-slate-400">Without them, imported webhooks stay off until you set a secret.</span>
          </span>
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" className="mt-1" checked={credentials} onChange={(e) => setCredentials(e.target.checked)} />
          <span>
            Include account credentials, sealed with a passphrase
            <span className="block text-slate-600 dark:text-slate-400">Without them, imported accounts need to be reconnected.</span>
          </span>
        </label>
        {(credentials || secrets) && (
          <div>
            <label htmlFor="export-passphrase" className="label">
              Passphrase to seal the secrets {credentials ? "" : "(optional)"}
            </label>
            <input
              id="export-passphrase"
              type="password"
              autoComplete="new-password"
              className="input w-full max-w-sm"
              minLength={credentials ? MIN_PASSPHRASE : undefined}
              value={passphrase}
              onChange={(e) => setPassphrase(e.target.value)}
              aria-describedby="export-passphrase-help"
            />
            <p id="export-passphrase-help" className="mt-1 text-xs text-slate-600 dark:text-slate-400">
              At least {MIN_PASSPHRASE} characters. It is not stored anywhere: without it the sealed secrets cannot be opened.
            </p>
          </div>
        )}
        <FormError message={error} />
        <button type="submit" className="btn-primary" disabled={pending}>
          {pending ? "Preparing the archive…" : "Download archive"}
        </button>
      </form>
    </section>
  );
}
