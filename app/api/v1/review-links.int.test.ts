import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, sql } from "drizzle-orm";
import { makeWorkspaceWithTokens, withTestDatabase } from "@/scripts/test/fixtures";
import { call } from "@/scripts/test/http";
import { makeAccount } from "@/scripts/test/publishing";
import { approvalRequests, auditLog, contentItems, publishingEvents, reviewComments, reviewLinkDecisions, reviewLinks } from "@/db/schema";
import type { Db } from "@/db/client";
import { getConfig } from "@/lib/config";
import { PEER_ADDRESS_HEADER } from "@/lib/http/peer";
import * as links from "./review-links/route";
import * as linkOne from "./review-links/[id]/route";
import * as linkRevoke from "./review-links/[id]/revoke/route";
import * as contentList from "./content/route";
import * as contentOne from "./content/[id]/route";
import * as submit from "./content/[id]/submit/route";
import * as comments from "./content/[id]/comments/route";
import * as workspace from "./workspace/route";
import * as schedulesRoute from "./schedules/route";
import * as publicView from "../review/[token]/route";
import * as publicDecide from "../review/[token]/decisions/route";

const ref = withTestDatabase();
const db = () => ref.current.db as Db;
type WS = Awaited<ReturnType<typeof makeWorkspaceWithTokens>>;
let A: WS;
let B: WS;
const savedLimits = { ...getConfig().rateLimit };

beforeAll(async () => {
  A = await makeWorkspaceWithTokens(db());
  B = await makeWorkspaceWithTokens(db());
});
afterAll(() => Object.assign(getConfig().rateLimit, savedLimits));

let addr = 0;
/** Each public call from its own address unless told, so the per-address allowance stays out of the way. */
const peer = (a?: string) => ({ [PEER_ADDRESS_HEADER]: a ?? `10.1.0.${++addr % 250}` });
const tokenOf = (url: string) => url.split("/review/")[1]!;
const view = (token: string, address?: string) => call(publicView.GET as never, { params: { token }, headers: peer(address) });
const decide = (token: string, body: Record<string, unknown>, address?: string) =>
  call(publicDecide.POST as never, { method: "POST", params: { token }, body, headers: peer(address) });
const create = (token: string, body: unknown) => call(links.POST, { method: "POST", token, body });

