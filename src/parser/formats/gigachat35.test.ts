import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

const invoke = (name: string, ...params: [string, string, boolean][]) =>
  `<｜GCML｜invoke name="${name}">${params
    .map(
      ([key, value, string]) =>
        `<｜GCML｜parameter name="${key}" string="${string}">${value}</｜GCML｜parameter>`,
    )
    .join("")}</｜GCML｜invoke>`;
const block = (...invokes: string[]) => `<｜GCML｜tool_calls>${invokes.join("")}</｜GCML｜tool_calls>`;

describe("gigachat35", () => {
  const text = `I will check.${block(
    invoke("get_weather", ["city", "Tokyo", true]),
    invoke("store", ["payload", '{"a": 1}', false], ["n", "7", false]),
  )}</s>`;

  it("reads GCML invokes, with the format given and auto-detected", () => {
    for (const format of ["gigachat35", "auto"] as const) {
      const result = parseToolCalls(text, { format });
      expect(
        result.toolCalls.map((c) => [c.name, c.arguments]),
        format,
      ).toEqual([
        ["get_weather", { city: "Tokyo" }],
        ["store", { payload: { a: 1 }, n: 7 }],
      ]);
      expect([result.format, result.content]).toEqual(["gigachat35", "I will check."]);
    }
  });

  it("reports an invoke cut off by the end of the output", () => {
    const cut = parseToolCalls('<｜GCML｜tool_calls><｜GCML｜invoke name="broken">', {
      format: "gigachat35",
    });
    expect([cut.toolCalls, cut.problems.map((p) => p.code)]).toEqual([[], ["truncated-call"]]);
  });

  it("streams as it parses one-shot", () => {
    expectStreamsAsOneShot([text], ["gigachat35", "auto"]);
  });
});
