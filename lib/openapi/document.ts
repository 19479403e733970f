import { z } from "zod";
import pkg from "@/package.json";
import { errorBody } from "../operations/shapes";
import { OPERATIONS, type Operation } from "../operations";

type Json = Record<string, unknown>;

function schema(s: z.ZodType, io: "input" | "output"): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: "any", target: "draft-2020-12" }) as Json;
  void _drop;
  return rest;
}

const ERRORS: Record<number, string> = {
  400: "Bad input: every problem is listed in error.details",
  401: "Missing, invalid or revoked token",
  403: "The caller's role may not do this",
  404: "Not found (or in another workspace)",
  409: "Conflict with the current state (version, status, blackout, idempotency key)",
  410: "Gone: the link was revoked or has expired",
  413: "The request body is larger than the route accepts (error.details.limit_bytes)",
  429: "Rate limit reached: retry after Retry-After seconds (RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset come with every answer)",
};

function parameters(route: Operation): Json[] {
  const params: Json[] = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
  if (route.query) {
    const q = schema(route.query, "input") as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, s] of Object.entries(q.properties ?? {}))
      params.push({ name, in: "query", required: (q.required ?? []).includes(name) && !("default" in s), schema: s });
  }
  for (const h of route.headers ?? []) params.push({ name: h.name, in: "header", required: false, description: h.description, schema: { type: "string" } });
  if (route.idempotent)
    params.push({
      name: "Idempotency-Key",
      in: "header",
      required: false,
      description: "Same key and body within 24 h: the first answer again, nothing created. Same key, other body: 409.",
      schema: { type: "string", maxLength: 255 },
    });
  return params;
}

function operation(route: Operation): Json {
  const errors = [
    400,
    ...(route.permission ? [401, 403] : []),
    404,
    409,
    ...(route.body || route.rawBody ? [413] : []),
    ...(route.permission ? [429] : []),
    ...(route.errors ?? []),
  ]
    .filter((s) => s !== 409 || route.method !== "get")
    .sort((a, b) => a - b);
  const success: Json =
    route.status === 204
      ? { description: "Done" }
      : route.rawResponse
        ? { description: route.rawResponse.description, content: { [route.rawResponse.type]: { schema: { type: "string" } } } }
        : {
            description: route.streamed ? `OK. ${route.streamed.description}` : "OK",
            content: {
              "application/json": { schema: route.response ? schema(route.response, "output") : {} },
              ...(route.streamed ? { [route.streamed.type]: { schema: { type: "string" } } } : {}),
            },
          };
  return {
    operationId: `${route.method}${route.path
      .replace(/^\/api(\/v1)?/, "")
      .replace(/\{(\w+)\}/g, "By_$1")
      .replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ""))}`,
    summary: route.summary,
    tags: [route.tag],
    ...(route.permission ? { description: `Needs the \`${route.permission}\` permission.` } : { security: [] }),
    parameters: parameters(route),
    ...(route.body ? { requestBody: { required: true, content: { "application/json": { schema: schema(route.body, "input") } } } } : {}),
    ...(route.rawBody
      ? { requestBody: { required: true, description: route.rawBody.description, content: { [route.rawBody.type]: { schema: { type: "string" } } } } }
      : {}),
    responses: {
      [String(route.status)]: success,
      ...Object.fromEntries(errors.map((s) => [String(s), { $ref: `#/components/responses/E${s}` }])),
    },
  };
}

/** The OpenAPI 3.1 document, built from the same zod schemas the routes validate with. */
export function openApiDocument(serverUrl: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of OPERATIONS as readonly Operation[]) (paths[route.path] ??= {})[route.method] = operation(route);
  return {
    openapi: "3.1.0",
    info: {
      title: "Scheduler API",
      version: pkg.version,
      description:
        "Content, schedules and publishing. Authenticate with `Authorization: Bearer <token>` (Settings → API tokens). Errors: `{ error: { code, message, details? } }`.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "API token (sch_…)" } },
      schemas: { Error: schema(errorBody, "output") },
      responses: Object.fromEntries(
        Object.entries(ERRORS).map(([s, d]) => [
          `E${s}`,
          { description: d, content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
        ]),
      ),
    },
  };
}
