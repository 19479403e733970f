"use client";
import { useId, useState } from "react";
import type { ComposerMedia } from "@/lib/composer/types";

interface Uploaded { id: string; filename: string; mime_type: string; size_bytes: number; width: number | null; height: number | null; duration_ms: number | null; alt_text: string | null }

const fromApi = (m: Uploaded): ComposerMedia => ({ id: m.id, filename: m.filename, mimeType: m.mime_type, sizeBytes: m.size_bytes, width: m.width, height: m.height, durationMs: m.duration_ms, altText: m.alt_text });

export const mediaUrl = (id: string) => `/api/v1/media/${id}/file`;

/** A thumbnail of an uploaded image or video, served by the media API. */
export function MediaThumb({ media, className = "h-20 w-20" }: { media: ComposerMedia; className?: string }) {
  const cls = `${className} rounded-md border border-slate-200 bg-slate-100 object-cover dark:border-slate-700 dark:bg-slate-800`;
  if (media.mimeType.startsWith("video/")) return <video src={mediaUrl(media.id)} className={cls} muted aria-label={media.altText || media.filename} />;
  // eslint-disable-next-line @next/next/no-img-element -- private media behind the session, not optimisable
  return <img src={mediaUrl(media.id)} alt={media.altText || media.filename} className={cls} />;
}

/** Uploads files to /api/v1/media as they are chosen and lists them with previews. */
export function MediaPicker({ media, onChange, disabled }: { media: ComposerMedia[]; onChange: (m: ComposerMedia[]) => void; disabled?: boolean }) {
  const id = useId();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function upload(files: FileList | null) {
    if (!files?.length) return;
    setError(null);
    const added: ComposerMedia[] = [];
    for (const file of Array.from(files)) {
      setBusy(`Uploading ${file.name}…`);
      try {
        const res = await fetch(`/api/v1/media?filename=${encodeURIComponent(file.name)}`, { method: "POST", body: file, headers: { "content-type": file.type || "application/octet-stream" } });
        const body = await res.json().catch(() => null);
        if (!res.ok) {
          setError(`${file.name}: ${body?.error?.message ?? `upload failed (${res.status})`}`);
          break;
        }
        added.push(fromApi(body as Uploaded));
      } catch {
        setError(`${file.name}: the upload did not reach the server. Check your connection and try again.`);
        break;
      }
    }
    setBusy(null);
    if (added.length) onChange([...media, ...added]);
  }

  return (
    <div>
      <label htmlFor={id} className="label">Media <span className="font-normal text-slate-600 dark:text-slate-400">(images or videos, optional)</span></label>
      <input id={id} type="file" accept="image/*,video/*" multiple disabled={disabled || !!busy} className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100" onChange={(e) => { void upload(e.target.files); e.target.value = ""; }} />
      {busy && <p role="status" className="mt-2 text-sm text-slate-600 dark:text-slate-400">{busy}</p>}
      {error && <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">{error}</p>}
      {media.length > 0 && (
        <ul className="mt-3 flex flex-wrap gap-3" aria-label="Attached media">
          {media.map((m) => (
            <li key={m.id} className="flex flex-col items-start gap-1">
              <MediaThumb media={m} />
              <span className="max-w-20 truncate text-xs text-slate-600 dark:text-slate-400" title={m.filename}>{m.filename}</span>
              <button type="button" className="text-xs text-red-700 underline dark:text-red-300" onClick={() => onChange(media.filter((x) => x.id !== m.id))} aria-label={`Remove ${m.filename}`}>Remove</button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
