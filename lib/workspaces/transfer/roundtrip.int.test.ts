import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { makeWorkspace, withTestDatabase } from "@/scripts/test/fixtures";
import { SEED_CREDENTIALS, SEED_WEBHOOK_SECRET, seedEveryKind } from "@/scripts/test/workspace-seed";
import { TRANSFER_TABLES, transferRows } from "@/db/queries/workspace-transfer";
import { bestTimeRefits, platformAccounts, webhooks, workspaces } from "@/db/schema";
import { openJson } from "@/lib/crypto";
import { appKeyring } from "@/lib/crypto/keyring";
import { exportWorkspaceArchive, receiveWorkspaceArchive } from "./index";
import { columnsByName, rewriteIds, toArchiveRow } from "./rows";
import { packArchive } from "./pack";
import type { Manifest } from "./format";

const ref = withTestDatabase();
// A data folder of this file's own, handed to export and import as their dependency.
const deps = { keyring: appKeyring(), dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "ws-transfer-")), openSignup: true };
afterAll(() => fs.rmSync(deps.dataDir, { recursive: true, force: true }));
type Row = Record<string, unknown>;
let A: Awaited<ReturnType<typeof makeWorkspace>>;
let seeded: Awaited<ReturnType<typeof seedEveryKind>>;

async function archiveOf(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  return Buffer.from(await new Response(stream).arrayBuffer());
}

async function* bytes(buf: Buffer) {
  yield new Uint8Array(buf);
}

/** Every row of a kind in archive form, sorted, with the given ids mapped back. */
async function rowsOfKind(kind: string, workspaceId: string, back?: Map<string, string>): Promise<Row[]> {
  const t = TRANSFER_TABLES.find((x) => x.kind === kind)!;
  const out: Row[] = [];
  for await (const r of transferRows(ref.current.db, t, workspaceId)) {
    const row = toArchiveRow(t.table, r);
    out.push((back ? rewriteIds(row, back) : row) as Row);
  }
  return out;
}

beforeAll(async () => {
  A = await makeWorkspace(ref.current.db, ["admin", "editor", "viewer"]);
  seeded = await seedEveryKind(ref.current.db, A.workspace.id, { admin: A.actors.admin.userId, editor: A.actors.editor.userId }, deps.dataDir);
  await ref.current.db
    .update(workspaces)
    .set({
      approvalPolicy: "required_for_editors",
      fourEyes: true,
      approverIds: [A.actors.admin.userId, A.actors.editor.userId],
      settings: { gates: { pinned: seeded.items[0] } },
      defaultTimezone: "Europe/Paris",
    })
    .where(eq(workspaces.id, A.workspace.id));
});

