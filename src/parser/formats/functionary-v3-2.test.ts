import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("functionary_v3_2", () => {
  it("reads text, call and python segments after >>>", () => {
    const text = '>>>all\nLet me check.>>>get_weather\n{"city": "Paris"}\n>>>python\nprint(1)\n';
    const result = parseToolCalls(text, { format: "functionary_v3_2" });
    expect(result.content).toBe("Let me check.");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "python", args: { code: "print(1)" } },
    ]);
  });

  it("reports a non-JSON body of a tool segment and an unfinished one", () => {
    const bad = parseToolCalls(">>>get_weather\nParis please", { format: "functionary_v3_2" });
    expect(bad.problems.map((problem) => problem.code)).toEqual(["invalid-arguments"]);
    const cut = parseToolCalls('>>>get_weather\n{"city": "Par', { format: "functionary_v3_2" });
    expect(cut.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("leaves Python prompts in prose alone when auto-detecting", () => {
    const text = "In the REPL:\n>>> print(1)\n1\n>>>x = {1: 2}\n";
    const result = parseToolCalls(text);
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("finds >>>NAME\\n{json} when auto-detecting, only for declared tools when tools are declared", () => {
    const text = 'Sure.>>>get_weather\n{"city": "Paris"}';
    expect(parseToolCalls(text).toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
    expect(parseToolCalls(text, { tools: [{ name: "search" }] }).toolCalls).toEqual([]);
  });
});
