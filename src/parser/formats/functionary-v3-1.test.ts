import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("functionary_v3_1", () => {
  it("reads several calls with text around them", () => {
    const text = 'Let me see. <function=a>{"x": 1}</function><function=b>{}</function> Done.';
    const result = parseToolCalls(text, { format: "functionary_v3_1" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a", "b"]);
    expect(result.content).toBe("Let me see.  Done.");
  });

  it("accepts an output cut inside </function> when the JSON is complete", () => {
    const result = parseToolCalls('<function=a>{"x": 1}</func', { format: "functionary_v3_1" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ x: 1 }]);
  });

  it("reports unfinished JSON at the end of output as truncated", () => {
    const result = parseToolCalls('<function=a>{"x": ', { format: "functionary_v3_1" });
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reads <|python_tag|> code as a python call with the format given only", () => {
    const text = "<|python_tag|>print(1)<|eom_id|>";
    expect(parseToolCalls(text, { format: "functionary_v3_1" }).toolCalls).toEqual([
      { id: "call_0", name: "python", arguments: { code: "print(1)" } },
    ]);
  });

  it("claims <function=NAME>{json} when auto-detecting, but not qwen3_coder's parameter bodies", () => {
    expect(parseToolCalls('<function=a>{"x": 1}</function>').format).toBe("functionary_v3_1");
    const xml = "<function=a>\n<parameter=x>\n1\n</parameter>\n</function>";
    expect(parseToolCalls(xml).format).not.toBe("functionary_v3_1");
  });
});
