"use server";
import { z } from "zod";
import { operation } from "@/lib/operations";
import { action, actionRuntime } from "@/app/_server/action";
import { addCategoryItems, createCategory, deleteCategory, fillCategoryNow, removeCategoryItems, updateCategory } from "@/lib/evergreen";
import { categoryCreateSchema, categoryFillSchema, categoryItemsAddSchema, categoryPatchSchema } from "@/lib/evergreen/validation";

// Server actions of the Categories screen: the same lib functions as /api/v1/categories.
const done = <T>(value: T) => {
  actionRuntime.revalidate("/categories");
  return value;
};
const id = z.uuid();

export const createCategoryAction = action(operation("post /categories"), categoryCreateSchema, async ({ db, actor, input }) =>
  done({ id: (await createCategory(db, actor, input)).id }),
);
export const updateCategoryAction = action(operation("patch /categories/{id}"), z.object({ id, patch: categoryPatchSchema }), async ({ db, actor, input }) =>
  done({ id: (await updateCategory(db, actor, input.id, input.patch)).id }),
);
export const deleteCategoryAction = action(operation("delete /categories/{id}"), z.object({ id }), async ({ db, actor, input }) =>
  done(await deleteCategory(db, actor, input.id)),
);
export const addCategoryItemsAction = action(operation("post /categories/{id}/items"), categoryItemsAddSchema.extend({ id }), async ({ db, actor, input }) =>
  done((await addCategoryItems(db, actor, input.id, { items: input.items })).length),
);
export const removeCategoryItemAction = action(
  operation("delete /categories/{id}/items"),
  z.object({ id, content_item_id: id }),
  async ({ db, actor, input }) => done((await removeCategoryItems(db, actor, input.id, [input.content_item_id])).length),
);
export const fillCategoryAction = action(operation("post /categories/{id}/fill"), categoryFillSchema.extend({ id }), async ({ db, actor, input }) =>
  done(await fillCategoryNow(db, actor, input.id, { days: input.days, seed: input.seed })),
);
