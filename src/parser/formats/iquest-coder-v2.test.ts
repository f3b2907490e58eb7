import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};
const call = (name: string, pairs: [string, string][] = []) =>
  `<iquestcoder_tool_call>${name}${pairs.map(([k, v]) => `<arg_key>${k}</arg_key><arg_value>${v}</arg_value>`).join("")}</iquestcoder_tool_call>`;

describe("iquest_coder_v2", () => {
  it("reads calls with the format given and auto-detected, typing by the schema", () => {
    const text = `Let me check.\n${call("get_weather", [
      ["city", "12345"],
      ["days", "3"],
    ])}${call("now")}`;
    for (const format of ["iquest_coder_v2", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [weather, { name: "now" }] });
      expect(result.toolCalls.map((c) => [c.name, c.arguments])).toEqual([
        ["get_weather", { city: "12345", days: 3 }],
        ["now", {}],
      ]);
      expect([result.format, result.content]).toEqual(["iquest_coder_v2", "Let me check.\n"]);
    }
  });

  it("decodes values without a schema when they read as JSON", () => {
    const text = call("anything", [
      ["n", "3"],
      ["xs", "[1, 2]"],
      ["s", "plain"],
    ]);
    expect(parseToolCalls(text, { format: "iquest_coder_v2" }).toolCalls[0]?.arguments).toEqual({
      n: 3,
      xs: [1, 2],
      s: "plain",
    });
  });

  it("reports a block cut off by the end of the output", () => {
    const result = parseToolCalls("<iquestcoder_tool_call>get_weather<arg_key>city</arg_key><arg_value>Da", {
      format: "iquest_coder_v2",
      tools: [weather],
    });
    expect([result.toolCalls, result.problems.map((p) => p.code)]).toEqual([[], ["truncated-call"]]);
  });

  it("streams in 1-3 character chunks to the one-shot result", () => {
    const text = `Checking.${call("get_weather", [["city", "Dallas"]])}\n${call("get_weather", [
      ["city", "Orlando"],
      ["days", "2"],
    ])}`;
    for (const format of ["iquest_coder_v2", "auto"] as const) {
      const oneShot = parseToolCalls(text, { format, tools: [weather] });
      expect(streamedInPieces(text, { format, tools: [weather] })).toEqual(oneShot);
      expect(oneShot.toolCalls.length).toBe(2);
    }
  });
  it("reads IQuest-Q1's <iquest_tool_call> tags (sglang iquest_q1)", () => {
    const text =
      'Running now. <iquest_tool_call>run\n<arg_key>code</arg_key><arg_value>  "123"\n</arg_value><arg_key>count</arg_key> <arg_value>42</arg_value>\n</iquest_tool_call>';
    const run: ToolSpec = {
      name: "run",
      parameters: { type: "object", properties: { code: { type: "string" }, count: { type: "integer" } } },
    };
    for (const format of ["iquest_coder_v2", "iquest_q1", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [run] });
      expect(
        result.toolCalls.map((c) => [c.name, c.arguments]),
        format,
      ).toEqual([["run", { code: '  "123"\n', count: 42 }]]);
      expect(result.content).toBe("Running now. ");
      expect(streamedInPieces(text, { format, tools: [run] })).toEqual(result);
    }
  });
});
