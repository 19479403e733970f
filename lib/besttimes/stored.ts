/**
 * How a fitted model is stored (best_time_models.slots) and read back for the suggestions and the
 * analytics heatmap, with the sentence that says where it comes from.
 */
import { getDescriptor } from "@/adapters/registry";
import type { PlatformId } from "@/adapters/types";
import { baselineFor } from "../suggestions/baselines";
import { SLOT_COUNT, type FittedModel, type SlotEstimate } from "./model";

/** One slot as stored: [lift, lift sd, posts, rate, low, high] (the last three null when the level is unknown). */
type PackedSlot = [number, number, number, number | null, number | null, number | null];

const round = (v: number | null, digits = 5) => (v === null || !Number.isFinite(v) ? null : Number(v.toPrecision(digits)));

export function packSlots(model: FittedModel): PackedSlot[] {
  return model.slots.map((s) => [round(s.lift) ?? 1, round(s.liftSd) ?? 0, s.posts, round(s.rate), round(s.low), round(s.high)]);
}

const isNum = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);
const numOrNull = (v: unknown) => (isNum(v) ? v : null);

/** The stored slots, or null when they are not 168 well-formed entries (then the baseline is used). */
export function unpackSlots(raw: unknown): SlotEstimate[] | null {
  if (!Array.isArray(raw) || raw.length !== SLOT_COUNT) return null;
  const out: SlotEstimate[] = [];
  for (const s of raw) {
    if (!Array.isArray(s) || !isNum(s[0]) || !isNum(s[1]) || !isNum(s[2])) return null;
    out.push({ lift: s[0], liftSd: s[1], posts: s[2], rate: numOrNull(s[3]), low: numOrNull(s[4]), high: numOrNull(s[5]) });
  }
  return out;
}

/** The model of an account as the suggestions and the heatmap use it. */
export interface SlotModel {
  slots: SlotEstimate[];
  /** The zone the slots' weekdays and hours are in (where the account's posts went out). */
  timezone: string;
  /** The account's own posts behind it (0 when it rests on the workspace's other accounts). */
  posts: number;
  /** "learned from 38 of your posts", "learned from 12 posts on your other Bluesky accounts". */
  reason: string;
}

const TYPE_PLURAL: Record<string, string> = { post: "posts", article: "articles", thread: "threads", carousel: "carousels" };
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Where suggestions come from when an account has no model: "research baseline for LinkedIn". */
export function baselineReason(platformId: PlatformId): string {
  const platform = getDescriptor(platformId).name;
  const b = baselineFor(platformId);
  if (b.platform === "general") return `general baseline (weekday office hours): no research for ${platform}`;
  if (b.platform === platform) return `research baseline for ${platform}`;
  return `research baseline for ${b.platform}, applied to ${platform}`;
}

interface StoredRow {
  contentType: string;
  timezone: string;
  prior: string;
  priorPosts: number;
  posts: number;
  slots: unknown;
}

/**
 * The model to use for an account from its stored rows: the content type's when asked and there
 * is one, else the account's; null when neither is usable (suggestions fall back to research).
 */
export function slotModelOf(rows: readonly StoredRow[], platformId: PlatformId, contentType?: string): SlotModel | null {
  const all = rows.find((r) => r.contentType === "*");
  const typed = contentType ? rows.find((r) => r.contentType === contentType) : undefined;
  const use = typed ?? all;
  if (!use) return null;
  const slots = unpackSlots(use.slots);
  if (!slots) return null;
  const platform = getDescriptor(platformId).name;
  const own = all?.posts ?? use.posts;
  const others = use.prior === "platform" || all?.prior === "platform" ? (all ?? use).priorPosts : 0;
  const otherText = `${plural(others, "post", "posts")} on your other ${platform} accounts`;
  let reason: string;
  if (own === 0) reason = `learned from ${otherText}`;
  else {
    reason = `learned from ${own} of your posts`;
    if (typed && contentType) reason += `, ${typed.posts} of them ${TYPE_PLURAL[contentType] ?? contentType}`;
    if (others > 0) reason += ` and ${otherText}`;
  }
  return { slots, timezone: (all ?? use).timezone, posts: own, reason };
}
