import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("command_a", () => {
  it("starts inside reasoning that <|END_THINKING|> closes", () => {
    const result = parseToolCalls(
      'I should look it up.<|END_THINKING|><|START_ACTION|>[{"tool_call_id": "0", "tool_name": "search", "parameters": {"q": "x"}}]<|END_ACTION|>',
      { format: "command_a" },
    );
    expect(result.reasoning).toBe("I should look it up.");
    expect(result.content).toBe("");
    expect(result.toolCalls.map((call) => call.name)).toEqual(["search"]);
  });

  it("strips the <|START_TEXT|> wrappers of the answer", () => {
    const result = parseToolCalls("ok<|END_THINKING|><|START_TEXT|>Hello!<|END_TEXT|><|END_OF_TURN_TOKEN|>", {
      format: "command_a",
    });
    expect(result.content).toBe("Hello!");
  });

  it("promotes the calls of an output whose reasoning never closes (thinking disabled)", () => {
    const result = parseToolCalls('<|START_ACTION|>[{"tool_name": "f", "parameters": {}}]<|END_ACTION|>', {
      format: "command_a",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
  });
});

describe("command_a: ollama cohere_test.go", () => {
  it("ends reasoning at an answer wrapper (reasoning off: the output starts with it)", () => {
    const result = parseToolCalls("<|START_TEXT|>direct answer<|END_TEXT|>", { format: "command_a" });
    expect(result.content).toBe("direct answer");
    expect(result.reasoning).toBe("");
    const legacy = parseToolCalls("plan<|START_RESPONSE|>Hello there<|END_RESPONSE|>", {
      format: "command_a",
    });
    expect(legacy.content).toBe("Hello there");
    expect(legacy.reasoning).toBe("plan");
  });

  it("keeps the well-formed calls of an action list with one malformed element", () => {
    const text =
      'plan<|END_THINKING|><|START_ACTION|>[\n    {"tool_call_id": "0", "tool_name": "set_alarm", "parameters": {"time": 15:30}},    {"tool_call_id": "1", "tool_name": "get_weather", "parameters": {"city": "Oslo"}}\n]<|END_ACTION|>';
    const result = parseToolCalls(text, { format: "command_a" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Oslo" } },
    ]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
    expect(result.problems[0]!.raw).toContain("set_alarm");
  });
});
