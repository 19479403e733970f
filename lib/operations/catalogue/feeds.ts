import * as R from "../shapes";
import { feedCreateSchema, feedItemsQuery, feedPatchSchema } from "@/lib/feeds/validation";
import { op } from "../define";

/** Feed subscriptions (RSS, Atom, JSON Feed → drafts or queued posts): everyone reads them, editors and admins manage them. */
export const FEEDS_OPERATIONS = [
  op("get", "/feeds", "feeds", "Feed subscriptions with their poll state (last check, last error, next check, items seen)", {
    permission: "feeds:read",
    response: R.list(R.feed),
  }),
  op(
    "post",
    "/feeds",
    "feeds",
    "Subscribe to a feed (RSS 2.0, Atom 1.0 or JSON Feed). Private and loopback addresses are refused unless the server allows them. The first poll marks the items already there as seen (first_poll: newest also posts the newest one)",
    { permission: "feeds:manage", body: feedCreateSchema, status: 201, response: R.feed },
  ),
  op("get", "/feeds/{id}", "feeds", "One feed subscription", { permission: "feeds:read", response: R.feed }),
  op(
    "patch",
    "/feeds/{id}",
    "feeds",
    "Change a feed: URL (a new URL starts afresh: its first poll marks items seen), accounts, mode, template, interval, active",
    {
      permission: "feeds:manage",
      body: feedPatchSchema,
      response: R.feed,
    },
  ),
  op("delete", "/feeds/{id}", "feeds", "Delete a feed subscription and its record of seen items (posts it made stay)", { permission: "feeds:manage" }),
  op(
    "post",
    "/feeds/{id}/poll",
    "feeds",
    "Poll now: the answer says what the poll did (new items, drafts and queued posts made, not modified, or the error, which is also stored on the feed)",
    { permission: "feeds:manage", response: R.feedPoll },
  ),
  op("get", "/feeds/{id}/items", "feeds", "Items the feed has shown, newest first, with what became of each", {
    permission: "feeds:read",
    query: feedItemsQuery,
    response: R.list(R.feedItem),
  }),
] as const;
