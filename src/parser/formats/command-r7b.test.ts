import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

describe("command_r7b", () => {
  it("drops citation tags and text wrappers, keeping the cited text", () => {
    const result = parseToolCalls(
      "<|START_RESPONSE|>It is <co>sunny</co: 0:[1,2]> today.<|END_RESPONSE|><|END_OF_TURN_TOKEN|>",
      { format: "command_r7b" },
    );
    expect(result.content).toBe("It is sunny today.");
  });

  it("leaves a `</co:` that is not a citation as text", () => {
    expect(parseToolCalls("a </co: not a ref> b", { format: "command_r7b" }).content).toBe(
      "a </co: not a ref> b",
    );
  });

  it("generates call ids instead of the per-turn tool_call_id", () => {
    const text =
      '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": "f", "parameters": {"a": 1}}]<|END_ACTION|>';
    expect(parseToolCalls(text, { format: "command_r7b" }).toolCalls).toEqual([
      { id: "call_0", name: "f", arguments: { a: 1 } },
    ]);
  });

  it("reports an unfinished action at the end of output as truncated", () => {
    const result = parseToolCalls('<|START_ACTION|>[{"tool_name": "f", "parameters": {"a": ', {
      format: "command_r7b",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("keeps an <|END_ACTION|> quoted inside a JSON string argument, in one piece and streamed", () => {
    const text =
      '<|START_ACTION|>{"tool_name": "echo", "parameters": {"text": "say <|END_ACTION|> please"}}<|END_ACTION|> done';
    const expected = [{ name: "echo", arguments: { text: "say <|END_ACTION|> please" } }];
    const result = parseToolCalls(text, { format: "command_r7b" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      expected,
    );
    expect(result.content.trim()).toBe("done");
    const parser = new StreamParser({ format: "command_r7b" });
    for (const char of text) parser.feed(char);
    const streamed = parser.end().result;
    expect(streamed.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      expected,
    );
  });

  it("is detected when auto-detecting", () => {
    const text =
      '<|START_THINKING|>plan<|END_THINKING|><|START_ACTION|>[{"tool_name": "f", "parameters": {}}]<|END_ACTION|>';
    const result = parseToolCalls(text);
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(result.reasoning).toBe("plan");
  });
});
