import { describe, expect, it } from "vitest";
import { customVariables, renderTemplate, templateProblems, templateVariables } from "./render";

describe("template variables", () => {
  it("lists each variable once, in order, and separates the custom ones", () => {
    const body = "{{title}} on {{ date }}: {{product}} {{product}} {{link}} {{price-eur}}";
    expect(templateVariables(body)).toEqual(["title", "date", "product", "link", "price-eur"]);
    expect(customVariables(body)).toEqual(["product", "price-eur"]);
    expect(templateVariables("no placeholders")).toEqual([]);
  });

  it("reports bad placeholders instead of accepting them", () => {
    expect(templateProblems("fine {{title}}")).toEqual([]);
    expect(templateProblems("empty {{ }}")).toEqual([expect.stringMatching(/empty placeholder/)]);
    expect(templateProblems("bad {{2x}}")[0]).toMatch(/not a valid variable name/);
    expect(templateProblems("open {{title")).toEqual([expect.stringMatching(/never closed/)]);
    expect(templateProblems("close title}}")).toEqual([expect.stringMatching(/never opened/)]);
  });
});

describe("renderTemplate", () => {
  const now = new Date("2026-05-01T22:30:00Z");

  it("fills built-in and custom variables", () => {
    const r = renderTemplate("{{title}} — {{product}} at {{link}}", {
      timeZone: "UTC",
      now,
      title: "Launch",
      link: "https://ex.com/p",
      values: { product: "Widget" },
    });
    expect(r).toEqual({ text: "Launch — Widget at https://ex.com/p", missing: [] });
  });

  it("writes the date in the person's zone, not the server's", () => {
    expect(renderTemplate("{{date}}", { timeZone: "UTC", now }).text).toBe("1 May 2026");
    expect(renderTemplate("{{date}}", { timeZone: "Europe/Berlin", now }).text).toBe("2 May 2026");
    expect(renderTemplate("{{date}}", { timeZone: "America/Los_Angeles", now }).text).toBe("1 May 2026");
  });

  it("reports variables without a value and leaves them visible in the text", () => {
    const r = renderTemplate("{{title}}: {{product}} {{product}} {{link}}", { timeZone: "UTC", now, title: "  ", values: { product: "" } });
    expect(r.missing).toEqual(["title", "product", "link"]);
    expect(r.text).toBe("{{title}}: {{product}} {{product}} {{link}}");
  });

  it("lets a given value override a built-in one and leaves malformed placeholders alone", () => {
    const r = renderTemplate("{{date}} {{ 2x }}", { timeZone: "UTC", now, values: { date: "tomorrow" } });
    expect(r).toEqual({ text: "tomorrow {{ 2x }}", missing: [] });
  });
});
