import { z } from "zod";

/** Request bodies of evergreen categories (also the OpenAPI source). */
export const EVERGREEN_ORDERS = ["oldest_first", "random"] as const;

const name = z.string().trim().min(1, "name is required").max(80, "name can have at most 80 characters");
const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, "color must be a hex colour like #22aa88")
  .nullable()
  .describe("a hex colour for the screen and the calendar, or null");
const accountIds = z
  .array(z.uuid({ message: "each account id must be a UUID" }))
  .max(50, "at most 50 accounts")
  .describe("the platform accounts whose empty posting slots this category fills");

const fields = {
  name,
  color: color.optional(),
  min_days: z
    .number()
    .int("min_days must be a whole number")
    .min(1, "min_days must be at least 1")
    .max(3650, "min_days can be at most 3650")
    .default(30)
    .describe("days before the same item may return on the same account"),
  order: z
    .enum(EVERGREEN_ORDERS, { message: `order must be one of: ${EVERGREEN_ORDERS.join(", ")}` })
    .default("oldest_first")
    .describe("oldest_first: the item posted longest ago (or never) first; random: any eligible item"),
  max_reposts: z
    .number()
    .int("max_reposts must be a whole number")
    .min(1, "max_reposts must be at least 1")
    .max(1000)
    .nullable()
    .default(null)
    .describe("re-posts of one item on one account at most; null: no limit"),
  platform_account_ids: accountIds.default([]),
  active: z.boolean().default(true),
};

export const categoryCreateSchema = z.object(fields).strict();
export const categoryPatchSchema = z
  .object({
    name,
    color: color.optional(),
    min_days: fields.min_days.unwrap(),
    order: fields.order.unwrap(),
    max_reposts: fields.max_reposts.unwrap(),
    platform_account_ids: accountIds,
    active: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "send at least one field to change" });

const recycleText = z.string().trim().min(1, "a variant text cannot be empty").max(10_000, "a variant text can have at most 10,000 characters");

export const categoryItemsAddSchema = z
  .object({
    items: z
      .array(
        z
          .object({
            content_item_id: z.uuid({ message: "content_item_id must be a UUID" }),
            texts: z
              .array(recycleText)
              .max(20, "at most 20 variant texts per item")
              .optional()
              .describe("alternative texts, rotated on platforms that refuse identical text (X); omitted: kept as they are"),
          })
          .strict(),
      )
      .min(1, "send at least one item")
      .max(200, "at most 200 items at once"),
  })
  .strict();

export const categoryItemsRemoveSchema = z
  .object({
    content_item_ids: z
      .array(z.uuid({ message: "each content item id must be a UUID" }))
      .min(1, "send at least one id")
      .max(200, "at most 200 ids at once"),
  })
  .strict();

export const categoryFillSchema = z
  .object({
    days: z
      .number()
      .int("days must be a whole number")
      .min(1, "days must be at least 1")
      .max(30, "days can be at most 30")
      .default(7)
      .describe("how many days ahead to fill"),
    seed: z.number().int("seed must be a whole number").min(0).max(2_147_483_647).optional().describe("makes the random order repeatable"),
  })
  .strict();

export type CategoryInput = z.infer<typeof categoryCreateSchema>;
export type CategoryPatch = z.infer<typeof categoryPatchSchema>;
export type CategoryItemsAdd = z.infer<typeof categoryItemsAddSchema>;
export type CategoryFillInput = z.infer<typeof categoryFillSchema>;
