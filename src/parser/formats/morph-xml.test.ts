import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ParseOptions, ToolSpec } from "../types.ts";

const weather: ToolSpec = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: {
      city: { type: "string" },
      days: { type: "integer" },
      metric: { type: "boolean" },
      tags: { type: "array", items: { type: "string" } },
      range: { type: "object", properties: { from: { type: "integer" }, to: { type: "integer" } } },
    },
  },
};
const now: ToolSpec = { name: "get_time" };
const search: ToolSpec = {
  name: "search",
  parameters: { type: "object", properties: { query: { type: "string" } } },
};
const given: ParseOptions = { format: "morph_xml", tools: [weather, now, search] };

describe("morph_xml", () => {
  it("types child elements by the schema; repeated tags and nested elements", () => {
    const text =
      "I'll check.\n<get_weather>\n<city>Paris &amp; Lyon</city>\n<days>3</days>\n<metric>true</metric>\n<tags>sun</tags>\n<tags>rain</tags>\n<range><from>1</from><to>5</to></range>\n</get_weather>";
    const result = parseToolCalls(text, given);
    expect(result.toolCalls.map((c) => c.arguments)).toEqual([
      { city: "Paris & Lyon", days: 3, metric: true, tags: ["sun", "rain"], range: { from: 1, to: 5 } },
    ]);
    expect(result.content.trim()).toBe("I'll check.");
    const parser = new StreamParser(given);
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(result);
  });

  it("reads <item> lists, a self-closing call, and raw markup in a string value", () => {
    const text =
      "<get_weather><tags><item>a</item><item>b</item></tags></get_weather><get_time/><search><query><b>x</b></query></search>";
    expect(parseToolCalls(text, given).toolCalls.map((c) => [c.name, c.arguments])).toEqual([
      ["get_weather", { tags: ["a", "b"] }],
      ["get_time", {}],
      ["search", { query: "<b>x</b>" }],
    ]);
  });

  it("opens blocks only for declared tools", () => {
    const text = "<get_weather><city>Paris</city></get_weather>";
    expect(parseToolCalls(text, { format: "morph_xml" }).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "morph_xml", tools: [search] }).content).toBe(text);
  });

  it("auto-detects declared calls but leaves a tag in prose as text", () => {
    const auto = parseToolCalls("<search><query>cats</query></search>", { tools: [search] });
    expect(auto.format).toBe("morph_xml");
    expect(auto.toolCalls.map((c) => c.arguments)).toEqual([{ query: "cats" }]);
    const prose = "Use <search> for lookups, then </search> ends it.";
    const text = parseToolCalls(prose, { tools: [search] });
    expect(text.toolCalls).toEqual([]);
    expect(text.content).toBe(prose);
    expect(parseToolCalls("<search><query>cats</query></search>").toolCalls).toEqual([]);
  });

  it("takes plain text as the only parameter's value when the format is given", () => {
    expect(parseToolCalls("<search>cats and dogs</search>", given).toolCalls.map((c) => c.arguments)).toEqual(
      [{ query: "cats and dogs" }],
    );
  });

  it("reports a value cut off at the end; accepts a missing closing tag after whole elements", () => {
    const cut = parseToolCalls("<get_weather><city>Par", given);
    expect(cut.toolCalls).toEqual([]);
    expect(cut.problems.map((p) => p.code)).toEqual(["truncated-call"]);
    const open = parseToolCalls("<get_weather><city>Paris</city>", given);
    expect(open.toolCalls.map((c) => c.arguments)).toEqual([{ city: "Paris" }]);
  });
});

describe("morph_xml: line-prefixed names and a self-closing root around the arguments (ai-sdk)", () => {
  const options: ParseOptions = { format: "morph_xml", tools: [weather] };
  const calls = (text: string, opts: ParseOptions = options) =>
    parseToolCalls(text, opts).toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

  it("reads `NAME` / `NAME:` on its own line followed by parameter elements, keeping text after them", () => {
    expect(calls("get_weather\n<city>Seoul</city>\n<days>2</days>")).toEqual([
      { name: "get_weather", arguments: { city: "Seoul", days: 2 } },
    ]);
    expect(calls("get_weather:\n<city>Busan</city>", { tools: [weather] })).toEqual([
      { name: "get_weather", arguments: { city: "Busan" } },
    ]);
    expect(parseToolCalls("get_weather\n<city>Seoul</city>\nThanks", options).content.trim()).toBe("Thanks");
  });

  it("keeps a name line followed by prose or by an undeclared element as text", () => {
    expect(calls("get_weather\nI can help with weather.")).toEqual([]);
    expect(calls("get_weather\n<b>bold</b>")).toEqual([]);
  });

  it("reads `<NAME\\n<arg>..</arg>\\n/>`", () => {
    expect(calls("<get_weather\n  <city>Seoul</city>\n/>")).toEqual([
      { name: "get_weather", arguments: { city: "Seoul" } },
    ]);
  });
});
