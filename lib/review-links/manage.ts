/**
 * Review links as members manage them: make one for chosen posts or a calendar range, list them
 * with the decisions they gathered, revoke. Admins and editors make and revoke; viewers read.
 */
import type { Db } from "@/db/client";
import { writeAudit } from "@/db/queries/audit";
import { getContentRow } from "@/db/queries/content";
import { getWorkspace } from "@/db/queries/workspaces";
import { decisionsOfLinks, getReviewLinkRow, insertReviewLink, listReviewLinkRows, revokeReviewLinkRow, type ReviewLinkRow } from "@/db/queries/review-links";
import { decrypt, encrypt, hashToken, newToken, type Keyring } from "../crypto";
import { AppError, notFound } from "../errors";
import type { Actor } from "../auth/actor";
import { assertCan } from "../auth/permissions";
import { preferencesOfUser } from "../preferences";
import { dayStart, isValidTimeZone } from "../time";
import { REVIEW_LINK_DEFAULT_DAYS, REVIEW_LINK_MAX_DAYS, REVIEW_LINK_MAX_RANGE_DAYS, type ReviewLinkCreateInput } from "../validation/review-links";
import { itemsInRange } from "./items";

const DAY_MS = 86_400_000;
const aad = (workspaceId: string) => `review_link:${workspaceId}`;

const invalid = (field: string, message: string) => new AppError("bad_request:validation", `${field}: ${message}`, [{ field, message }]);

export type ReviewLinkStatus = "active" | "expired" | "revoked";
export function linkStatus(link: Pick<ReviewLinkRow, "revokedAt" | "expiresAt">, now = new Date()): ReviewLinkStatus {
  if (link.revokedAt) return "revoked";
  return link.expiresAt.getTime() <= now.getTime() ? "expired" : "active";
}

function expiryOf(input: ReviewLinkCreateInput, now: Date): Date {
  if (input.expires_at === undefined) return new Date(now.getTime() + REVIEW_LINK_DEFAULT_DAYS * DAY_MS);
  const at = new Date(input.expires_at);
  if (at.getTime() <= now.getTime()) throw invalid("expires_at", "must be in the future");
  // A minute of slack, so "90 days from now" computed by a client a moment ago still passes.
  if (at.getTime() > now.getTime() + REVIEW_LINK_MAX_DAYS * DAY_MS + 60_000) throw invalid("expires_at", `can be at most ${REVIEW_LINK_MAX_DAYS} days ahead`);
  return at;
}

async function zoneOf(db: Db, actor: Actor, given: string | undefined): Promise<string> {
  if (given !== undefined) {
    if (!isValidTimeZone(given)) throw invalid("timezone", `"${given}" is not a known IANA time zone`);
    return given;
  }
  if (actor.userId) return (await preferencesOfUser(db, actor.userId)).timezone;
  return (await getWorkspace(db, actor.workspaceId))?.defaultTimezone ?? "UTC";
}