async function newContent(ws: WS, title = "Launch post", content = "Hello there") {
  const r = await call(contentList.POST, { method: "POST", token: ws.tokens.editor, body: { title, content } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json!.id as string;
}
const versionOf = async (ws: WS, id: string) => (await call(contentOne.GET, { token: ws.tokens.viewer, params: { id } })).json!.version as number;
const setExternal = async (ws: WS, allow: boolean) =>
  expect((await call(workspace.PATCH, { method: "PATCH", token: ws.tokens.admin, body: { allow_external_approvers: allow } })).status).toBe(200);
const linkCount = async (ws: WS) =>
  (await db().select({ n: sql<number>`count(*)::int` }).from(reviewLinks).where(eq(reviewLinks.workspaceId, ws.workspace.id)))[0]!.n;

describe("review links: making, listing, revoking", () => {
  it("editors make a link for chosen posts; only the token's hash finds it; viewers cannot make one", async () => {
    const id = await newContent(A);
    const r = await create(A.tokens.editor, { content_ids: [id], label: "Client round 1", note: "Please look at these" });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ kind: "items", content_ids: [id], status: "active", label: "Client round 1", decisions: [] });
    expect(r.json!.url).toMatch(/\/review\/rvw_[A-Za-z0-9_-]{20,}$/);
    const expires = Date.parse(r.json!.expires_at);
    expect(Math.round((expires - Date.now()) / 86_400_000)).toBe(14);
    const token = tokenOf(r.json!.url);
    const [row] = await db().select().from(reviewLinks).where(eq(reviewLinks.id, r.json!.id));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
    // The list and the one-link answer carry the same URL, read back from the sealed token.
    const listed = await call(links.GET, { token: A.tokens.viewer });
    expect(listed.json!.items.find((l: { id: string }) => l.id === r.json!.id).url).toBe(r.json!.url);
    expect((await call(linkOne.GET, { token: A.tokens.viewer, params: { id: r.json!.id } })).json!.url).toBe(r.json!.url);
    // Another workspace does not see it.
    expect((await call(linkOne.GET, { token: B.tokens.admin, params: { id: r.json!.id } })).status).toBe(404);
    expect((await call(links.GET, { token: B.tokens.admin })).json!.items).toHaveLength(0);

    const before = await linkCount(A);
    const refused = await create(A.tokens.viewer, { content_ids: [id] });
    expect(refused.status).toBe(403);
    expect(await linkCount(A)).toBe(before);
  });

  it("refuses bad input with a 400 naming the field, and makes nothing", async () => {
    const id = await newContent(A);
    const before = await linkCount(A);
    const bad: [unknown, string][] = [
      [{}, ""],
      [{ content_ids: [] }, "content_ids"],
      [{ content_ids: ["not-a-uuid"] }, "content_ids"],
      [{ content_ids: [crypto.randomUUID()] }, "content_ids"],
      [{ content_ids: [await newContent(B)] }, "content_ids"],
      [{ content_ids: [id], expires_at: new Date(Date.now() - 60_000).toISOString() }, "expires_at"],
      [{ content_ids: [id], expires_at: new Date(Date.now() + 91 * 86_400_000).toISOString() }, "expires_at"],
      [{ content_ids: [id], expires_at: "tomorrow" }, ""],
      [{ content_ids: [id], start_date: "2030-01-01", end_date: "2030-01-02" }, ""],
      [{ start_date: "2030-01-05", end_date: "2030-01-01" }, "end_date"],
      [{ start_date: "2030-01-01", end_date: "2030-06-01" }, "end_date"],
      [{ start_date: "2030-02-30", end_date: "2030-03-01" }, "start_date"],
      [{ start_date: "2030-01-01", end_date: "2030-01-07", timezone: "Mars/Olympus" }, "timezone"],
      [{ content_ids: [id], label: "" }, "label"],
    ];
    for (const [body, field] of bad) {
      const r = await create(A.tokens.editor, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.json!.error.code).toBe("bad_request:validation");
      if (field) expect(r.json!.error.message, JSON.stringify(body)).toContain(field);
    }
    expect(await linkCount(A)).toBe(before);
  });

  it("revoking (DELETE or POST …/revoke) makes the page answer 410; viewers cannot revoke; an expired link answers 410 too", async () => {
    const id = await newContent(A);
    const made = (await create(A.tokens.editor, { content_ids: [id] })).json!;
    const token = tokenOf(made.url);
    expect((await view(token)).status).toBe(200);
    expect((await call(linkRevoke.POST, { method: "POST", token: A.tokens.viewer, params: { id: made.id } })).status).toBe(403);
    expect((await view(token)).status).toBe(200);
    const revoked = await call(linkRevoke.POST, { method: "POST", token: A.tokens.editor, params: { id: made.id } });
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ status: "revoked" });
    const gone = await view(token);
    expect(gone.status).toBe(410);
    expect(gone.json!.error.code).toBe("gone:review_link_revoked");
    expect((await decide(token, { content_id: id, decision: "approve", name: "Cleo", version: 1 })).status).toBe(410);
    // Revoking again changes nothing; DELETE works the same way.
    expect((await call(linkOne.DELETE, { method: "DELETE", token: A.tokens.editor, params: { id: made.id } })).status).toBe(204);
    const audits = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, made.id), eq(auditLog.action, "review_link.revoke")));
    expect(audits).toHaveLength(1);

    const other = (await create(A.tokens.editor, { content_ids: [id], expires_at: new Date(Date.now() + 3_600_000).toISOString() })).json!;
    await db()
      .update(reviewLinks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(reviewLinks.id, other.id));
    const expired = await view(tokenOf(other.url));
    expect(expired.status).toBe(410);
    expect(expired.json!.error.code).toBe("gone:review_link_expired");
    expect((await call(linkOne.GET, { token: A.tokens.viewer, params: { id: other.id } })).json!.status).toBe("expired");
    // Unknown and malformed tokens: 404.
    expect((await view("rvw_" + "x".repeat(43))).status).toBe(404);
    expect((await view("nonsense")).status).toBe(404);
  });

  it("a calendar range shows the posts scheduled in those local days (the creator's zone), read when the link is opened", async () => {
    const accountId = await makeAccount(db(), A.workspace.id, "sandbox");
    const zone = "America/New_York";
    const schedule = async (id: string, at: string) => {
      const r = await call(schedulesRoute.POST, {
        method: "POST",
        token: A.tokens.editor,
        body: { content_item_id: id, platform_account_id: accountId, scheduled_time: at, timezone: zone },
      });
      expect(r.status, JSON.stringify(r.json)).toBe(201);
    };
    const inside = await newContent(A, "Inside the week");
    const late = await newContent(A, "Late on the last day");
    const outside = await newContent(A, "The day after");
    await schedule(inside, "2031-03-03T10:00:00-05:00");
    await schedule(late, "2031-03-09T23:30:00-04:00"); // after the DST switch, still 9 March in New York
    await schedule(outside, "2031-03-10T00:30:00-04:00");
    const r = await create(A.tokens.editor, { start_date: "2031-03-03", end_date: "2031-03-09", timezone: zone });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ kind: "range", start_date: "2031-03-03", end_date: "2031-03-09", timezone: zone, content_ids: null });
    const token = tokenOf(r.json!.url);
    let v = await view(token);
    expect(v.status).toBe(200);
    expect(v.json!.items.map((i: { title: string }) => i.title)).toEqual(["Inside the week", "Late on the last day"]);
    expect(v.json!.items[0].schedules[0]).toMatchObject({ scheduled_time: "2031-03-03T15:00:00.000Z", platform: "sandbox" });
    // A post scheduled into the range later shows up; the link reads the range each time.
    const added = await newContent(A, "Added later");
    await schedule(added, "2031-03-05T09:00:00-05:00");
    v = await view(token);
    expect(v.json!.items.map((i: { title: string }) => i.title)).toContain("Added later");
    // A post outside the range cannot be decided through the link.
    const off = await decide(token, { content_id: outside, decision: "approve", name: "Cleo", version: 1 });
    expect(off.status).toBe(404);
  });
});

