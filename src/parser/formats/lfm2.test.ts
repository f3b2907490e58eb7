import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("lfm2", () => {
  it("reads pythonic calls between the tokens and keeps the text around them", () => {
    const result = parseToolCalls(
      'Checking.<|tool_call_start|>[get_weather(city="Paris"), get_time()]<|tool_call_end|>Done.',
      { format: "lfm2" },
    );
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "get_time", args: {} },
    ]);
    expect(result.content).toBe("Checking.Done.");
  });

  it("reads a JSON list too when the format is given", () => {
    const result = parseToolCalls(
      '<|tool_call_start|>[{"name": "get_time", "arguments": {"zone": "UTC"}}]<|tool_call_end|>',
      { format: "lfm2" },
    );
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ zone: "UTC" }]);
  });

  it("shares its tokens with lfm2_json when auto-detecting: the body decides", () => {
    expect(parseToolCalls('<|tool_call_start|>[get_time(zone="UTC")]<|tool_call_end|>').format).toBe("lfm2");
    expect(
      parseToolCalls('<|tool_call_start|>[{"name": "get_time", "arguments": {}}]<|tool_call_end|>').format,
    ).toBe("lfm2_json");
  });

  it("tolerates a missing end token when the calls are complete, not when truncated", () => {
    expect(
      parseToolCalls('<|tool_call_start|>[get_time(zone="UTC")]', { format: "lfm2" }).toolCalls,
    ).toHaveLength(1);
    const truncated = parseToolCalls('<|tool_call_start|>[get_time(zone="U', { format: "lfm2" });
    expect(truncated.toolCalls).toEqual([]);
    expect(truncated.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });
});
