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