describe("review links: decisions", () => {
  it("without external approvers a decision is a comment under the reviewer's name; the approval stays pending", async () => {
    await setExternal(A, false);
    const id = await newContent(A, "Needs a look");
    expect((await call(submit.POST as never, { method: "POST", token: A.tokens.editor, params: { id }, body: {} })).status).toBe(200);
    const token = tokenOf((await create(A.tokens.editor, { content_ids: [id] })).json!.url);
    const v = await view(token);
    expect(v.json!.items[0]).toMatchObject({ id, approval_state: "in_review", can_decide: true, decision: null });
    const r = await decide(token, { content_id: id, decision: "approve", name: "Cleo Client", comment: "Looks good", version: v.json!.items[0].version });
    expect(r.status, JSON.stringify(r.json)).toBe(201);
    expect(r.json).toMatchObject({ outcome: "comment", reviewer_name: "Cleo Client", decision: "approve", comment: "Looks good" });
    const [req] = await db().select().from(approvalRequests).where(eq(approvalRequests.contentItemId, id));
    expect(req!.status).toBe("pending");
    const thread = await call(comments.GET, { token: A.tokens.viewer, params: { id } });
    expect(thread.json!.items.at(-1)).toMatchObject({ author_id: null, author_name: "Cleo Client (guest reviewer)", approval_request_id: req!.id });
    expect(thread.json!.items.at(-1).body).toMatch(/^Approved .*: Looks good$/);
    const [audit] = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, id), eq(auditLog.action, "review_link.decide")));
    expect(audit).toMatchObject({ actorUserId: null, after: expect.objectContaining({ external_actor: "Cleo Client", outcome: "comment" }) });
    const events = await db()
      .select()
      .from(publishingEvents)
      .where(and(eq(publishingEvents.type, "review_decided"), sql`${publishingEvents.data}->>'content_item_id' = ${id}`));
    expect(events).toHaveLength(1);
    // No second decision on the same post through the same link.
    const again = await decide(token, { content_id: id, decision: "request_changes", name: "Cleo Client", comment: "Actually…", version: 1 });
    expect(again.status).toBe(409);
    expect(again.json!.error.code).toBe("conflict:already_decided");
    expect((await view(token)).json!.items[0]).toMatchObject({ can_decide: false, decision: { outcome: "comment" } });
    expect(await db().select().from(reviewLinkDecisions).where(eq(reviewLinkDecisions.contentItemId, id))).toHaveLength(1);
  });

  it("with external approvers allowed, approve approves the pending request and request changes sends it back", async () => {
    await setExternal(A, true);
    try {
      const one = await newContent(A, "Approve me");
      const two = await newContent(A, "Change me");
      for (const id of [one, two])
        expect((await call(submit.POST as never, { method: "POST", token: A.tokens.editor, params: { id }, body: {} })).status).toBe(200);
      const made = (await create(A.tokens.editor, { content_ids: [one, two] })).json!;
      const token = tokenOf(made.url);
      const ok = await decide(token, { content_id: one, decision: "approve", name: "Cleo", comment: "Ship it", version: 1 });
      expect(ok.json).toMatchObject({ outcome: "approved" });
      const [req] = await db().select().from(approvalRequests).where(eq(approvalRequests.contentItemId, one));
      expect(req).toMatchObject({ status: "approved", decidedBy: null });
      expect(req!.decisionComment).toContain("Cleo (guest reviewer)");
      expect((await db().select({ s: contentItems.status }).from(contentItems).where(eq(contentItems.id, one)))[0]!.s).toBe("approved");
      // Request changes needs a comment, and is refused without one (nothing recorded).
      const bare = await decide(token, { content_id: two, decision: "request_changes", name: "Cleo", version: 1 });
      expect(bare.status).toBe(400);
      const back = await decide(token, { content_id: two, decision: "request_changes", name: "Cleo", comment: "Shorter, please", version: 1 });
      expect(back.json).toMatchObject({ outcome: "changes_requested" });
      expect((await db().select({ s: contentItems.status }).from(contentItems).where(eq(contentItems.id, two)))[0]!.s).toBe("changes_requested");
      // The member's view of the link lists both decisions.
      const seen = await call(linkOne.GET, { token: A.tokens.viewer, params: { id: made.id } });
      expect(seen.json!.decisions.map((d: { outcome: string }) => d.outcome).sort()).toEqual(["approved", "changes_requested"]);
      // An approved post cannot be decided again, not even through another link.
      const other = tokenOf((await create(A.tokens.editor, { content_ids: [one] })).json!.url);
      expect((await view(other)).json!.items[0]).toMatchObject({ approval_state: "approved", can_decide: false });
      const twice = await decide(other, { content_id: one, decision: "approve", name: "Dan", version: 1 });
      expect(twice.status).toBe(409);
      expect(twice.json!.error.code).toBe("conflict:approval_state");
    } finally {
      await setExternal(A, false);
    }
  });

  it("a post edited since the reviewer read it is refused (409), never approved unseen; the page marks it changed", async () => {
    await setExternal(A, true);
    try {
      const id = await newContent(A, "Will change");
      expect((await call(submit.POST as never, { method: "POST", token: A.tokens.editor, params: { id }, body: {} })).status).toBe(200);
      const token = tokenOf((await create(A.tokens.editor, { content_ids: [id] })).json!.url);
      const read = (await view(token)).json!.items[0];
      expect(read).toMatchObject({ version: 1, changed_since_shared: false });
      const edit = await call(contentOne.PATCH, { method: "PATCH", token: A.tokens.editor, params: { id }, body: { content: "New words" } });
      expect(edit.status, JSON.stringify(edit.json)).toBe(200);
      const now = await versionOf(A, id);
      expect(now).toBeGreaterThan(1);
      const stale = await decide(token, { content_id: id, decision: "approve", name: "Cleo", version: read.version });
      expect(stale.status).toBe(409);
      expect(stale.json!.error.code).toBe("conflict:version");
      const [req] = await db().select().from(approvalRequests).where(eq(approvalRequests.contentItemId, id));
      expect(req!.status).toBe("pending");
      expect(await db().select().from(reviewLinkDecisions).where(eq(reviewLinkDecisions.contentItemId, id))).toHaveLength(0);
      expect(await db().select().from(reviewComments).where(eq(reviewComments.contentItemId, id))).toHaveLength(0);
      const fresh = (await view(token)).json!.items[0];
      expect(fresh).toMatchObject({ version: now, changed_since_shared: true, content: "New words" });
      expect((await decide(token, { content_id: id, decision: "approve", name: "Cleo", version: now })).json).toMatchObject({ outcome: "approved" });
    } finally {
      await setExternal(A, false);
    }
  });

  it("refuses bad decisions with a 400 and records nothing", async () => {
    const id = await newContent(A);
    const token = tokenOf((await create(A.tokens.editor, { content_ids: [id] })).json!.url);
    for (const body of [
      { content_id: id, decision: "approve", version: 1 },
      { content_id: id, decision: "approve", name: "  ", version: 1 },
      { content_id: id, decision: "reject", name: "Cleo", version: 1 },
      { content_id: id, decision: "approve", name: "Cleo" },
      { content_id: "x", decision: "approve", name: "Cleo", version: 1 },
      { content_id: id, decision: "approve", name: "Cleo", version: 1, extra: true },
    ]) {
      const r = await decide(token, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    expect(await db().select().from(reviewLinkDecisions).where(eq(reviewLinkDecisions.contentItemId, id))).toHaveLength(0);
  });
});

