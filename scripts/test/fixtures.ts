import { afterAll, beforeAll, inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { setDatabaseForTests } from "../../lib/database";
import { insertMembership, insertWorkspace } from "../../db/queries/workspaces";
import { insertUser } from "../../db/queries/users";
import type { Role } from "../../lib/auth/permissions";
import type { Actor } from "../../lib/auth/actor";

/** One fresh database per test file, also installed as the process database for route handlers. */
export function withTestDatabase(): { current: TestDatabase } {
  const ref = {} as { current: TestDatabase };
  beforeAll(async () => {
    ref.current = await createTestDatabase({ template: inject("dbTemplate") });
    setDatabaseForTests(ref.current);
  });
  afterAll(async () => {
    await ref.current?.dispose();
  });
  return ref;
}

let seq = 0;
/** A workspace with one member per requested role; passwords are not needed for these tests. */
export async function makeWorkspace(db: TestDatabase["db"], roles: Role[] = ["admin", "editor", "viewer"]) {
  const tag = `${process.pid}-${Date.now()}-${seq++}`;
  const ws = await insertWorkspace(db, { name: `WS ${tag}` });
  const actors = {} as Record<Role, Actor & { userId: string; email: string }>;
  for (const role of roles) {
    const email = `${role}-${tag}@example.test`;
    const user = await insertUser(db, { email, name: `${role} ${tag}`, passwordHash: "x" });
    await insertMembership(db, { workspaceId: ws.id, userId: user.id, role });
    actors[role] = { userId: user.id, tokenId: null, workspaceId: ws.id, role, email };
  }
  return { workspace: ws, actors };
}

/**
 * A workspace with admin, editor and viewer, each with an API token of their own that acts as
 * them (written directly: only admins may create tokens through the API).
 */
export async function makeWorkspaceWithTokens(db: TestDatabase["db"]) {
  const { insertToken } = await import("../../db/queries/tokens");
  const { hashToken, newToken } = await import("../../lib/crypto");
  const ws = await makeWorkspace(db);
  const tokens = {} as Record<Role, string>;
  for (const role of ["admin", "editor", "viewer"] as const) {
    const token = newToken("sch");
    await insertToken(db, {
      workspaceId: ws.workspace.id,
      name: role,
      role,
      tokenHash: hashToken(token),
      prefix: token.slice(0, 8),
      createdBy: ws.actors[role].userId,
      expiresAt: null,
    });
    tokens[role] = token;
  }
  return { ...ws, tokens };
}

/** Waits for a fresh rate-limit minute when this one ends within a few seconds, so a test's counts stay in one. */
export async function freshRateWindow() {
  const s = new Date().getUTCSeconds();
  if (s >= 52) await new Promise((r) => setTimeout(r, (61 - s) * 1000));
}
