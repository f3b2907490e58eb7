/**
 * Mistakes real models make in the field, auto-detected, one-shot and streamed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../src/parser/parse-tool-calls.ts";
import { StreamParser } from "../src/parser/stream-parser.ts";
import { normalizeTools } from "../src/parser/tool-index.ts";
import { randomChunks } from "./helpers/corpus.ts";

interface FieldCase {
  readonly name: string;
  readonly text: string;
  readonly tools?: unknown[];
  readonly expected: { name: string; arguments: Record<string, unknown> }[];
}

const cases = readFileSync(new URL("../fixtures/field/field-mistakes.jsonl", import.meta.url), "utf8")
  .split("\n")
  .filter((line) => line.trim())
  .map((line) => JSON.parse(line) as FieldCase);

describe("field mistakes (auto-detected)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const tools = normalizeTools(c.tools);
      const result = parseToolCalls(c.text, { tools });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
        c.expected,
      );
      const parser = new StreamParser({ tools });
      for (const chunk of randomChunks(c.text, 11, 4)) parser.feed(chunk);
      expect(parser.end().result).toEqual(result);
    });
  }

  it("reports a near-miss name with the closest declared tool", () => {
    const result = parseToolCalls('<tool_call>{"name": "get_wether", "arguments": {}}</tool_call>', {
      tools: [{ name: "get_weather" }, { name: "get_time" }],
    });
    expect(result.problems).toMatchObject([
      { code: "unknown-tool", toolName: "get_wether", suggestion: "get_weather" },
    ]);
  });

  it("keeps a JSON answer as content", () => {
    const text = 'Here is the JSON you asked for:\n{"name": "Alice", "age": 30}';
    expect(parseToolCalls(text)).toMatchObject({ toolCalls: [], content: text, format: null });
  });
});
