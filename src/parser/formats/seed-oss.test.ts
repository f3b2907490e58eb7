import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { location: { type: "string" }, days: { type: "integer" } } },
};
const call =
  "<seed:tool_call>\n<function=get_weather>\n<parameter=location>Paris</parameter>\n<parameter=days>3</parameter>\n</function>\n</seed:tool_call>";

describe("seed_oss", () => {
  it("puts <seed:think> in reasoning and types values by the schema", () => {
    const result = parseToolCalls(`<seed:think>Check Paris.</seed:think>\n${call}`, {
      format: "seed_oss",
      tools: [weather],
    });
    expect(result.reasoning).toBe("Check Paris.");
    expect(result.content.trim()).toBe("");
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([{ location: "Paris", days: 3 }]);
  });

  it("lets the call after the reasoning win over a different drafted one", () => {
    const draft = call.replace("Paris", "Rome");
    const result = parseToolCalls(`<seed:think>Maybe ${draft}? No.</seed:think>${call}`, {
      format: "seed_oss",
      tools: [weather],
    });
    expect(result.toolCalls.map((c) => c.arguments.location)).toEqual(["Paris"]);
    expect(result.problems.map((p) => p.code)).toEqual(["call-in-reasoning"]);
  });

  it("treats budget notes outside the reasoning as reasoning", () => {
    const text = "<seed:cot_budget_reflect>I have used 10 tokens.</seed:cot_budget_reflect>\nDone.";
    const result = parseToolCalls(text, { format: "seed_oss" });
    expect(result.reasoning).toBe("I have used 10 tokens.");
    expect(result.content.trim()).toBe("Done.");
  });

  it("is auto-detected, with values inferred when no schema is declared", () => {
    const result = parseToolCalls(call);
    expect(result.format).toBe("seed_oss");
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([{ location: "Paris", days: 3 }]);
  });

  it("reads <function name=..> whose parameters carry DSML's string= mark (Doubao Seed 2.0, picoclaw #3153)", () => {
    const text =
      '<seed:tool_call>\n  <function name="exec">\n    <parameter name="action" string="true">run</parameter>\n    <parameter name="timeout" string="false">30</parameter>\n    <parameter name="tag" string="true">42</parameter>\n  </function>\n</seed:tool_call>';
    for (const options of [{ format: "seed_oss" }, { tools: [{ name: "exec" }] }, {}] as const) {
      const result = parseToolCalls(text, options);
      expect(result.format).toBe("seed_oss");
      expect(result.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
        ["exec", { action: "run", timeout: 30, tag: "42" }],
      ]);
      expect(result.content).toBe("");
      expect(streamedInPieces(text, options)).toEqual(result);
    }
  });

  it("reports a truncated call", () => {
    const result = parseToolCalls("<seed:tool_call>\n<function=get_weather>\n<parameter=location>Par", {
      format: "seed_oss",
    });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((p) => p.code)).toEqual(["truncated-call"]);
  });
});

describe("seed_oss: inline values (llama.cpp test-chat.cpp)", () => {
  it("keeps a value's own trailing newline when no newline follows the opening tag", () => {
    const text =
      "<seed:tool_call>\n<function=edit>\n<parameter=a>def f():\n    pass\n</parameter>\n<parameter=b>\nx = 1\ny = 2\n</parameter>\n</function>\n</seed:tool_call>";
    const result = parseToolCalls(text, { format: "seed_oss" });
    expect(result.toolCalls[0]?.arguments).toEqual({ a: "def f():\n    pass\n", b: "x = 1\ny = 2" });
  });
});

describe("seed_oss reasoning opened in the prompt", () => {
  it("reads text before an orphan </seed:think> as reasoning, one-shot and streamed", () => {
    const text = "Let me think.</seed:think>The answer is 42.";
    for (const format of ["seed_oss", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(result.reasoning, format).toBe("Let me think.");
      expect(result.content, format).toBe("The answer is 42.");
      expect(streamedInPieces(text, { format })).toEqual(result);
    }
  });

  it("does not retract after reasoning opened in the output: a stray closer is dropped, as a stray </think> is", () => {
    const result = parseToolCalls("<seed:think>a</seed:think>b</seed:think>c", { format: "seed_oss" });
    expect(result.reasoning).toBe("a");
    expect(result.content).toBe("bc");
  });
});
