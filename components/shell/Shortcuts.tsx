"use client";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

export const SHORTCUTS = [
  { key: "n", label: "New post" },
  { key: "c", label: "Open the calendar" },
  { key: "/", label: "Search content" },
  { key: "?", label: "Show these shortcuts" },
] as const;

function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/**
 * Global keys: n (new post), c (calendar), / (search: focuses a search box on the page, or opens
 * the content list's), ? (this list). Ignored while typing or with a modifier held.
 */
export function Shortcuts({ canWrite }: { canWrite: boolean }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      if (e.metaKey || e.ctrlKey || e.altKey || typing(e.target)) return;
      if (e.key === "?") {
        e.preventDefault();
        setOpen(true);
      } else if (e.key === "n" && canWrite) {
        e.preventDefault();
        router.push("/content/new");
      } else if (e.key === "c") {
        e.preventDefault();
        router.push("/calendar");
      } else if (e.key === "/") {
        e.preventDefault();
        const box = document.querySelector<HTMLInputElement>("input[type=search]");
        if (box) box.focus();
        else router.push("/content?focus=search");
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [router, canWrite]);
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      onClose={() => setOpen(false)}
      aria-labelledby="shortcuts-title"
      className="m-auto w-[min(22rem,calc(100vw-2rem))] rounded-lg border border-slate-200 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
        Keyboard shortcuts
      </h2>
      <dl className="space-y-2 text-sm">
        {SHORTCUTS.filter((s) => canWrite || s.key !== "n").map((s) => (
          <div key={s.key} className="flex items-center justify-between gap-4">
            <dt>{s.label}</dt>
            <dd>
              <kbd className="rounded border border-slate-300 px-2 py-0.5 font-mono text-xs dark:border-slate-600">{s.key}</kbd>
            </dd>
          </div>
        ))}
      </dl>
      <button type="button" className="btn-secondary mt-4 w-full" onClick={() => setOpen(false)}>
        Close
      </button>
    </dialog>
  );
}
