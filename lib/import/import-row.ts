/** One row of a CSV import: its cells checked, its accounts and any post it repeats found, then its post and schedules made in a savepoint. */
import type { Db } from "@/db/client";
import type { listAccounts } from "@/db/queries/accounts";
import { unneutralise } from "../csv";
import { AppError } from "../errors";
import type { Actor } from "../auth/actor";
import { createContent } from "../content";
import { createSchedules } from "../scheduling/create";
import { isOpenSchedule, parseImportRow, POST_FIELDS, type ParsedRow, type RowError } from "./rows";
import { putContentVariant } from "../content/variants";
import { transitionSchedule } from "../scheduling/schedules";
import { PAST_GRACE_MS } from "../scheduling/resolve";
import { parseScheduleTime } from "../time/parse";
import { isPlatformId } from "@/adapters/registry";
import { describeUnsafe, findUnsafeText } from "../validation/unsafe-text";
import { brokenLabel, isBroken } from "../scheduling/targets";
import { findWorkspacePost, postsTitled } from "@/db/queries/import";

export interface RowResult {
  line: number;
  /** skipped: left out on purpose (an archived post), with the reason in `notes`. */
  status: "ok" | "error" | "skipped";
  title?: string;
  content_item_id?: string;
  /** The line of the row that created this row's post (rows with the same `content_item_id`). */
  same_post_as?: number;
  schedules?: { platform_account_id: string; platform_id: string; scheduled_time: string; local_time: string; timezone: string }[];
  errors?: RowError[];
  /** The post of this workspace the row already is (skipped), or resembles (a note says which). */
  existing?: { id: string; title: string };
  /** What the import did differently from the file, and why (a past time, a published post, an account it mapped). */
  notes?: string[];
}

type Account = Awaited<ReturnType<typeof listAccounts>>[number];

export interface RowContext {
  actor: Actor;
  accounts: Account[];
  /** Posts of the file by `content_item_id`: the first row's line, cells and outcome. */
  posts: Map<string, { line: number; cells: string; status: RowResult["status"]; contentId?: string; dupOf?: Standing }>;
  /** `content_item_id`s of the file looked up in this workspace: the post, or null. */
  known: Map<string, { id: string; title: string; status: string } | null>;
  /** Posts this run created, by id: the line that created each. */
  made: Map<string, number>;
  duplicates: "skip" | "import";
  now: Date;
  defaultZone: string;
}

const eq = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

type Standing = Awaited<ReturnType<typeof postsTitled>>[number];

/** "“Team” needs reconnecting (token expired)": an account that cannot take new posts, and why. */
const brokenSay = (a: Account) => `“${a.name}” ${brokenLabel(a.status)}${a.statusReason ? ` (${a.statusReason})` : ""}`;

/**
 * An `accounts` entry: an account id or name, or `platform:name` as the export writes it. In another
 * workspace `platform:name` finds the account of that name on that platform, else the only usable
 * account on that platform (one that needs reconnecting or is in error is passed over, with a
 * note); with several and none of that name, the row says which to name. An account named
 * outright that is broken is refused with its state: it would only fail when due.
 */
function resolveAccount(ref: string, accounts: Account[]): { account: Account; note?: string } | { error: string } {
  const exact = accounts.filter((a) => a.id === ref || eq(a.name, ref));
  const usable = (a: Account) =>
    isBroken(a.status) ? { error: `${brokenSay(a)}: reconnect it under Settings → Accounts, or name another account` } : { account: a };
  if (exact.length === 1) return usable(exact[0]!);
  if (exact.length > 1) return { error: `several accounts are named "${ref}"; write it as platform:name (e.g. ${exact[0]!.platform}:${exact[0]!.name})` };
  const m = /^([a-z_]+):(.*)$/i.exec(ref);
  const platform = m?.[1]?.toLowerCase();
  if (!m || !platform || !isPlatformId(platform)) return { error: `no account named "${ref}"` };
  const name = m[2]!.trim();
  const onPlatform = accounts.filter((a) => a.platform === platform);
  const named = onPlatform.filter((a) => eq(a.name, name));
  if (named.length >= 1) return usable(named.find((a) => !isBroken(a.status)) ?? named[0]!);
  if (!onPlatform.length) return { error: `no ${platform} account in this workspace (for "${ref}")` };
  const healthy = onPlatform.filter((a) => !isBroken(a.status));
  const broken = onPlatform.filter((a) => isBroken(a.status));
  const passed = broken.length ? `; ${broken.map(brokenSay).join(", ")}: passed over` : "";
  if (healthy.length === 1)
    return {
      account: healthy[0]!,
      note: `${ref} → "${healthy[0]!.name}", the only ${onPlatform.length > 1 ? "usable " : ""}${platform} account here${passed}`,
    };
  if (!healthy.length)
    return { error: `no usable ${platform} account here for "${ref}": ${broken.map(brokenSay).join(", ")}; reconnect it under Settings → Accounts` };
  return { error: `${healthy.length} ${platform} accounts and none named "${name}": name one (${healthy.map((a) => `${platform}:${a.name}`).join(" or ")})` };
}

