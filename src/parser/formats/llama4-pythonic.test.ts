import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("llama4_pythonic", () => {
  it("reads the list between the python tokens, with or without the end token", () => {
    for (const text of [
      "<|python_start|>[get_weather(city='LA')]<|python_end|><|eot|>",
      "<|python_start|>[get_weather(city='LA')]",
      "<|python_start|>[get_weather(city='LA')]<|eom|>",
    ]) {
      const result = parseToolCalls(text, { format: "llama4_pythonic" });
      expect(
        result.toolCalls.map((call) => call.arguments),
        text,
      ).toEqual([{ city: "LA" }]);
      expect(result.content, text).toBe("");
    }
  });

  it("accepts calls written without the list brackets", () => {
    const result = parseToolCalls("<|python_start|>get_weather(city='LA')\nget_time()<|python_end|>", {
      format: "llama4_pythonic",
    });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_weather", "get_time"]);
  });

  it("is detected from its tokens", () => {
    const result = parseToolCalls("Sure.<|python_start|>[get_time(zone='UTC')]<|python_end|>");
    expect(result.format).toBe("llama4_pythonic");
    expect(result.content).toBe("Sure.");
  });

  it("reports an output that ends inside a call", () => {
    const result = parseToolCalls("<|python_start|>[get_weather(city='L", { format: "llama4_pythonic" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });
});
