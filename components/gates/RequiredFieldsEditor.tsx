"use client";
import { CONTENT_TYPES } from "@/lib/validation/content";
import { FIELD_LABELS, FIELDS_BY_TYPE, type QualityGates, type RequiredField } from "@/lib/gates/rules";

type ByType = QualityGates["required_fields"]["by_type"];
const TYPE_LABELS = { post: "Post", article: "Article", thread: "Thread", carousel: "Carousel" } as const;

/** Per content type, the fields that must be filled in. */
export function RequiredFieldsEditor({ value, onChange }: { value: ByType; onChange: (v: ByType) => void }) {
  function toggle(type: keyof ByType, field: RequiredField, on: boolean) {
    const list = value[type].filter((f) => f !== field);
    onChange({ ...value, [type]: on ? FIELDS_BY_TYPE[type].filter((f) => f === field || list.includes(f)) : list });
  }
  return (
    <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
      {CONTENT_TYPES.map((type) => (
        <fieldset key={type} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
          <legend className="px-1 text-sm font-medium">{TYPE_LABELS[type]}</legend>
          <div className="space-y-1">
            {FIELDS_BY_TYPE[type].map((field) => (
              <label key={field} className="flex items-center gap-2 text-sm">
                <input type="checkbox" className="h-4 w-4" checked={value[type].includes(field)} onChange={(e) => toggle(type, field, e.target.checked)} />
                {FIELD_LABELS[field]}
              </label>
            ))}
          </div>
        </fieldset>
      ))}
    </div>
  );
}
