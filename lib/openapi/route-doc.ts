import type { z } from "zod";
import type { Permission } from "../auth/permissions";

export type Method = "get" | "post" | "put" | "patch" | "delete";

/** One route of the API as the OpenAPI document describes it (lib/openapi/routes.ts lists them). */
export interface RouteDoc {
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
  idempotent?: boolean;
}
