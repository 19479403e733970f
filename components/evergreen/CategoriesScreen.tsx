"use client";
import { useState } from "react";
import { useRouter } from "next/navigation";
import { createCategoryAction } from "@/app/_actions/evergreen";
import { useActionRunner } from "@/components/ui/useActionRunner";
import { CategoryForm } from "./CategoryForm";
import { CategoryCard } from "./CategoryCard";
import type { AccountOption, CategoryView, ContentOption } from "./types";

/** The Categories screen: the workspace's evergreen categories, and a form for a new one. */
export function CategoriesScreen({
  categories,
  accounts,
  content,
  canWrite,
  canFill,
}: {
  categories: CategoryView[];
  accounts: AccountOption[];
  content: ContentOption[];
  canWrite: boolean;
  canFill: boolean;
}) {
  const router = useRouter();
  const { pending, error, setError, run } = useActionRunner();
  const [formKey, setFormKey] = useState(0);
  return (
    <div className="space-y-6">
      {canWrite && (
        <section aria-labelledby="new-category" className="card space-y-3">
          <h2 id="new-category" className="text-lg font-semibold">
            New category
          </h2>
          <CategoryForm
            key={formKey}
            accounts={accounts}
            pending={pending}
            error={error}
            submitLabel="Create category"
            onInvalid={setError}
            onSubmit={(fields) =>
              run(
                () => createCategoryAction(fields),
                () => {
                  setFormKey((k) => k + 1);
                  router.refresh();
                },
              )
            }
          />
        </section>
      )}
      <section aria-labelledby="category-list" className="space-y-3">
        <h2 id="category-list" className="text-lg font-semibold">
          Categories
        </h2>
        {categories.length === 0 ? (
          <p className="card text-sm text-slate-600 dark:text-slate-400" data-testid="categories-empty">
            No categories yet. Create one, choose its accounts, and put approved content into it: it fills the empty posting slots of the week ahead.
          </p>
        ) : (
          <ul className="space-y-4">
            {categories.map((c) => (
              <CategoryCard key={c.id} category={c} accounts={accounts} content={content} canWrite={canWrite} canFill={canFill} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
