"use client";
import { useEffect, useId, useRef } from "react";

/**
 * A modal dialog on the native `<dialog>`: the browser traps focus, closes it on Escape and puts
 * focus back where it was. Rendered only while open; `onClose` is called however it closes.
 */
export function Dialog({
  title,
  onClose,
  children,
  testId,
  wide,
}: {
  title: string;
  onClose: () => void;
  children: React.ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const close = useRef(onClose);
  useEffect(() => {
    close.current = onClose;
  }, [onClose]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (!el.open) el.showModal();
    const onCancel = () => close.current();
    el.addEventListener("close", onCancel);
    return () => {
      el.removeEventListener("close", onCancel);
      if (el.open) el.close();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      className={`m-auto ${wide ? "w-[min(calc(100vw-1.5rem),36rem)]" : "w-[min(calc(100vw-1.5rem),28rem)]"} max-w-none rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100`}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => {
        if (e.target === e.currentTarget) ref.current?.close();
      }}
    >
      <div className="max-h-[85vh] overflow-y-auto p-4">
        <div className="mb-3 flex items-start justify-between gap-3">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <button type="button" className="btn-secondary px-2 py-1" aria-label="Close" onClick={() => ref.current?.close()}>
            ✕
          </button>
        </div>
        {children}
      </div>
    </dialog>
  );
}