export async function createReviewLink(db: Db, keys: Keyring, actor: Actor, input: ReviewLinkCreateInput, now = new Date()) {
  assertCan(actor.role, "content:write");
  const expiresAt = expiryOf(input, now);
  let values: { kind: "items" | "range"; contentIds: string[] | null; startDate: string | null; endDate: string | null; timezone: string };
  const versions: Record<string, number> = {};
  if ("content_ids" in input) {
    const ids = [...new Set(input.content_ids)];
    const rows = await Promise.all(ids.map((id) => getContentRow(db, actor.workspaceId, id)));
    const missing = ids.filter((_, i) => !rows[i]);
    if (missing.length) throw invalid("content_ids", `no such content in this workspace: ${missing.join(", ")}`);
    for (const r of rows) versions[r!.id] = r!.version;
    values = { kind: "items", contentIds: ids, startDate: null, endDate: null, timezone: await zoneOf(db, actor, undefined) };
  } else {
    const timezone = await zoneOf(db, actor, input.timezone);
    const from = dayStart(input.start_date, timezone);
    const to = dayStart(input.end_date, timezone, 1);
    if (!from) throw invalid("start_date", "not a real day");
    if (!to) throw invalid("end_date", "not a real day");
    if (input.end_date < input.start_date) throw invalid("end_date", "must not be before start_date");
    const days = Math.round((Date.parse(`${input.end_date}T00:00:00Z`) - Date.parse(`${input.start_date}T00:00:00Z`)) / DAY_MS) + 1;
    if (days > REVIEW_LINK_MAX_RANGE_DAYS) throw invalid("end_date", `a link covers at most ${REVIEW_LINK_MAX_RANGE_DAYS} days`);
    for (const r of await itemsInRange(db, actor.workspaceId, from, to)) versions[r.contentItemId] = r.version;
    values = { kind: "range", contentIds: null, startDate: input.start_date, endDate: input.end_date, timezone };
  }
  const token = newToken("rvw", 32);
  return db.transaction(async (tx) => {
    const row = await insertReviewLink(tx, {
      workspaceId: actor.workspaceId,
      createdBy: actor.userId,
      tokenHash: hashToken(token),
      tokenEncrypted: encrypt(keys, token, aad(actor.workspaceId)),
      ...values,
      itemVersions: versions,
      label: input.label ?? null,
      note: input.note ?? null,
      expiresAt,
    });
    await writeAudit(tx, actor, {
      action: "review_link.create",
      entityType: "review_link",
      entityId: row.id,
      after: {
        kind: row.kind,
        content_ids: row.contentIds,
        start_date: row.startDate,
        end_date: row.endDate,
        timezone: row.timezone,
        expires_at: row.expiresAt.toISOString(),
        label: row.label,
      },
    });
    return row;
  });
}

/** The link's address, or null when its token cannot be read back (the key it was sealed with is gone). */
export function linkUrl(keys: Keyring, link: ReviewLinkRow, appUrl: string): string | null {
  if (!link.tokenEncrypted) return null;
  try {
    return `${appUrl}/review/${decrypt(keys, link.tokenEncrypted, aad(link.workspaceId))}`;
  } catch {
    return null;
  }
}

export async function listReviewLinks(db: Db, actor: Actor) {
  assertCan(actor.role, "content:read");
  const links = await listReviewLinkRows(db, actor.workspaceId);
  const decisions = await decisionsOfLinks(
    db,
    links.map((l) => l.id),
  );
  return links.map((link) => ({ link, decisions: decisions.filter((d) => d.reviewLinkId === link.id) }));
}

export async function getReviewLink(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:read");
  const link = await getReviewLinkRow(db, actor.workspaceId, id);
  if (!link) throw notFound("review_link");
  return { link, decisions: await decisionsOfLinks(db, [id]) };
}

/** Revoking twice is fine: the second time changes nothing and answers the link as it is. */
export async function revokeReviewLink(db: Db, actor: Actor, id: string) {
  assertCan(actor.role, "content:write");
  return db.transaction(async (tx) => {
    const before = await getReviewLinkRow(tx, actor.workspaceId, id);
    if (!before) throw notFound("review_link");
    const revoked = await revokeReviewLinkRow(tx, actor.workspaceId, id, actor.userId);
    if (revoked) {
      await writeAudit(tx, actor, {
        action: "review_link.revoke",
        entityType: "review_link",
        entityId: id,
        before: { status: linkStatus(before) },
        after: { status: "revoked" },
      });
    }
    return { link: revoked ?? before, decisions: await decisionsOfLinks(tx, [id]) };
  });
}

/** The links with their decisions and the titles of the posts decided on, for the dashboard list. */
export async function reviewLinksOverview(db: Db, keys: Keyring, actor: Actor, appUrl: string) {
  const rows = await listReviewLinks(db, actor);
  const ids = [...new Set(rows.flatMap((r) => r.decisions.map((d) => d.contentItemId)))];
  const items = await Promise.all(ids.map((id) => getContentRow(db, actor.workspaceId, id)));
  const titles = new Map(items.filter((i) => i !== null).map((i) => [i.id, i.title]));
  return rows.map(({ link, decisions }) => ({
    link,
    url: linkUrl(keys, link, appUrl),
    status: linkStatus(link),
    decisions: decisions.map((d) => ({ ...d, title: titles.get(d.contentItemId) ?? "Deleted post" })),
  }));
}
