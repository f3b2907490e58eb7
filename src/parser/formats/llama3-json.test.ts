import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("llama3_json", () => {
  it("reads calls separated by '; ' and drops the separators", () => {
    const result = parseToolCalls('{"name": "a", "parameters": {}}; {"name": "b", "parameters": {"x": 1}}', {
      format: "llama3_json",
    });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["a", {}],
      ["b", { x: 1 }],
    ]);
    expect(result.content).toBe("");
  });

  it("keeps objects without a name or a parameters key, and broken JSON, as content", () => {
    for (const text of ['{"name": "a"}', '{"parameters": {}}', '{"name": "a", "parameters": {oops}']) {
      const result = parseToolCalls(text, { format: "llama3_json" });
      expect(result.toolCalls).toEqual([]);
      expect(result.content).toBe(text);
    }
  });

  it("drops <|python_tag|> and end-of-turn tokens", () => {
    const result = parseToolCalls('<|python_tag|>{"name": "a", "parameters": {"q": "x"}}<|eom_id|>', {
      format: "llama3_json",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.content).toBe("");
  });
});

describe("llama3_json: a list of call objects (ollama tools_test.go)", () => {
  const one = '{"name": "f", "parameters": {"a": 1}}';
  const two = '{"name": "g", "parameters": {"b": "x"}}';

  it("reads the list with its brackets, commas between the objects optional", () => {
    for (const text of [`[${one}, ${two}]`, `[${one} ${two}]`]) {
      const result = parseToolCalls(text, { format: "llama3_json" });
      expect(result.toolCalls.map((call) => call.name)).toEqual(["f", "g"]);
      expect(result.content).toBe("");
    }
    const after = parseToolCalls(`some tokens before [${one} ${two}]`, { format: "llama3_json" });
    expect(after.toolCalls.map((call) => call.name)).toEqual(["f", "g"]);
    expect(after.content).toBe("some tokens before ");
  });

  it("leaves a list that is not all calls as text", () => {
    const text = '[ { "user": {"id": 1, "name": "Alice"}}]';
    const result = parseToolCalls(text, { format: "llama3_json" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });
});
