import type { ImportResult } from "@/lib/workspaces/transfer/import";
/** What the import route streams (lib/operations/catalogue/workspace.ts, post /workspaces/import). */
export type ImportedWorkspace = ImportResult;

export type ImportStage =
  | { stage: "uploading"; sent: number; total: number }
  | { stage: "checking" }
  | { stage: "importing"; rows: number; total: number; kind: string };

/**
 * Sends the archive to POST /api/v1/workspaces/import and follows its NDJSON progress. XHR rather
 * than fetch: only XHR tells how much of the upload has gone, which for an archive with videos is
 * most of the wait. Resolves to the new workspace, or rejects with the server's own message.
 */
export function sendArchive(file: File, o: { passphrase: string; name: string }, onStage: (s: ImportStage) => void): Promise<ImportedWorkspace> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const q = o.name.trim() ? `?name=${encodeURIComponent(o.name.trim())}` : "";
    xhr.open("POST", `/api/v1/workspaces/import${q}`);
    xhr.setRequestHeader("content-type", "application/gzip");
    xhr.setRequestHeader("accept", "application/x-ndjson");
    // Header values are bytes: the passphrase goes percent-encoded, whatever its letters.
    if (o.passphrase) xhr.setRequestHeader("x-archive-passphrase", encodeURIComponent(o.passphrase));
    xhr.upload.onprogress = (e) => onStage({ stage: "uploading", sent: e.loaded, total: e.total || file.size });
    xhr.upload.onload = () => onStage({ stage: "checking" });
    let read = 0;
    let result: ImportedWorkspace | null = null;
    let failure: string | null = null;
    const lines = () => {
      if (xhr.status !== 201) return;
      const text = xhr.responseText;
      const end = text.lastIndexOf("\n");
      if (end < read) return;
      for (const line of text.slice(read, end).split("\n")) {
        if (!line.trim()) continue;
        const msg = JSON.parse(line) as { type: string; error?: { message: string } } & Record<string, unknown>;
        if (msg.type === "progress") onStage({ stage: "importing", rows: Number(msg.rows), total: Number(msg.total), kind: String(msg.kind) });
        else if (msg.type === "result") result = msg as unknown as ImportedWorkspace;
        else if (msg.type === "error") failure = msg.error?.message ?? "The import failed; nothing was imported.";
      }
      read = end + 1;
    };
    xhr.onprogress = lines;
    xhr.onload = () => {
      if (xhr.status !== 201) {
        try {
          return reject(new Error((JSON.parse(xhr.responseText) as { error: { message: string } }).error.message));
        } catch {
          return reject(new Error(`The import failed (${xhr.status}).`));
        }
      }
      lines();
      if (result) resolve(result);
      else reject(new Error(failure ?? "The import ended without an answer; nothing was imported."));
    };
    xhr.onerror = () => reject(new Error("The connection was lost during the import. Nothing is half-imported: try again."));
    xhr.send(file);
  });
}