/** Text as a person compares it: line endings and surrounding blanks do not make another post. */
const sameText = (a: string, b: string) => a.replace(/\r\n?/g, "\n").trim() === b.replace(/\r\n?/g, "\n").trim();

/**
 * Whether this workspace already holds the row: a post with the same title and body and, for a
 * row with a time to schedule, that time on every account the row names. `partly`: the time is
 * there on some of them only. `alike`: a post with the same title and body at other times.
 */
async function findRepeat(db: Db, ctx: RowContext, row: ParsedRow, instant: Date | null, targets: Account[], own?: string) {
  const same = (await postsTitled(db, ctx.actor.workspaceId, row.content.title)).filter((p) => p.id !== own && sameText(p.content, row.content.content));
  if (!same.length) return null;
  if (!instant) return own ? null : { kind: "whole" as const, post: same[0]!, missing: [] as Account[] };
  let partly: { post: Standing; missing: Account[] } | null = null;
  for (const post of same) {
    const there = (a: Account) => post.schedules.some((s) => s.platformAccountId === a.id && s.scheduledTime.getTime() === instant.getTime());
    const missing = targets.filter((a) => !there(a));
    if (!missing.length) return { kind: "whole" as const, post, missing };
    if (missing.length < targets.length && !partly) partly = { post, missing };
  }
  if (partly) return { kind: "partly" as const, ...partly };
  return own ? null : { kind: "alike" as const, post: same[0]!, missing: [] as Account[] };
}

const names = (list: Account[]) => list.map((a) => `“${a.name}”`).join(", ");

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One row: every problem of it at once (each cell, accounts, time and zone), then, only when there
 * are none, the real thing in a savepoint, whose refusals (platform rules, conflicts) are added.
 */
