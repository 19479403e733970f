import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { drain } from "./body";
import { errorResponse } from "./handler";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type Method = (typeof METHODS)[number];
type Handler = (req: Request) => Promise<Response>;

/**
 * The methods a route does not serve. Next.js would answer them with a bare 405 (no body) and its
 * own OPTIONS would list every exported method, these included; every route module under /api/v1
 * ends with `export const { … } = otherMethods([...])` so they get the JSON error body and an
 * Allow header naming what the route does serve.
 */
export function otherMethods(allowed: Method[]): Record<Method | "OPTIONS", Handler> {
  const allow = [...allowed, ...(allowed.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  const refuse: Handler = async (req) => {
    await drain(req.body);
    const err = new AppError("method_not_allowed", `${req.method} is not allowed here; this path takes ${allowed.join(", ")}`, { allow: allowed });
    err.headers = { allow };
    return errorResponse(err);
  };
  const out: Partial<Record<Method | "OPTIONS", Handler>> = { OPTIONS: async () => new NextResponse(null, { status: 204, headers: { allow } }) };
  for (const m of METHODS) if (!allowed.includes(m)) out[m] = refuse;
  return out as Record<Method | "OPTIONS", Handler>;
}

/** Any method on a path under /api/v1 that no route serves: the JSON 404, not the HTML page. */
export async function unknownPath(req: Request): Promise<Response> {
  await drain(req.body);
  return errorResponse(new AppError("not_found:route", `no such API path: ${new URL(req.url).pathname.slice(0, 200)}; see /api/v1/openapi.json`));
}

/**
 * A GET served outside apiRoute (health, metrics, feeds, files): a body sent with it anyway is read
 * off the wire and dropped first, or the answer may reach a client still sending as a reset.
 */
export function bodiless<R extends Request, A extends unknown[]>(handler: (req: R, ...rest: A) => Promise<Response>) {
  return async (req: R, ...rest: A): Promise<Response> => {
    await drain(req.body);
    return handler(req, ...rest);
  };
}
