import { z } from "zod";

/** Bodies of the review-link routes (also the OpenAPI source). */
export const REVIEW_LINK_DEFAULT_DAYS = 14;
export const REVIEW_LINK_MAX_DAYS = 90;
export const REVIEW_LINK_MAX_ITEMS = 100;
/** The longest calendar range one link covers, in days (both ends included). */
export const REVIEW_LINK_MAX_RANGE_DAYS = 62;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "give a date as YYYY-MM-DD");
const common = {
  expires_at: z.iso
    .datetime({ offset: true, message: "expires_at must be an ISO 8601 date-time with its offset" })
    .optional()
    .describe(`when the link stops working; default ${REVIEW_LINK_DEFAULT_DAYS} days from now, at most ${REVIEW_LINK_MAX_DAYS}`),
  label: z.string().trim().min(1, "label cannot be empty").max(200, "label can have at most 200 characters").optional(),
  note: z.string().trim().max(2000, "note can have at most 2000 characters").optional().describe("shown to the reviewer above the posts"),
};

export const reviewLinkCreateSchema = z.union([
  z.strictObject({
    content_ids: z
      .array(z.uuid("each content id must be a content item id"))
      .min(1, "pick at least one post")
      .max(REVIEW_LINK_MAX_ITEMS, `at most ${REVIEW_LINK_MAX_ITEMS} posts per link`),
    ...common,
  }),
  z.strictObject({
    start_date: day.describe("first local day (the creator's time zone) whose scheduled posts the link shows"),
    end_date: day.describe("last local day, included"),
    timezone: z.string().min(1).max(100).optional().describe("the zone of the two days; default the creator's own"),
    ...common,
  }),
]);
export type ReviewLinkCreateInput = z.infer<typeof reviewLinkCreateSchema>;

export const reviewDecisionSchema = z.strictObject({
  content_id: z.uuid("content_id must be a content item id"),
  decision: z.enum(["approve", "request_changes"], { message: "decision must be approve or request_changes" }),
  name: z.string().trim().min(1, "say who you are (your name is required)").max(100, "a name can have at most 100 characters"),
  comment: z.string().trim().max(5000, "a comment can have at most 5000 characters").optional(),
  version: z.number().int().positive().describe("the version of the post the reviewer saw (from GET /api/review/{token})"),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;