describe("review links: rate limits", () => {
  it("count per link and per client address on the public endpoints", async () => {
    const s = new Date().getUTCSeconds();
    if (s >= 50) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
    const id = await newContent(A);
    const token = tokenOf((await create(A.tokens.editor, { content_ids: [id] })).json!.url);
    const other = tokenOf((await create(A.tokens.editor, { content_ids: [id] })).json!.url);
    getConfig().rateLimit.reviewPerMinute = 3;
    getConfig().rateLimit.reviewAddrPerMinute = 1000;
    for (let i = 0; i < 3; i++) expect((await view(token)).status).toBe(200);
    const over = await view(token);
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    // Decisions count against the link too, and a refused one records nothing.
    expect((await decide(token, { content_id: id, decision: "approve", name: "Cleo", version: 1 })).status).toBe(429);
    expect(await db().select().from(reviewLinkDecisions).where(eq(reviewLinkDecisions.contentItemId, id))).toHaveLength(0);
    // Another link has its own allowance.
    expect((await view(other)).status).toBe(200);
    // One address across links (and unknown tokens) has its own.
    getConfig().rateLimit.reviewPerMinute = 1000;
    getConfig().rateLimit.reviewAddrPerMinute = 2;
    expect((await view(other, "192.0.2.7")).status).toBe(200);
    expect((await view("rvw_" + "y".repeat(43), "192.0.2.7")).status).toBe(404);
    expect((await view(other, "192.0.2.7")).status).toBe(429);
    expect((await view(other, "192.0.2.8")).status).toBe(200);
    Object.assign(getConfig().rateLimit, savedLimits);
  });
});
