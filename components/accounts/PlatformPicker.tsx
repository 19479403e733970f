"use client";
import type { PlatformId } from "@/adapters/types";
import type { ConnectPlatform } from "./types";

/** Step 1: nothing chosen until the person chooses. Radio buttons, so arrows and Space work. */
export function PlatformPicker({ platforms, value, onChange }: { platforms: ConnectPlatform[]; value: PlatformId | null; onChange: (p: PlatformId) => void }) {
  return (
    <fieldset>
      <legend className="mb-2 text-sm font-semibold">1. Choose the platform</legend>
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3 lg:grid-cols-4">
        {platforms.map((p) => (
          <label
            key={p.id}
            className="flex cursor-pointer items-center gap-2 rounded-md border border-slate-300 px-3 py-2 text-sm has-[:checked]:border-sky-600 has-[:checked]:bg-sky-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-sky-600 dark:border-slate-600 dark:has-[:checked]:border-sky-400 dark:has-[:checked]:bg-sky-950"
          >
            <input type="radio" name="connect-platform" value={p.id} checked={value === p.id} onChange={() => onChange(p.id)} className="accent-sky-700" />
            <span className="min-w-0">
              <span className="block font-medium">{p.name}</span>
              <span className="block text-xs text-slate-600 dark:text-slate-400">
                {p.oauth ? "sign in or token" : p.id === "sandbox" ? "no setup" : p.id === "webhook" ? "your URL" : "token"}
              </span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