export async function importRow(db: Db, ctx: RowContext, line: number, raw: Record<string, string>): Promise<RowResult> {
  const { actor, accounts } = ctx;
  // The export guards cells that would run as formulas in a spreadsheet with a leading '; undo it.
  const values = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, unneutralise(v)]));
  const errors: RowError[] = [];
  const notes: string[] = [];
  // A cell the database cannot store (NUL, unpaired surrogate, control character) is that cell's error.
  const unsafe = new Set<string>();
  for (const [column, cell] of Object.entries(values)) {
    const found = findUnsafeText(cell);
    if (found) {
      unsafe.add(column);
      errors.push({ field: column, message: describeUnsafe(found.reason) });
    }
  }
  const title = unsafe.has("title") ? undefined : values.title?.trim() || undefined;
  const parsed = parseImportRow(values);
  if (!parsed.ok) errors.push(...parsed.errors.filter((e) => !e.field || !unsafe.has(e.field)));
  const row = parsed.ok ? parsed.row : null;

  // Rows with the same content_item_id are one post: the first creates it, the others add times.
  const key = values.content_item_id?.trim() || null;
  const first = key ? ctx.posts.get(key) : undefined;
  const cells = JSON.stringify(POST_FIELDS.map((f) => (f === "title" ? (values[f] ?? "").trim() : (values[f] ?? ""))));
  // A post of this workspace (the file is its export, or was imported here before): never again.
  if (key && UUID.test(key)) {
    let here = ctx.known.get(key);
    if (here === undefined) ctx.known.set(key, (here = await findWorkspacePost(db, actor.workspaceId, key)));
    if (here) {
      if (!first) ctx.posts.set(key, { line, cells, status: "skipped" });
      const state = here.status === "archived" ? " (archived)" : "";
      return {
        line,
        status: "skipped",
        title: title ?? here.title,
        existing: { id: here.id, title: here.title },
        ...(first ? { same_post_as: first.line } : {}),
        notes: [`already in this workspace${state} — skipped: the import never creates a post again or changes it`],
      };
    }
  }
  if (key && !first) ctx.posts.set(key, { line, cells, status: "error" });
  const status = values.status?.trim().toLowerCase();
  if (status === "archived") {
    if (key && !first) ctx.posts.get(key)!.status = "skipped";
    return { line, status: "skipped", title, notes: ["archived in the file: not imported"] };
  }
  if (first) {
    if (first.status === "skipped" && !first.dupOf)
      return { line, status: "skipped", title, same_post_as: first.line, notes: [`its post (line ${first.line}) is not imported`] };
    if (first.status === "error" && !errors.length) errors.push({ field: "content_item_id", message: `its post (line ${first.line}) has errors` });
    if (first.cells !== cells) {
      const before = JSON.parse(first.cells) as string[];
      const now = JSON.parse(cells) as string[];
      const differ = POST_FIELDS.filter((_, i) => before[i] !== now[i]);
      errors.push({
        field: "content_item_id",
        message: `the same post as line ${first.line}, but ${differ.join(", ")} differ${differ.length === 1 ? "s" : ""}; make them the same or give the row its own content_item_id`,
      });
    }
  }

  // When: a wall time in its zone. A time an export marks as done or past is not scheduled again.
  let local: string | null = null;
  let instant: Date | null = null;
  let zone = ctx.defaultZone;
  if (row?.local) {
    zone = row.timezone ?? ctx.defaultZone;
    const when = parseScheduleTime(row.local, zone);
    const fromExport = row.scheduleStatus !== null;
    if (!when.ok) errors.push({ field: when.code === "invalid_timezone" ? "timezone" : "date", message: when.message });
    else if (!isOpenSchedule(row.scheduleStatus))
      notes.push(`${row.scheduleStatus!.replace("_", " ")} in the file (${when.local} ${zone}): not scheduled again`);
    else if (when.instant.getTime() < ctx.now.getTime() - PAST_GRACE_MS) {
      if (fromExport) notes.push(`${when.local} ${zone} has passed: not scheduled`);
      else errors.push({ field: "date", message: `${when.local} ${zone} is in the past` });
    } else {
      local = when.local;
      instant = when.instant;
    }
  }
  // Where to publish: every problem with the accounts, all at once.
  // A row of an export whose time is not scheduled again needs no account here.
  const targets = new Map<string, Account>();
  if (row && (local || (row.local && row.scheduleStatus === null))) {
    // A platform means its accounts that can take posts: one that needs reconnecting or is in
    // error is left out with a note (it would fail the whole row), and is the row's error if no
    // other account of the platform is left.
    for (const p of [...new Set(row.platforms)]) {
      const on = accounts.filter((a) => a.platform === p);
      const healthy = on.filter((a) => !isBroken(a.status));
      if (!on.length) errors.push({ field: "platforms", message: `no ${p} account in this workspace` });
      else if (!healthy.length)
        errors.push({ field: "platforms", message: `no usable ${p} account here: ${on.map(brokenSay).join(", ")}; reconnect it under Settings → Accounts` });
      else {
        for (const a of healthy) targets.set(a.id, a);
        for (const a of on.filter((b) => isBroken(b.status))) notes.push(`${p}: ${brokenSay(a)} — left out; scheduled on ${names(healthy)}`);
      }
    }
    for (const ref of row.accountRefs) {
      const r = resolveAccount(ref, accounts);
      if ("error" in r) errors.push({ field: "accounts", message: r.error });
      else {
        targets.set(r.account.id, r.account);
        if (r.note) notes.push(r.note);
      }
    }
  }

  if (errors.length) return { line, status: "error", title, ...(first ? { same_post_as: first.line } : {}), errors, ...(notes.length ? { notes } : {}) };
  if (!row) return { line, status: "error", title, errors: [{ field: null, message: "the row could not be read" }] };
  // A row this workspace already holds is not made again (unless the person asked for it).
  const chosen = [...targets.values()];
  const at = local ? ` at ${local.replace("T", " ")} ${zone}` : "";
  if (first?.dupOf) {
    const dup = first.dupOf;
    const missing = instant
      ? chosen.filter((a) => !dup.schedules.some((s) => s.platformAccountId === a.id && s.scheduledTime.getTime() === instant.getTime()))
      : [];
    const also = missing.length ? `; its time${at} on ${names(missing)} is not on that post: add it there if it should be` : "";
    return {
      line,
      status: "skipped",
      title: row.content.title,
      ...(ctx.made.has(dup.id) ? {} : { existing: { id: dup.id, title: dup.title } }),
      same_post_as: first.line,
      notes: [...new Set(notes), `the same post as line ${first.line}, which is already here — skipped${also}`],
    };
  }
  const repeat = !first || first.contentId ? await findRepeat(db, ctx, row, local ? instant : null, chosen, first?.contentId) : null;
  let existing: RowResult["existing"];
  if (repeat) {
    const madeAt = ctx.made.get(repeat.post.id);
    if (madeAt === undefined) existing = { id: repeat.post.id, title: repeat.post.title };
    const where = madeAt !== undefined ? `the same post as line ${madeAt} of this file` : `already in this workspace as “${repeat.post.title}”`;
    const covered = chosen.filter((a) => !repeat.missing.includes(a));
    if (repeat.kind === "alike")
      notes.push(
        `a post with the same title and body is ${madeAt !== undefined ? `on line ${madeAt} of this file` : `already here (“${repeat.post.title}”)`}, at other times: this row makes another post${at}`,
      );
    else {
      const what = !local
        ? `${where} (same title and body)`
        : `${where}${at} on ${names(covered)}${repeat.kind === "partly" ? `, not on ${names(repeat.missing)}` : ""}`;
      if (ctx.duplicates === "skip") {
        if (key && !first) Object.assign(ctx.posts.get(key)!, { status: "skipped", dupOf: repeat.post });
        const advice = repeat.kind === "partly" ? `; add ${names(repeat.missing)} to that post if it should go there too` : "";
        return {
          line,
          status: "skipped",
          title: row.content.title,
          ...(existing ? { existing } : {}),
          ...(first ? { same_post_as: first.line } : {}),
          notes: [...new Set(notes), `${what} — skipped${advice}`],
        };
      }
      notes.push(`${what} — imported again, as asked`);
    }
  }
  if (!first && row.status === "published") notes.unshift("published in the file: imported as a new, unpublished post");

  try {
    const result = await db.transaction(async (sp): Promise<RowResult> => {
      const contentId = first?.contentId ?? (await createContent(sp, actor, row.content)).id;
      if (!first) for (const [platform, variant] of row.variants) await putContentVariant(sp, actor, contentId, platform, variant);
      const base = {
        line,
        status: "ok" as const,
        title: row.content.title,
        content_item_id: contentId,
        ...(first ? { same_post_as: first.line } : {}),
        ...(existing ? { existing } : {}),
        ...(notes.length ? { notes: [...new Set(notes)] } : {}),
      };
      if (!local || !targets.size) return { ...base, schedules: [] };
      const made = await createSchedules(
        sp,
        actor,
        {
          content_item_id: contentId,
          platform_account_ids: [...targets.keys()],
          scheduled_time: local,
          timezone: zone,
          retry_strategy: "exponential",
          max_retries: 3,
          priority: "normal",
          missed_policy: "publish_late",
        },
        ctx.now,
      );
      // Paused in the file: paused here too, so nothing goes out that someone held back.
      if (row.scheduleStatus === "paused") for (const s of made.schedules) await transitionSchedule(sp, actor, s.id, "pause");
      return {
        ...base,
        schedules: made.schedules.map((s) => ({
          platform_account_id: s.platformAccountId,
          platform_id: s.platformId,
          scheduled_time: s.scheduledTime.toISOString(),
          local_time: s.localTime,
          timezone: s.timezone,
        })),
      };
    });
    if (key && !first) Object.assign(ctx.posts.get(key)!, { status: "ok", contentId: result.content_item_id });
    if (!first && result.content_item_id) ctx.made.set(result.content_item_id, line);
    return result;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    const details = Array.isArray(err.details) ? (err.details as { field?: string | null; message: string; platform?: string }[]) : [];
    return {
      line,
      status: "error",
      title: row.content.title,
      errors: details.length
        ? details.map((d) => ({
            field: d.field === "scheduled_time" ? "date" : (d.field ?? null),
            message: d.platform && !d.message.includes(d.platform) ? `${d.platform}: ${d.message}` : d.message,
          }))
        : [{ field: null, message: err.message }],
    };
  }
}
