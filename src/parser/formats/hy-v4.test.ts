import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const S = ":opensource";
const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};
const odd: ToolSpec = {
  name: "odd",
  parameters: {
    type: "object",
    properties: { n: { type: "int" }, xs: { type: "list" }, u: { type: "uint32" }, f: { type: "double" } },
  },
};
const arg = (key: string, value: string, suffix = S) =>
  `<arg_key${suffix}>${key}</arg_key${suffix}><arg_value${suffix}>${value}</arg_value${suffix}>`;
const call = (name: string, args = "", suffix = S) =>
  `<tool_call${suffix}>${name}${args}</tool_call${suffix}>`;
const block = (body: string, suffix = S) => `<tool_calls${suffix}>${body}</tool_calls${suffix}>`;
const read = (
  text: string,
  options: Parameters<typeof parseToolCalls>[1] = { format: "hy_v4", tools: [weather] },
) => parseToolCalls(text, options);

describe("hy_v4", () => {
  it("reads suffixed calls, typing values by the schema, with the format given and auto-detected", () => {
    const text = `sure!${block(call("get_weather", arg("city", "Beijing") + arg("days", "3")) + call("now"))}`;
    for (const format of ["hy_v4", "auto"] as const) {
      const result = read(text, { format, tools: [weather] });
      expect(result.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
        ["get_weather", { city: "Beijing", days: 3 }],
        ["now", {}],
      ]);
      expect([result.content, result.format]).toEqual(["sure!", "hy_v4"]);
    }
    expect(
      read(block(call("get_weather", arg("days", "3"))), { format: "hy_v4" }).toolCalls[0]?.arguments,
    ).toEqual({
      days: "3",
    });
  });

  it("maps the non-standard type names HY schemas carry", () => {
    const text = block(call("odd", arg("n", "7") + arg("xs", "[1]") + arg("u", "42") + arg("f", "2.5")));
    expect(read(text, { format: "hy_v4", tools: [odd] }).toolCalls[0]?.arguments).toEqual({
      n: 7,
      xs: [1],
      u: 42,
      f: 2.5,
    });
  });

  it("reads <tool_sep:opensource> (Hy3's shipping tokens), reasoning and a repeated key", () => {
    const text = `<think${S}>Plan.</think${S}>${block(`<tool_call${S}>get_weather<tool_sep${S}>${arg("city", "A")}${arg("city", "B")}</tool_call${S}>`)}<｜hy_eos${S}｜>`;
    const result = read(text, { tools: [weather] });
    expect([result.format, result.reasoning, result.content]).toEqual(["hy_v4", "Plan.", ""]);
    expect(result.toolCalls[0]?.arguments).toEqual({ city: "B" });
  });

  it("reads unsuffixed tokens with the format given and leaves them to hy_v3 when auto-detecting", () => {
    const text = block(call("get_weather", arg("city", "A", ""), ""), "");
    expect(read(text).toolCalls[0]?.arguments).toEqual({ city: "A" });
    expect(read(text, { tools: [weather] }).format).toBe("hy_v3");
  });

  it("keeps complete calls of a cut-off block and reports malformed calls", () => {
    const cut = `<tool_calls${S}>${call("get_weather", arg("city", "A"))}<tool_call${S}>get_weather<arg_key${S}>ci`;
    const result = read(cut);
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([{ city: "A" }]);
    expect(result.problems.map((p) => p.code)).toEqual(["truncated-call"]);
    const junk = read(block(`<tool_call${S}>get_weather${arg("city", "X")}JUNK</tool_call${S}>`));
    expect([junk.toolCalls, junk.problems.map((p) => p.code)]).toEqual([[], ["malformed-call"]]);
  });

  it("leaves prose mentioning the tags alone", () => {
    const text = "HY v4 wraps calls in <tool_calls:opensource> tokens, see the docs.";
    const result = read(text, { tools: [weather] });
    expect([result.toolCalls.length, result.problems.length]).toEqual([0, 1]);
    const plain = read("Use tool_calls:opensource as the suffix.", { tools: [weather] });
    expect([plain.toolCalls, plain.content, plain.problems]).toEqual([
      [],
      "Use tool_calls:opensource as the suffix.",
      [],
    ]);
  });

  it("streams in 1-3 character chunks to the one-shot result", () => {
    const text = `<think${S}>Weather first.</think${S}>Checking.${block(`\n${call("get_weather", arg("city", "北京") + arg("days", "2"))}\n${call("now")}\n`)}`;
    for (const format of ["hy_v4", "auto"] as const) {
      const oneShot = parseToolCalls(text, { format, tools: [weather] });
      expect(streamedInPieces(text, { format, tools: [weather] })).toEqual(oneShot);
      expect([oneShot.reasoning, oneShot.content, oneShot.toolCalls.length]).toEqual([
        "Weather first.",
        "Checking.",
        2,
      ]);
    }
  });

  it("reads Hy3's <end_of_tool_call:opensource> ending, with a JSON body or pairs (Rapid-MLX)", () => {
    const json = `<tool_call${S}>get_weather<tool_sep${S}>{"city": "Paris <tool_call${S}>", "days": 2}<end_of_tool_call${S}>`;
    const pairs = `<tool_call${S}>get_weather<tool_sep${S}>${arg("city", `Oslo <end_of_tool_call${S}> too`)}<end_of_tool_call${S}>`;
    const stray = `<tool_call${S}>get_weather<tool_sep${S}>{"days": 5}<arg_value${S}><end_of_tool_call${S}>`;
    for (const [text, args] of [
      [json, { city: `Paris <tool_call${S}>`, days: 2 }],
      [pairs, { city: `Oslo <end_of_tool_call${S}> too` }],
      [stray, { days: 5 }],
    ] as const) {
      const result = read(text);
      expect(
        result.toolCalls.map((c) => c.arguments),
        text,
      ).toEqual([args]);
      expect(result.content).toBe("");
      expect(streamedInPieces(text, { format: "hy_v4", tools: [weather] })).toEqual(result);
      expect(read(text, { tools: [weather] }).toolCalls).toEqual(result.toolCalls);
    }
  });
});
