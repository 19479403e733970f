"use client";
import type { PlatformOption } from "./types";

/** Checkboxes for the platforms something is meant for; none ticked means every platform. */
export function PlatformChecks({
  name,
  legend,
  options,
  value,
  disabled,
}: {
  name: string;
  legend: string;
  options: PlatformOption[];
  value?: string[];
  disabled?: boolean;
}) {
  return (
    <fieldset className="col-span-full" disabled={disabled}>
      <legend className="label">
        {legend} <span className="font-normal text-slate-600 dark:text-slate-400">(none ticked: every platform)</span>
      </legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.id} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" name={name} value={o.id} defaultChecked={value?.includes(o.id)} className="h-4 w-4" />
            {o.name}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
