import type { z } from "zod";
import type { Permission } from "../auth/permissions";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/**
 * One operation of the API, declared once: its permission, input schemas and documented answer.
 * The route handler (apiRoute), the server actions that do the same thing, and the OpenAPI
 * document all read this declaration; the API tests check every answer against it.
 */
export interface Operation {
  method: Method;
  /** OpenAPI path, e.g. /api/v1/content/{id}. */
  path: string;
  summary: string;
  tag: string;
  /** null: no authentication (public). */
  permission: Permission | null;
  query?: z.ZodType;
  body?: z.ZodType;
  /** Non-JSON request body, e.g. text/csv. */
  rawBody?: { type: string; description: string };
  status: number;
  response?: z.ZodType;
  /** Non-JSON success body. */
  rawResponse?: { type: string; description: string };
  /** A second form of the success answer, chosen with the Accept header (e.g. NDJSON progress). */
  streamed?: { type: string; description: string };
  idempotent?: boolean;
  /** Error statuses beyond the usual ones (e.g. 410 for a link that was revoked, 429 on a public path that is rate limited). */
  errors?: number[];
  /** Request headers the operation reads (secrets that must stay out of URLs). */
  headers?: { name: string; description: string }[];
}

type Options = Partial<Omit<Operation, "method" | "path" | "tag" | "summary">> & Pick<Operation, "permission">;

/** An operation under /api/v1 (path given without the prefix); DELETE answers 204 unless told. */
export function op<const M extends Method, const P extends string, const O extends Options>(method: M, path: P, tag: string, summary: string, o: O) {
  return { method, path: `/api/v1${path}` as `/api/v1${P}`, tag, summary, status: method === "delete" ? 204 : 200, ...o } as Omit<
    Operation,
    keyof O | "method" | "path"
  > &
    O & { method: M; path: `/api/v1${P}` };
}
