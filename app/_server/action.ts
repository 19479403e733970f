import "server-only";
import { z } from "zod";
import { AppError, toErrorResponse } from "@/lib/errors";
import { assertCan, type Permission } from "@/lib/auth/permissions";
import type { Operation } from "@/lib/operations";
import { log } from "@/lib/log";
import type { Actor } from "@/lib/auth/actor";
import type { Db } from "@/db/client";
import { revalidatePath } from "next/cache";
import { requireMember, requireUser } from "./session";
import { describeUnsafe, findUnsafeText, printablePath } from "@/lib/validation/unsafe-text";

/**
 * What actions need from the request: who is signed in, and how to refresh pages after a change.
 * Tests put their own member here (no cookies outside a request); the app never changes it.
 */
export const actionRuntime = {
  member: requireMember as () => Promise<{ db: Db; actor: Actor }>,
  revalidate: (path: string) => revalidatePath(path, "layout"),
};

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; fields?: Record<string, string> } };

function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    out[key] ??= issue.message;
  }
  return out;
}

/**
 * Text the database cannot store (NUL, unpaired surrogates, control characters) in any field of
 * the raw input — objects, arrays, FormData and file names — refused before the schema runs.
 */
function unsafeInput(raw: unknown): ActionResult<never> | null {
  const found = findUnsafeText(raw);
  if (!found) return null;
  const field = printablePath(found.path) || "_";
  const message = `${field === "_" ? "the input" : field}: ${describeUnsafe(found.reason)}`;
  return { ok: false, error: { code: "bad_request:validation", message, fields: { [field]: describeUnsafe(found.reason) } } };
}

/**
 * Who may run an action: the API operation it does the same as (`operation("post /templates")`,
 * whose declared permission it then checks, so the screen and the API cannot disagree), or a
 * permission for what the API has no operation for.
 */
export type Access = Permission | (Pick<Operation, "method" | "path"> & { permission: Permission });

/**
 * The one way to write a server action: sign-in → role check → zod → handler, and a
 * discriminated result the form can render (never a thrown error in the browser).
 */
export function action<S extends z.ZodType, T>(access: Access, schema: S, handler: (ctx: { db: Db; actor: Actor; input: z.infer<S> }) => Promise<T>) {
  const permission = typeof access === "string" ? access : access.permission;
  // `expectedWorkspaceId`: the workspace the page was rendered for. A form left open in a tab
  // while the user switched workspace in another must not act on the other workspace.
  return async (raw: unknown, expectedWorkspaceId?: string): Promise<ActionResult<T>> => {
    const { db, actor } = await actionRuntime.member();
    try {
      if (expectedWorkspaceId !== undefined && expectedWorkspaceId !== actor.workspaceId) {
        throw new AppError("conflict:workspace", "You switched workspace in another tab. Reload this page and try again.");
      }
      assertCan(actor.role, permission);
      const unsafe = unsafeInput(raw);
      if (unsafe) return unsafe;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return { ok: false, error: { code: "bad_request:validation", message: Object.values(fields)[0] ?? "invalid input", fields } };
      }
      return { ok: true, data: await handler({ db, actor, input: parsed.data }) };
    } catch (err) {
      if (!(err instanceof AppError)) log.error("server action failed", { err });
      const { body } = toErrorResponse(err);
      return { ok: false, error: { code: body.error.code, message: body.error.message } };
    }
  };
}

/** Same contract for the few actions that run before sign-in (sign-up): zod → handler → result. */
export function publicAction<S extends z.ZodType, T>(schema: S, handler: (ctx: { input: z.infer<S> }) => Promise<T>) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    try {
      const unsafe = unsafeInput(raw);
      if (unsafe) return unsafe;
      const parsed = schema.safeParse(raw);
      if (!parsed.success) {
        const fields = fieldErrors(parsed.error);
        return { ok: false, error: { code: "bad_request:validation", message: Object.values(fields)[0] ?? "invalid input", fields } };
      }
      return { ok: true, data: await handler({ input: parsed.data }) };
    } catch (err) {
      if (!(err instanceof AppError)) log.error("server action failed", { err });
      const { body } = toErrorResponse(err);
      return { ok: false, error: { code: body.error.code, message: body.error.message } };
    }
  };
}

/**
 * For what concerns the person rather than a workspace (answering an invitation, creating a
 * workspace): a session is enough, even with no workspace yet.
 */
export function userAction<S extends z.ZodType, T>(
  schema: S,
  handler: (ctx: { db: Db; user: { id: string; email: string; name: string }; input: z.infer<S> }) => Promise<T>,
) {
  return async (raw: unknown): Promise<ActionResult<T>> => {
    const { db, user } = await requireUser();
    return publicAction(schema, ({ input }) => handler({ db, user, input }))(raw);
  };
}
