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

  it("reads a plain <tool_calls> block whose body is an invoke (GigaChat 3 Ultra, skales #256)", () => {
    const text =
      '<tool_calls> <invoke name="web_search"> <parameter name="query" string="true">GigaChat-3-Ultra</parameter> <parameter name="limit" string="false">3</parameter> </invoke> </tool_calls>';
    for (const options of [{ format: "deepseek_v4" }, { tools: [{ name: "web_search" }] }] as const) {
      const result = parseToolCalls(text, options);
      expect(result.format).toBe("deepseek_v4");
      expect(calls(result)).toEqual([{ name: "web_search", args: { query: "GigaChat-3-Ultra", limit: 3 } }]);
      expect(result.content).toBe("");
      expect(streamedInPieces(text, options)).toEqual(result);
    }
    // auto-detecting, the invoke must name a declared tool
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    // an unclosed wrapper is given up: its invokes are read as bare ones
    const unclosed = text.replace(" </tool_calls>", "");
    const result = parseToolCalls(unclosed, { format: "deepseek_v4" });
    expect(calls(result)).toEqual([{ name: "web_search", args: { query: "GigaChat-3-Ultra", limit: 3 } }]);
    expect(result.content.trim()).toBe("<tool_calls>");
    // Jamba's JSON body in the same tag is still Jamba's when auto-detecting
    const jamba = '<tool_calls>[{"name": "a", "arguments": {}}]</tool_calls>';
    expect(parseToolCalls(jamba).format).toBe("jamba");
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

  it("does not open a block or an invoke with ASCII bars (<|DSML|..>, malformed for TensorRT-LLM)", () => {
    const ascii =
      '<|DSML|tool_calls>\n<|DSML|invoke name="run">\n<|DSML|parameter name="cmd" string="true">ls</|DSML|parameter>\n</|DSML|invoke>\n</|DSML|tool_calls>';
    expect(parseToolCalls(ascii, { format: "deepseek_v4" }).toolCalls).toEqual([]);
    // the plain invokes inside such a block are still read as bare ones, the block tags stay text
    const mixed =
      '<|DSML|tool_calls>\n<invoke name="run">\n<parameter name="cmd" string="true">ls</parameter>\n</invoke>\n</|DSML|tool_calls>';
    const result = parseToolCalls(mixed, { format: "deepseek_v4" });
    expect(calls(result)).toEqual([{ name: "run", args: { cmd: "ls" } }]);
    expect(result.content).toBe("<|DSML|tool_calls>\n\n</|DSML|tool_calls>");
    expect(streamedInPieces(mixed, { format: "deepseek_v4" })).toEqual(result);
  });

  it("ends an unclosed parameter or invoke where the next tag opens, without the line break before it", () => {
    const text =
      '<｜DSML｜tool_calls>\n<invoke name="read_file">\n<parameter name="path" string="true">/app/index.ts\n<parameter name="offset" string="false">100\n<invoke name="run">\n<parameter name="cmd" string="true">wc -l</parameter>\n</invoke>\n</｜DSML｜tool_calls>';
    const result = parseToolCalls(text, { format: "deepseek_v4" });
    expect(calls(result)).toEqual([
      { name: "read_file", args: { path: "/app/index.ts", offset: 100 } },
      { name: "run", args: { cmd: "wc -l" } },
    ]);
    expect(result.content).toBe("");
    // a closed value keeps its line breaks
    const closed = `${OPEN}\n${invoke("w", parameter("text", "a\nb\n"))}${CLOSE}`;
    expect(calls(parseToolCalls(closed, { format: "deepseek_v4" }))).toEqual([
      { name: "w", args: { text: "a\nb\n" } },
    ]);
  });
  it("reads DeepSeek-V4.1's spaced tag names (<｜DSML｜ calls>)", () => {
    const text =
      'summary\n\n<｜DSML｜ calls>\n<｜DSML｜ invoke name="get_weather">\n<｜DSML｜ parameter name="city" string="true">Paris</｜DSML｜ parameter>\n<｜DSML｜ parameter name="days" string="false">3</｜DSML｜ parameter>\n</｜DSML｜ invoke>\n</｜DSML｜ calls>';
    for (const format of ["deepseek_v4", "deepseekv41", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map((c) => [c.name, c.arguments]),
        format,
      ).toEqual([["get_weather", { city: "Paris", days: 3 }]]);
      expect(result.content.trim()).toBe("summary");
    }
  });
});