describe("workspace export → import", () => {
  it("recreates every kind in a new workspace: new ids, references rewritten, secrets resealed for this server", async () => {
    const passphrase = "correct horse battery staple";
    const { stream, manifest } = await exportWorkspaceArchive(
      ref.current.db,
      A.actors.admin,
      { includeSecrets: true, includeCredentials: true, passphrase },
      deps,
    );
    const archive = await archiveOf(stream);
    for (const t of TRANSFER_TABLES) expect(manifest.counts[t.kind], t.kind).toBeGreaterThan(0);

    let ids = new Map<string, string>();
    const received = await receiveWorkspaceArchive(ref.current.db, A.actors.admin, bytes(archive), passphrase, deps);
    const progress: number[] = [];
    const result = await received.run({ onIds: (m) => (ids = new Map(m)), onProgress: (p) => progress.push(p.rows) });
    const B = result.workspace.id;
    expect(B).not.toBe(A.workspace.id);
    expect(progress.at(-1)).toBe(Object.values(result.counts).reduce((a, b) => a + b, 0));
    expect(result.people.map((p) => p.email).sort()).toEqual([A.actors.admin.email, A.actors.editor.email, A.actors.viewer.email].sort());
    expect(result.accounts_to_reconnect).toBe(0);
    expect(result.webhooks_disabled).toBe(0);
    expect(result.paused_schedules).toBe(2);

    const back = new Map([...ids].map(([o, n]) => [n, o]));
    // The importer is the exporting admin: their work stays theirs. The editor is not a member here: unattributed.
    const editor = A.actors.editor.userId;
    const dropUsers = (kind: string, row: Row): Row => {
      const cols = columnsByName(TRANSFER_TABLES.find((t) => t.kind === kind)!.table);
      const out: Row = { ...row };
      for (const [name, { column }] of cols) {
        if (column.columnType === "PgUUID" && out[name] === editor) out[name] = null;
        if (column.getSQLType() === "uuid[]" && Array.isArray(out[name])) out[name] = (out[name] as string[]).filter((v) => v !== editor);
      }
      return out;
    };
    // No id of the old workspace is left anywhere, but in the idempotency keys the platforms saw.
    const oldIds = [...ids.keys()].filter((o) => o !== A.actors.admin.userId);
    for (const t of TRANSFER_TABLES) {
      // The import's own audit row names the workspace it came from, on purpose.
      const rows = (await rowsOfKind(t.kind, B)).filter((r) => r.action !== "workspace.import");
      const text = JSON.stringify(rows.map((r) => ({ ...r, idempotency_key: null })));
      expect(
        oldIds.filter((o) => text.includes(o)),
        t.kind,
      ).toEqual([]);
    }
    for (const t of TRANSFER_TABLES) {
      let before = (await rowsOfKind(t.kind, A.workspace.id)).map((r) => dropUsers(t.kind, r));
      let after = await rowsOfKind(t.kind, B, back);
      if (t.kind === "platform_accounts" || t.kind === "webhooks") {
        const col = t.kind === "webhooks" ? "secret_encrypted" : "credentials_encrypted";
        const open = (r: Row, owner: string) => (r[col] ? openJson(appKeyring(), String(r[col]), owner) : null);
        // Sealed for the row's new id with this server's key: opened, they are the same secrets.
        after = after.map((r) => ({ ...r, [col]: open(r, ids.get(String(r.id))!) }));
        before = before.map((r) => ({ ...r, [col]: open(r, String(r.id)) }));
      }
      if (t.kind === "schedules") {
        const norm = (r: Row) => ({ ...r, updated_at: null, trigger_run_id: null, metadata: { ...(r.metadata as Row), trigger: undefined } });
        // What was still to go out, or being published there, arrives paused and without the old
        // runner's lease (an admin resumes it once the old server stopped).
        const arrived = (r: Row) =>
          r.publish_status === "pending" || r.publish_status === "publishing" ? { publish_status: "paused", lease_owner: null, lease_expires_at: null } : {};
        before = before.map((r) => norm({ ...r, ...arrived(r), idempotency_key: r.idempotency_key ?? `${r.id}:v${r.version}` }));
        after = after.map(norm);
      }
      if (t.kind === "audit_log") {
        const norm = (rows: Row[]) => rows.filter((r) => !/^workspace\.(export|import)$/.test(String(r.action))).map((r) => ({ ...r, id: null }));
        before = norm(before);
        after = norm(after);
      }
      const sort = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort();
      expect(sort(after), t.kind).toEqual(sort(before));
    }

    const [wsB] = await ref.current.db.select().from(workspaces).where(eq(workspaces.id, B));
    expect(wsB).toMatchObject({ name: A.workspace.name, approvalPolicy: "required_for_editors", fourEyes: true, defaultTimezone: "Europe/Paris" });
    expect(wsB!.approverIds).toEqual([A.actors.admin.userId]);
    expect(wsB!.settings).toEqual({ gates: { pinned: ids.get(seeded.items[0]!) } });
    expect(wsB!.slug).not.toBe(A.workspace.slug);

    const [acc] = await ref.current.db
      .select()
      .from(platformAccounts)
      .where(eq(platformAccounts.id, ids.get(seeded.accountWithCredentials)!));
    expect(openJson(appKeyring(), acc!.credentialsEncrypted!, acc!.id)).toEqual(SEED_CREDENTIALS);
    const [hook] = await ref.current.db
      .select()
      .from(webhooks)
      .where(eq(webhooks.id, ids.get(seeded.webhook)!));
    expect(openJson(appKeyring(), hook!.secretEncrypted, hook!.id)).toBe(SEED_WEBHOOK_SECRET);
    const file = path.join(deps.dataDir, "media", B, `${ids.get(seeded.mediaId)}.png`);
    expect(fs.readFileSync(file)).toEqual(fs.readFileSync(path.join(deps.dataDir, "media", A.workspace.id, `${seeded.mediaId}.png`)));
    // The importing person is the new workspace's only member, as its admin.
    const members = await ref.current.db.query.memberships.findMany({ where: (m, { eq: e }) => e(m.workspaceId, B) });
    expect(members.map((m) => [m.userId, m.role])).toEqual([[A.actors.admin.userId, "admin"]]);
    // Best-time models are not carried: the accounts with results wait for a refit.
    const queued = await ref.current.db.select().from(bestTimeRefits).where(eq(bestTimeRefits.workspaceId, B));
    expect(queued.map((q) => q.platformAccountId)).toEqual([ids.get(seeded.sandbox)]);
  });

  it("without a passphrase, accounts come without credentials (to reconnect) and webhooks without secrets (inactive)", async () => {
    const { stream } = await exportWorkspaceArchive(
      ref.current.db,
      A.actors.admin,
      { includeSecrets: false, includeCredentials: false, passphrase: null },
      deps,
    );
    let ids = new Map<string, string>();
    const received = await receiveWorkspaceArchive(ref.current.db, A.actors.admin, bytes(await archiveOf(stream)), null, deps);
    const result = await received.run({ name: "Copy without secrets", onIds: (m) => (ids = new Map(m)) });
    expect(result).toMatchObject({ workspace: { name: "Copy without secrets" }, accounts_to_reconnect: 1, webhooks_disabled: 1 });
    const [acc] = await ref.current.db
      .select()
      .from(platformAccounts)
      .where(eq(platformAccounts.id, ids.get(seeded.accountWithCredentials)!));
    expect(acc).toMatchObject({ credentialsEncrypted: null, status: "needs_reconnect" });
    const [sandbox] = await ref.current.db
      .select()
      .from(platformAccounts)
      .where(eq(platformAccounts.id, ids.get(seeded.sandbox)!));
    expect(sandbox!.status).toBe("active");
    const [hook] = await ref.current.db
      .select()
      .from(webhooks)
      .where(eq(webhooks.id, ids.get(seeded.webhook)!));
    expect(hook!.active).toBe(false);
    expect(openJson(appKeyring(), hook!.secretEncrypted, hook!.id)).not.toBe(SEED_WEBHOOK_SECRET);
  });

  it("closes the file it is sending when the reader cancels the archive midway", async () => {
    const file = path.join(deps.dataDir, "big.bin");
    fs.writeFileSync(file, crypto.randomBytes(8 * 1024 * 1024));
    const fdsOnFile = () =>
      fs.readdirSync("/proc/self/fd").filter((fd) => {
        try {
          return fs.readlinkSync(`/proc/self/fd/${fd}`) === file;
        } catch {
          return false;
        }
      }).length;
    let cleaned = false;
    const manifest = { format: "content-scheduler.workspace", files: [] } as unknown as Manifest;
    const reader = packArchive(manifest, [{ name: "media/x", file, bytes: 8 * 1024 * 1024 }], async () => void (cleaned = true)).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    for (let i = 0; i < 50 && (fdsOnFile() > 0 || !cleaned); i++) await new Promise((r) => setTimeout(r, 20));
    expect(cleaned).toBe(true);
    expect(fdsOnFile()).toBe(0);
  });
});
