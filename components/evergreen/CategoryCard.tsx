"use client";
import { useId, useState } from "react";
import { useRouter } from "next/navigation";
import { addCategoryItemsAction, deleteCategoryAction, fillCategoryAction, removeCategoryItemAction, updateCategoryAction } from "@/app/_actions/evergreen";
import { ConfirmButton } from "@/components/ui/ConfirmButton";
import { FormError } from "@/components/ui/FormError";
import { useFormat } from "@/components/ui/FormatProvider";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { CategoryForm } from "./CategoryForm";
import type { AccountOption, CategoryView, ContentOption } from "./types";

interface FillOutcome {
  placed: { schedule_id: string; title: string; platform_account_id: string; scheduled_time: string }[];
  skipped: { content_item_id: string; title: string; reason: string }[];
  unfilled: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** One category: its rules, accounts, items (with variant texts), Fill now, skipped items and the slots it filled ahead. */
export function CategoryCard({
  category: c,
  accounts,
  content,
  canWrite,
  canFill,
}: {
  category: CategoryView;
  accounts: AccountOption[];
  content: ContentOption[];
  canWrite: boolean;
  canFill: boolean;
}) {
  const router = useRouter();
  const f = useFormat();
  const p = useId();
  const { pending, error, setError, run } = useActionRunner();
  const [editing, setEditing] = useState(false);
  const [pick, setPick] = useState("");
  const [variantsOf, setVariantsOf] = useState<string | null>(null);
  const [result, setResult] = useState<FillOutcome | null>(null);
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? "an account";
  const inCategory = new Set(c.items.map((i) => i.id));
  const choices = content.filter((x) => !inCategory.has(x.id));
  const refresh = () => router.refresh();

  return (
    <li className="card space-y-4" data-testid="category-card" aria-labelledby={`${p}-title`}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`${p}-title`} className="flex items-center gap-2 text-base font-semibold break-words">
            <span aria-hidden="true" className="inline-block h-3 w-3 shrink-0 rounded-full" style={{ backgroundColor: c.color ?? "#64748b" }} />
            {c.name}
            {!c.active && <span className="rounded bg-slate-200 px-1.5 text-xs font-normal text-slate-800 dark:bg-slate-700 dark:text-slate-100">Paused</span>}
          </h3>
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="category-rules">
            {plural(c.items.length, "item")} · returns after {plural(c.minDays, "day")} ·{" "}
            {c.order === "random" ? "random order" : "least recently posted first"} ·{" "}
            {c.maxReposts === null ? "no re-post limit" : `at most ${plural(c.maxReposts, "re-post")} per account`}
          </p>
          <p className="text-sm break-words">Fills: {c.accountIds.length ? c.accountIds.map(accountName).join(", ") : "no account yet"}</p>
        </div>
        <div className="flex flex-wrap gap-2">
          {canFill && (
            <button
              type="button"
              className="btn-primary"
              disabled={pending || !c.active}
              onClick={() =>
                run(
                  () => fillCategoryAction({ id: c.id, days: 7 }),
                  (r) => {
                    setResult(r);
                    refresh();
                  },
                )
              }
            >
              Fill now
            </button>
          )}
          {canWrite && (
            <button type="button" className="btn-secondary" onClick={() => setEditing((v) => !v)} aria-expanded={editing} disabled={pending}>
              Edit
            </button>
          )}
          {canWrite && (
            <ConfirmButton
              question={`Delete the category “${c.name}”? The posts it already placed stay scheduled.`}
              label={`Delete ${c.name}`}
              disabled={pending}
              onConfirm={() => run(() => deleteCategoryAction({ id: c.id }), refresh)}
            >
              Delete
            </ConfirmButton>
          )}
        </div>
      </div>

      {editing && (
        <CategoryForm
          value={c}
          accounts={accounts}
          pending={pending}
          error={error}
          submitLabel="Save"
          onInvalid={setError}
          onCancel={() => setEditing(false)}
          onSubmit={(fields) =>
            run(
              () => updateCategoryAction({ id: c.id, patch: fields }),
              () => {
                setEditing(false);
                refresh();
              },
            )
          }
        />
      )}
      {!editing && <FormError message={error} />}

      {result && (
        <div
          role="status"
          className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 dark:bg-emerald-950 dark:text-emerald-100"
          data-testid="fill-result"
        >
          <p className="font-medium">
            Placed {plural(result.placed.length, "post")}
            {result.unfilled ? `; ${plural(result.unfilled, "free slot")} left empty` : ""}.
          </p>
          {result.placed.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {result.placed.slice(0, 20).map((x) => (
                <li key={x.schedule_id}>
                  {f.dateTime(new Date(x.scheduled_time))} · {x.title} · {accountName(x.platform_account_id)}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}

      <section aria-labelledby={`${p}-items`} className="space-y-2">
        <h4 id={`${p}-items`} className="text-sm font-semibold">
          Items
        </h4>
        {c.items.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No items yet: add approved content below.</p>
        ) : (
          <ul className="divide-y divide-slate-200 dark:divide-slate-800" data-testid="category-items">
            {c.items.map((i) => (
              <li key={i.id} className="space-y-2 py-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="min-w-0 text-sm break-words">
                    {i.title}{" "}
                    <span className="text-slate-600 dark:text-slate-400">
                      ({i.status.replace("_", " ")}; {plural(i.texts.length, "variant")})
                    </span>
                  </span>
                  {canWrite && (
                    <span className="flex gap-2">
                      <button
                        type="button"
                        className="btn-secondary py-1"
                        aria-expanded={variantsOf === i.id}
                        aria-label={`Variants of ${i.title}`}
                        onClick={() => setVariantsOf(variantsOf === i.id ? null : i.id)}
                      >
                        Variants
                      </button>
                      <ConfirmButton
                        question={`Take “${i.title}” out of ${c.name}?`}
                        label={`Remove ${i.title}`}
                        disabled={pending}
                        onConfirm={() => run(() => removeCategoryItemAction({ id: c.id, content_item_id: i.id }), refresh)}
                      >
                        Remove
                      </ConfirmButton>
                    </span>
                  )}
                </div>
                {variantsOf === i.id && (
                  <form
                    className="space-y-2"
                    onSubmit={(e) => {
                      e.preventDefault();
                      const texts = String(new FormData(e.currentTarget).get("texts") ?? "")
                        .split(/\n\s*\n/)
                        .map((t) => t.trim())
                        .filter(Boolean);
                      run(
                        () => addCategoryItemsAction({ id: c.id, items: [{ content_item_id: i.id, texts }] }),
                        () => {
                          setVariantsOf(null);
                          refresh();
                        },
                      );
                    }}
                  >
                    <label htmlFor={`${p}-v-${i.id}`} className="label">
                      Alternative texts, separated by an empty line (rotated on platforms that refuse identical text, such as X)
                    </label>
                    <textarea id={`${p}-v-${i.id}`} name="texts" rows={4} className="input h-auto" defaultValue={i.texts.join("\n\n")} disabled={pending} />
                    <button type="submit" className="btn-primary py-1" disabled={pending}>
                      Save variants
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        {canWrite && (
          <form
            className="flex flex-wrap items-end gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              if (!pick) return setError("Choose a content item to add.");
              run(
                () => addCategoryItemsAction({ id: c.id, items: [{ content_item_id: pick }] }),
                () => {
                  setPick("");
                  refresh();
                },
              );
            }}
          >
            <div className="min-w-0 flex-1">
              <label htmlFor={`${p}-pick`} className="label">
                Add content
              </label>
              <select id={`${p}-pick`} className="input" value={pick} onChange={(e) => setPick(e.target.value)} disabled={pending || !choices.length}>
                <option value="">{choices.length ? "Choose an item…" : "All content is in this category"}</option>
                {choices.map((x) => (
                  <option key={x.id} value={x.id}>
                    {x.title}
                  </option>
                ))}
              </select>
            </div>
            <button type="submit" className="btn-secondary" disabled={pending || !choices.length}>
              Add
            </button>
          </form>
        )}
      </section>

      {c.skipped.length > 0 && (
        <section aria-labelledby={`${p}-skipped`} className="space-y-1">
          <h4 id={`${p}-skipped`} className="text-sm font-semibold">
            Skipped at the last fill
          </h4>
          <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="category-skipped">
            {c.skipped.map((s) => (
              <li key={`${s.id}-${s.account}`} className="break-words">
                <span className="font-medium">{s.title}</span> on {s.account}: {s.reason}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby={`${p}-upcoming`} className="space-y-1">
        <h4 id={`${p}-upcoming`} className="text-sm font-semibold">
          Slots it filled ahead
        </h4>
        {c.upcoming.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">None yet. Fill now, or wait for the hourly fill.</p>
        ) : (
          <ul className="space-y-1 text-sm" data-testid="category-upcoming">
            {c.upcoming.map((u) => (
              <li key={u.scheduleId} className="break-words">
                <time>{u.when}</time> · {u.title} · {u.account}
              </li>
            ))}
          </ul>
        )}
      </section>
    </li>
  );
}
