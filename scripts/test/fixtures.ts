import { afterAll, beforeAll, inject } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../db/testing";
import { setDatabaseForTests } from "../../db";
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
