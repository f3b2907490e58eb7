import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const SEARCH: ToolSpec = {
  name: "search",
  parameters: {
    type: "object",
    properties: { query: { type: "string" }, limit: { type: "integer" }, filters: { type: "object" } },
  },
};

describe("functiongemma", () => {
  it("reads escape-delimited strings and bare values", () => {
    const result = parseToolCalls(
      "<start_function_call>call:search{query:<escape>cats, dogs {pets}<escape>,limit:5,safe:true}<end_function_call><start_function_response>",
      { format: "functiongemma" },
    );
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "search", args: { query: "cats, dogs {pets}", limit: 5, safe: true } },
    ]);
    expect(result.content).toBe("");
  });

  it("types strings by the declared schema, as vLLM's JSON decoding of them does", () => {
    const result = parseToolCalls(
      '<start_function_call>call:search{query:<escape>5<escape>,limit:<escape>5<escape>,filters:<escape>{"lang": "en"}<escape>}<end_function_call>',
      { format: "functiongemma", tools: [SEARCH] },
    );
    expect(result.toolCalls[0]?.arguments).toEqual({ query: "5", limit: 5, filters: { lang: "en" } });
  });

  it("reads consecutive calls and keeps text between them", () => {
    const result = parseToolCalls(
      "<start_function_call>call:a{}<end_function_call>and<start_function_call>call:b{x:1}<end_function_call>",
      { format: "functiongemma" },
    );
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a", "b"]);
    expect(result.content).toBe("and");
  });

  it("reports an output that ends inside a call", () => {
    const result = parseToolCalls("<start_function_call>call:search{query:<escape>ca", {
      format: "functiongemma",
    });
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("is detected from its tags", () => {
    const result = parseToolCalls("<start_function_call>call:search{limit:1}<end_function_call>");
    expect(result.format).toBe("functiongemma");
  });
});
