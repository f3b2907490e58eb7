import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

const V3_CALL =
  '<｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Paris"}\n```<｜tool▁call▁end｜>';

describe("deepseek_v3", () => {
  it("reads the markers written with ASCII bars", () => {
    const text =
      '<|tool▁calls▁begin|><|tool▁call▁begin|>function<|tool▁sep|>get_weather\n```json\n{"city": "Paris"}\n```<|tool▁call▁end|><|tool▁calls▁end|>';
    const result = parseToolCalls(text, { format: "deepseek_v3" });
    expect(result.toolCalls).toEqual([{ id: "call_0", name: "get_weather", arguments: { city: "Paris" } }]);
    expect(result.content).toBe("");
  });

  it("keeps text after the last call when the section end is missing", () => {
    const result = parseToolCalls(`<｜tool▁calls▁begin｜>${V3_CALL}\nDone.`, { format: "deepseek_v3" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
    expect(result.content.trim()).toBe("Done.");
  });

  it("reads a lone call block without the section markers", () => {
    const result = parseToolCalls(`Sure. ${V3_CALL}`, { format: "deepseek_v3" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
    expect(result.content).toBe("Sure. ");
  });

  it("reports an unfinished call at the end of output as truncated", () => {
    const text =
      '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Par';
    const result = parseToolCalls(text, { format: "deepseek_v3" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reports a call without separator as malformed", () => {
    const text =
      "<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>get_weather<｜tool▁call▁end｜><｜tool▁calls▁end｜>";
    const result = parseToolCalls(text, { format: "deepseek_v3" });
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("is detected, and both call layouts are read, when auto-detecting", () => {
    const text = `<｜tool▁calls▁begin｜>${V3_CALL}<｜tool▁call▁begin｜>get_time<｜tool▁sep｜>{"tz": "UTC"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`;
    const result = parseToolCalls(text);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "get_time", args: { tz: "UTC" } },
    ]);
    expect(result.format).toBe("deepseek_v3");
  });
});
