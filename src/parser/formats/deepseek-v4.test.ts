import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ParseResult, ToolSpec } from "../types.ts";

const OPEN = "<｜DSML｜tool_calls>";
const CLOSE = "</｜DSML｜tool_calls>";
const invoke = (name: string, body: string) => `<｜DSML｜invoke name="${name}">\n${body}</｜DSML｜invoke>\n`;
const parameter = (name: string, value: string, string = true) =>
  `<｜DSML｜parameter name="${name}" string="${string}">${value}</｜DSML｜parameter>\n`;

const calls = (result: ParseResult) => result.toolCalls.map(({ name, arguments: args }) => ({ name, args }));

describe("deepseek_v4", () => {
  it("reads invokes in a tool_calls block, typed by the schema", () => {
    const tools: ToolSpec[] = [
      {
        name: "set_timer",
        parameters: {
          properties: { minutes: { type: "number" }, label: { type: ["string", "null"] } },
        },
      },
    ];
    const text = `Setting it.${OPEN}\n${invoke("set_timer", parameter("minutes", "5.0", false) + parameter("label", "null", false))}${CLOSE}`;
    const result = parseToolCalls(text, { format: "deepseek_v4", tools });
    expect(calls(result)).toEqual([{ name: "set_timer", args: { minutes: 5, label: null } }]);
    expect(result.content).toBe("Setting it.");
  });

  it("leaves a V3.2 function_calls block as content", () => {
    const text = `<｜DSML｜function_calls>\n${invoke("a", parameter("x", "1"))}</｜DSML｜function_calls>`;
    const result = parseToolCalls(text, { format: "deepseek_v4" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("accepts the unprefixed closing tag and reports a truncated block", () => {
    const closedPlain = `${OPEN}\n${invoke("a", parameter("x", "1"))}</tool_calls>`;
    expect(calls(parseToolCalls(closedPlain, { format: "deepseek_v4" }))).toEqual([
      { name: "a", args: { x: "1" } },
    ]);
    const cut = `${OPEN}\n<｜DSML｜invoke name="a">\n<｜DSML｜parameter name="x" string="false">{"k": [1, 2`;
    const result = parseToolCalls(cut, { format: "deepseek_v4" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("does not claim Jamba's plain <tool_calls> JSON block", () => {
    const text = '<tool_calls>[{"name": "a", "arguments": {}}]</tool_calls>';
    const result = parseToolCalls(text, { format: "deepseek_v4" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("reads invokes written without their block, prefixed or with the DSML token dropped", () => {
    const prefixed = invoke("read", parameter("path", "/a.ts") + parameter("limit", "20", false));
    const plain =
      '<invoke name="read">\n<parameter name="path" string="true">/a.ts</parameter>\n<parameter name="limit" string="false">20</parameter>\n</invoke>';
    for (const text of [prefixed, plain]) {
      for (const options of [{ format: "deepseek_v4" }, { tools: [{ name: "read" }] }] as const) {
        const result = parseToolCalls(text, options);
        expect(calls(result), text).toEqual([{ name: "read", args: { path: "/a.ts", limit: 20 } }]);
        expect(result.content.trim()).toBe("");
        expect(streamedInPieces(text, options)).toEqual(result);
      }
      // auto-detecting: an undeclared name stays text
      expect(parseToolCalls(text, { tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    }
    // without `string=` the plain invoke is MiniMax-M2's
    const minimax = '<invoke name="read">\n<parameter name="path">/a.ts</parameter>\n</invoke>';
    expect(parseToolCalls(minimax, { tools: [{ name: "read" }] }).format).toBe("minimax_m2");
  });
});
