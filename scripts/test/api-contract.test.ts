import { describe, expect, it } from "vitest";
import { operation } from "@/lib/operations";
import { contractProblems } from "./api-contract";

const signature = { id: "7d0c4a8e-0e4b-4a57-9f0c-2b7a4b1f5a11", name: "Sign-off", body: "— the team", platform: null, created_at: "2026-12-06T10:00:00.000Z" };

describe("the answer checker the API tests run on every answer", () => {
  const create = operation("post /signatures");
  const json = "application/json";

  it("passes an answer as documented", () => {
    expect(contractProblems(create, 201, json, JSON.stringify(signature))).toEqual([]);
    expect(contractProblems(operation("delete /signatures/{id}"), 204, "", "")).toEqual([]);
    expect(contractProblems(create, 400, json, JSON.stringify({ error: { code: "bad_request:validation", message: "name: required" } }))).toEqual([]);
  });

  it("names a field the document does not have, one it lacks, and a wrong type", () => {
    expect(contractProblems(create, 201, json, JSON.stringify({ ...signature, secret: "x" }))).toEqual([
      expect.stringContaining("additional properties: secret"),
    ]);
    const { body: _body, ...withoutBody } = signature;
    void _body;
    expect(contractProblems(create, 201, json, JSON.stringify(withoutBody))).toEqual([expect.stringContaining("must have required property 'body'")]);
    expect(contractProblems(create, 201, json, JSON.stringify({ ...signature, created_at: 5 }))).toEqual([
      expect.stringContaining("/created_at must be string"),
    ]);
  });

  it("refuses a status the operation does not list, and an error body of another shape", () => {
    expect(contractProblems(create, 200, json, JSON.stringify(signature))[0]).toMatch(/status 200 is not documented \(documented: 201, 400/);
    expect(contractProblems(create, 500, json, "{}")[0]).toMatch(/status 500 is not documented/);
    expect(contractProblems(create, 409, json, JSON.stringify({ message: "conflict" }))).toEqual(
      expect.arrayContaining([expect.stringContaining("required property 'error'")]),
    );
    expect(contractProblems(operation("delete /signatures/{id}"), 204, json, "{}")).toEqual(["a 204 answer must have no body"]);
  });

  it("checks only the status of answers that are not JSON by design", () => {
    expect(contractProblems(operation("get /export/csv"), 200, "text/csv", "a,b\n")).toEqual([]);
    expect(contractProblems(operation("post /import/csv"), 200, "application/x-ndjson", '{"type":"progress","rows":100}\n')).toEqual([]);
    expect(contractProblems(create, 201, "text/html", "<p>")).toEqual(["answered text/html where application/json is documented"]);
    expect(contractProblems(create, 201, "application/x-ndjson", "{}\n")).toEqual(["answered application/x-ndjson where application/json is documented"]);
  });
});
