import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};
const DOUBLED = "get_weather.get_weather";
const atem = (name: string, params: Record<string, string>) =>
  `<atem:function_calls>\n<atem:invoke name="${name}">\n${Object.entries(params)
    .map(([k, v]) => `<atem:parameter name="${k}">${v}</atem:parameter>\n`)
    .join("")}</atem:invoke>\n</atem:function_calls>`;
const calls = (text: string, format: "muse_glimmer" | "auto", tools: ToolSpec[] = [weather]) =>
  parseToolCalls(text, { format, tools }).toolCalls.map((call) => [call.name, call.arguments]);

describe("muse_glimmer", () => {
  const turn =
    ` to=self<|message|>Need weather.<|eom|><|start|>assistant to=${DOUBLED}<|message|>` +
    `${atem(DOUBLED, { city: "Paris", days: "3" })}<|eom|><|start|>assistant to=user<|message|>It is sunny.<|eot|>`;

  it("reads reasoning, calls and the answer, with the format given and auto-detected", () => {
    for (const format of ["muse_glimmer", "auto"] as const) {
      const result = parseToolCalls(turn, { format, tools: [weather] });
      expect(
        result.toolCalls.map((call) => [call.name, call.arguments]),
        format,
      ).toEqual([["get_weather", { city: "Paris", days: 3 }]]);
      expect([result.format, result.content.trim(), result.reasoning.trim()]).toEqual([
        "muse_glimmer",
        "It is sunny.",
        "Need weather.",
      ]);
      expect(result.problems).toEqual([]);
    }
  });

  it("drops a namespace that repeats the name, also without declared tools", () => {
    expect(calls(turn, "muse_glimmer", [])).toEqual([["get_weather", { city: "Paris", days: 3 }]]);
    const nested = ` to=repo.repo.read<|message|>${atem("repo.repo.read", { path: "a" })}`;
    expect(calls(nested, "muse_glimmer", [])).toEqual([["repo.read", { path: "a" }]]);
    const plain = ` to=weather.get<|message|>${atem("weather.get", { city: "x" })}`;
    expect(calls(plain, "muse_glimmer", [{ name: "weather.get" }])).toEqual([["weather.get", { city: "x" }]]);
  });

  it("keeps values verbatim, typing schema-less JSON literals", () => {
    const text = `<|start|>assistant to=get_weather<|message|>${atem("get_weather", {
      code: 'line1\nline2\n"quoted"\n',
      n: "42",
      o: '{"a": 1}',
      s: "hello world",
      quoted: "literal <|eot|> and <|start|>assistant to=user<|message|> text",
    })}`;
    expect(calls(text, "muse_glimmer")).toEqual([
      [
        "get_weather",
        {
          code: 'line1\nline2\n"quoted"\n',
          n: 42,
          o: { a: 1 },
          s: "hello world",
          quoted: "literal <|eot|> and <|start|>assistant to=user<|message|> text",
        },
      ],
    ]);
  });

  it("does not call what reasoning or an answer quotes", () => {
    const quoted = [
      ` to=self<|message|>Maybe I call ${atem(DOUBLED, { city: "X" })} — no.<|eom|><|start|>assistant to=user<|message|>No.`,
      ` to=self<|message|>r<|eom|><|start|>assistant to=user<|message|>You would write:\n${atem(DOUBLED, { city: "X" })}`,
    ];
    for (const text of quoted) {
      for (const format of ["muse_glimmer", "auto"] as const) expect(calls(text, format), format).toEqual([]);
    }
  });

  it("reads a whole ATEM block sent to the wrong recipient, or with no header, for a declared tool", () => {
    const block = atem("get_weather", { city: "Oslo" });
    for (const text of [
      ` to=user<|message|>${block}<|eot|>`,
      ` to=muse<|message|>${block}<|eom|>`,
      ` to=self<|message|>let me look<|eom|><|start|>assistant<|message|>${block}<|eom|>`,
      block,
    ]) {
      expect(calls(text, "muse_glimmer"), text).toEqual([["get_weather", { city: "Oslo" }]]);
    }
    expect(calls(block, "muse_glimmer", [])).toEqual([]);
  });

  it("reports a call cut off mid-value, and leaves prose starting with to= alone", () => {
    const cut = parseToolCalls(
      ` to=self<|message|>Need weather.<|eom|><|start|>assistant to=${DOUBLED}<|message|><atem:function_calls>\n<atem:invoke name="${DOUBLED}">\n<atem:parameter name="city">Par`,
      { format: "muse_glimmer", tools: [weather] },
    );
    expect([cut.toolCalls, cut.problems.map((problem) => problem.code)]).toEqual([[], ["truncated-call"]]);
    for (const text of ["to=x is the syntax.", "to= is an assignment", "to=a<b is false"]) {
      expect(parseToolCalls(text, { format: "muse_glimmer" }).content).toBe(text);
    }
  });

  it("streams as it parses one-shot", () => {
    expectStreamsAsOneShot(
      [turn, ` to=self<|message|>first<|eom|><|start|>assistant to=self<|message|>second<|eom|>`],
      ["muse_glimmer", "auto"],
      { tools: [weather] },
    );
  });
});
