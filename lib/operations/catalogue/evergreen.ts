import { z } from "zod";
import { categoryFillSchema, categoryCreateSchema, categoryItemsAddSchema, categoryItemsRemoveSchema, categoryPatchSchema } from "@/lib/evergreen/validation";
import { categoryDetailShape, categoryItemShape, categoryShape, fillResultShape } from "@/lib/evergreen/shapes";
import * as R from "../shapes";
import { op } from "../define";

/** Evergreen categories: content recycled into empty posting slots. */
export const EVERGREEN_OPERATIONS = [
  op("get", "/categories", "evergreen", "The workspace's evergreen categories", { permission: "content:read", response: R.list(categoryShape) }),
  op("post", "/categories", "evergreen", "Create an evergreen category (its re-post rules and the accounts it fills)", {
    permission: "content:write",
    body: categoryCreateSchema,
    status: 201,
    response: categoryShape,
    idempotent: true,
  }),
  op("get", "/categories/{id}", "evergreen", "One category with its items, the items passed over at the last fill (and why), and the slots it filled ahead", {
    permission: "content:read",
    response: categoryDetailShape,
  }),
  op("patch", "/categories/{id}", "evergreen", "Change a category's rules, accounts or active flag", {
    permission: "content:write",
    body: categoryPatchSchema,
    response: categoryShape,
  }),
  op("delete", "/categories/{id}", "evergreen", "Delete a category; the posts it placed stay as ordinary schedules", { permission: "content:write" }),
  op(
    "post",
    "/categories/{id}/items",
    "evergreen",
    "Put content items into the category, with optional variant texts (an item already in it gets the texts sent)",
    {
      permission: "content:write",
      body: categoryItemsAddSchema,
      response: z.object({ items: z.array(categoryItemShape) }),
    },
  ),
  op("delete", "/categories/{id}/items", "evergreen", "Take content items out of the category", {
    permission: "content:write",
    body: categoryItemsRemoveSchema,
    status: 200,
    response: z.object({ items: z.array(categoryItemShape) }),
  }),
  op(
    "post",
    "/categories/{id}/fill",
    "evergreen",
    "Fill now: put the category's items into its accounts' empty posting slots over the next days; returns what was placed and what was skipped",
    {
      permission: "schedules:write",
      body: categoryFillSchema,
      response: fillResultShape,
    },
  ),
] as const;
