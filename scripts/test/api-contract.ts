import { Ajv2020 } from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { openApiDocument } from "@/lib/openapi/document";
import type { Operation } from "@/lib/operations";

/**
 * Checks an answer of an /api/v1 route against what the OpenAPI document says about it: the
 * status must be one the operation lists, and a JSON body must match the documented schema of
 * that status (no field missing, none extra, every type right). The tests' `call` runs this on
 * every answer, so the document cannot drift from what is served.
 */
type Json = Record<string, unknown>;
const doc = openApiDocument("http://localhost:3000");
const ajv = new Ajv2020({ strict: false, allErrors: true });
// uuid, email, uri, date-time: the formats the schemas name are checked too.
addFormats(ajv);
ajv.addSchema(doc, "openapi");
const compiled = new Map<string, ValidateFunction>();

const pointer = (...parts: string[]) => parts.map((p) => encodeURIComponent(p.replace(/~/g, "~0").replace(/\//g, "~1"))).join("/");

function validator(ref: string): ValidateFunction {
  let v = compiled.get(ref);
  if (!v) {
    v = ajv.getSchema(`openapi#/${ref}`);
    if (!v) throw new Error(`the OpenAPI document has no schema at ${ref}`);
    compiled.set(ref, v);
  }
  return v;
}

const describe = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map(
    (e) => `${e.instancePath || "(body)"} ${e.message}${e.params && "additionalProperty" in e.params ? `: ${String(e.params.additionalProperty)}` : ""}`,
  );

/** What is wrong with the answer, if anything (an empty list when it is as documented). */
export function contractProblems(op: Pick<Operation, "method" | "path">, status: number, contentType: string, body: string): string[] {
  const entry = ((doc.paths as Json)[op.path] as Json | undefined)?.[op.method] as { responses: Record<string, Json> } | undefined;
  if (!entry) return [`${op.method.toUpperCase()} ${op.path} is not in the OpenAPI document`];
  const documented = entry.responses[String(status)];
  if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(entry.responses).join(", ")})`];
  if (status === 204) return body === "" ? [] : ["a 204 answer must have no body"];
  const content = (documented.content as Json | undefined) ?? {};
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (typeof documented.$ref !== "string" && type !== "application/json") {
    // A form of the answer that is not JSON (a file, CSV, a stream) is checked by its type.
    return type in content || (!content["application/json"] && !/json/.test(type))
      ? []
      : [`answered ${contentType || "no content type"} where ${Object.keys(content).join(" or ") || "no body"} is documented`];
  }
  if (type !== "application/json") return [`answered ${contentType || "no content type"} where JSON is documented`];
  if (typeof documented.$ref !== "string" && !content["application/json"])
    return [`answered JSON where ${Object.keys(content).join(", ") || "no body"} is documented`];
  const ref =
    typeof documented.$ref === "string"
      ? "components/schemas/Error"
      : pointer("paths", op.path, op.method, "responses", String(status), "content", "application/json", "schema");
  const validate = validator(ref);
  return validate(JSON.parse(body)) ? [] : describe(validate.errors);
}
