import { z } from "zod";
import { safeString } from "../validation/common";

export const FEED_MODES = ["draft", "queue"] as const;
export type FeedMode = (typeof FEED_MODES)[number];
/**
 * What the first successful poll does with the items already in the feed. mark_seen (default):
 * records them and creates nothing, so adding a blog with 50 old posts queues none of them;
 * newest: also turns the newest one into a post, to see at once what the template makes.
 */
export const FIRST_POLL = ["mark_seen", "newest"] as const;

export const POLL_MINUTES = { min: 5, max: 24 * 60, default: 60 } as const;
export const DEFAULT_TEMPLATE = "{{title}}\n\n{{summary}}\n\n{{link}}";

const url = z.string().trim().min(1, "url is required").max(2000, "url must be at most 2000 characters");
const name = safeString().trim().min(1, "name cannot be empty").max(120, "name can have at most 120 characters");
const template = safeString()
  .max(5000, "template can have at most 5,000 characters")
  .refine((t) => t.trim().length > 0, "template cannot be empty");
const accounts = z
  .array(z.uuid({ message: "platform_account_ids must be ids" }))
  .max(50, "at most 50 accounts")
  .transform((v) => [...new Set(v)]);
const mode = z.enum(FEED_MODES, { message: `mode must be one of ${FEED_MODES.join(", ")}` });
const minutes = z
  .number({ message: "poll_interval_minutes must be a number" })
  .int("poll_interval_minutes must be a whole number")
  .min(POLL_MINUTES.min, `poll_interval_minutes must be at least ${POLL_MINUTES.min}`)
  .max(POLL_MINUTES.max, `poll_interval_minutes must be at most ${POLL_MINUTES.max} (a day)`);
const firstPoll = z.enum(FIRST_POLL, { message: `first_poll must be one of ${FIRST_POLL.join(", ")}` });

const queueNeedsAccounts = (v: { mode?: FeedMode; platform_account_ids?: string[] }) => v.mode !== "queue" || (v.platform_account_ids?.length ?? 0) > 0;

export const feedCreateSchema = z
  .object({
    url,
    platform_account_ids: accounts,
    mode,
    template: template.default(DEFAULT_TEMPLATE),
    name: name.optional(),
    poll_interval_minutes: minutes.default(POLL_MINUTES.default),
    first_poll: firstPoll.default("mark_seen"),
    active: z.boolean().optional(),
  })
  .strict()
  .refine(queueNeedsAccounts, { message: "mode queue needs at least one platform account", path: ["platform_account_ids"] });
export type FeedCreateInput = z.infer<typeof feedCreateSchema>;

export const feedPatchSchema = z
  .object({
    url: url.optional(),
    platform_account_ids: accounts.optional(),
    mode: mode.optional(),
    template: template.optional(),
    name: name.optional(),
    poll_interval_minutes: minutes.optional(),
    first_poll: firstPoll.optional(),
    active: z.boolean().optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, { message: "give at least one field to change" });
export type FeedPatchInput = z.infer<typeof feedPatchSchema>;

export const feedItemsQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) }).strict();
