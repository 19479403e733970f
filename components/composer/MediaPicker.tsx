"use client";
import { useId, useState } from "react";
import type { ComposerMedia } from "@/lib/composer/types";

/** The most any platform takes (Mastodon); X's lower limit is flagged under X. */
const ALT_MAX = 1500;

interface Uploaded {
  id: string;
  filename: string;
  mime_type: string;
  size_bytes: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  alt_text: string | null;
}

const fromApi = (m: Uploaded): ComposerMedia => ({
  id: m.id,
  filename: m.filename,
  mimeType: m.mime_type,
  sizeBytes: m.size_bytes,
  width: m.width,
  height: m.height,
  durationMs: m.duration_ms,
  altText: m.alt_text,
});

export const mediaUrl = (id: string) => `/api/v1/media/${id}/file`;

/** A thumbnail of an uploaded image or video, served by the media API. */
export function MediaThumb({ media, className = "h-20 w-20" }: { media: ComposerMedia; className?: string }) {
  const cls = `${className} rounded-md border border-slate-200 bg-slate-100 object-cover dark:border-slate-700 dark:bg-slate-800`;
  const src = media.url ?? mediaUrl(media.id);
  if (media.mimeType.startsWith("video/")) return <video src={src} className={cls} muted aria-label={media.altText || media.filename} />;
  // eslint-disable-next-line @next/next/no-img-element -- private media behind the session, not optimisable
  return <img src={src} alt={media.altText || media.filename} className={cls} />;
}

/** Uploads files to /api/v1/media as they are chosen and lists them with previews and their alt text. */
export function MediaPicker({
  media,
  saved,
  onChange,
  disabled,
}: {
  media: ComposerMedia[];
  saved: Record<string, string | null>;
  onChange: (m: ComposerMedia[]) => void;
  disabled?: boolean;
}) {
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
        const res = await fetch(`/api/v1/media?filename=${encodeURIComponent(file.name)}`, {
          method: "POST",
          body: file,
          headers: { "content-type": file.type || "application/octet-stream" },
        });
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
      <label htmlFor={id} className="label">
        Media <span className="font-normal text-slate-600 dark:text-slate-400">(images or videos, optional)</span>
      </label>
      <input
        id={id}
        type="file"
        accept="image/*,video/*"
        multiple
        disabled={disabled || !!busy}
        className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-200 file:px-3 file:py-2 file:text-sm file:font-medium dark:file:bg-slate-800 dark:file:text-slate-100"
        onChange={(e) => {
          void upload(e.target.files);
          e.target.value = "";
        }}
      />
      {busy && (
        <p role="status" className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          {busy}
        </p>
      )}
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
      {media.length > 0 && (
        <ul className="mt-3 space-y-3" aria-label="Attached media">
          {media.map((m) => (
            <li key={m.id} className="flex items-start gap-3">
              <MediaThumb media={m} className="h-16 w-16 shrink-0 sm:h-20 sm:w-20" />
              <div className="min-w-0 flex-1 space-y-1">
                <div className="flex items-baseline justify-between gap-2">
                  <span className="truncate text-xs text-slate-600 dark:text-slate-400" title={m.filename}>
                    {m.filename}
                  </span>
                  <button
                    type="button"
                    className="shrink-0 text-xs text-red-700 underline dark:text-red-300"
                    onClick={() => onChange(media.filter((x) => x.id !== m.id))}
                    aria-label={`Remove ${m.filename}`}
                  >
                    Remove
                  </button>
                </div>
                <AltTextField
                  media={m}
                  saved={saved[m.id] ?? null}
                  disabled={disabled}
                  onChange={(altText) => onChange(media.map((x) => (x.id === m.id ? { ...x, altText } : x)))}
                />
              </div>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * A file's alt text. It is saved with the post (Save draft, Schedule, Publish now), in the same
 * version as the rest of the form, so it never races the save nor makes the form out of date. It is
 * stored with the file and sent to every platform that takes it; other content using the file gets
 * it too (and goes back to review where the approval rule says so).
 */
function AltTextField({
  media,
  saved,
  disabled,
  onChange,
}: {
  media: ComposerMedia;
  saved: string | null;
  disabled?: boolean;
  onChange: (altText: string) => void;
}) {
  const id = useId();
  const video = media.mimeType.startsWith("video/");
  const text = media.altText ?? "";
  const dirty = (text.trim() || null) !== (saved ?? null);

  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-xs font-medium">
        Alt text<span className="sr-only"> for {media.filename}</span>
      </label>
      <textarea
        id={id}
        rows={3}
        maxLength={ALT_MAX}
        value={text}
        disabled={disabled}
        placeholder={video ? "Describe the video" : "Describe the image for people using screen readers"}
        aria-describedby={`${id}-state ${id}-help`}
        className="input w-full text-sm"
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <span id={`${id}-state`} role="status" className="font-medium">
          {dirty ? "Not saved yet" : saved ? "Alt text saved" : "No alt text yet"}
        </span>{" "}
        <span id={`${id}-help`}>· Saved with the post when you save or schedule it.</span>
      </p>
    </div>
  );
}
