import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
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

describe("morph_xml: ai-sdk recoveries", () => {
  const args = (text: string, options: ParseOptions) =>
    parseToolCalls(text, options).toolCalls.map(({ name, arguments: a }) => [name, a]);
  const send: ToolSpec = {
    name: "send_message",
    parameters: {
      type: "object",
      properties: {
        message: { type: "string" },
        card: { type: "object", properties: { title: { type: "string" }, image_url: { type: "string" } } },
      },
    },
  };

  it("takes plain text with stray markup as the prose parameter's value (format given)", () => {
    const options: ParseOptions = { format: "morph_xml", tools: [send] };
    expect(
      args("<send_message>R&amp;D is <b>done</b>.<br/>Thanks<!-- x --></send_message>", options),
    ).toEqual([["send_message", { message: "R&D is done.Thanks" }]]);
    // Two string parameters, or another one required: no prose parameter.
    const two: ToolSpec = {
      name: "send_message",
      parameters: { type: "object", properties: { to: { type: "string" }, message: { type: "string" } } },
    };
    expect(args("<send_message>hi</send_message>", { format: "morph_xml", tools: [two] })).toEqual([]);
  });

  it("types values as the schema says: last of a repeated scalar, one item, indexed items", () => {
    const tool: ToolSpec = {
      name: "t",
      parameters: {
        type: "object",
        properties: {
          note: { type: "string" },
          cmd: { type: "array", items: { type: "string" } },
          none: { type: "array", items: { type: "number" } },
          n: { type: "number" },
          point: { type: "array", items: { type: "number" } },
          map: { type: "object" },
          body: { type: "string" },
        },
      },
    };
    const text =
      '<t><note>a</note><note>b</note><cmd>ls -la &amp;&amp; echo done</cmd><none>  </none><n><item>42</item></n><point><0>1.5</0><1>2</1></point><map><0>x</0><name>y</name></map><body kind="a > b">text</body></t>';
    const options: ParseOptions = { format: "morph_xml", tools: [tool] };
    expect(args(text, options)).toEqual([
      [
        "t",
        {
          note: "b",
          cmd: ["ls -la && echo done"],
          none: [],
          n: 42,
          point: [1.5, 2],
          map: { 0: "x", name: "y" },
          body: "text",
        },
      ],
    ]);
    expect(streamedInPieces(text, options)).toEqual(parseToolCalls(text, options));
  });

  it("reads self-closing calls with spaces in the tag", () => {
    for (const text of ["<get_time />", "<get_time \n />", "x < get_time/> y"]) {
      expect(args(text, given), text).toEqual([["get_time", {}]]);
    }
    expect(args("<get_time is a tool>", given)).toEqual([]);
  });

  it("ends a line-prefixed call where the next call starts (Devstral)", () => {
    const list: ToolSpec = {
      name: "list_dir",
      parameters: { type: "object", properties: { path: { type: "string" } } },
    };
    const read: ToolSpec = {
      name: "read_file",
      parameters: { type: "object", properties: { path: { type: "string" } } },
    };
    const write: ToolSpec = {
      name: "write_file",
      parameters: { type: "object", properties: { path: { type: "string" }, read_file: { type: "string" } } },
    };
    const options: ParseOptions = { format: "morph_xml", tools: [list, read, write] };
    const devstral = "list_dir\n  <path>/src</path>\nread_file\n  <path>/src/main.ts</path>\n</read_file>";
    const both = [
      ["list_dir", { path: "/src" }],
      ["read_file", { path: "/src/main.ts" }],
    ];
    expect(args(devstral, options)).toEqual(both);
    expect(
      args("list_dir\n<path>/src</path>\n<read_file><path>/src/main.ts</path></read_file>", options),
    ).toEqual(both);
    expect(streamedInPieces(devstral, options)).toEqual(parseToolCalls(devstral, options));
    // A parameter named like another tool stays a parameter.
    expect(args("write_file\n<path>/a</path>\n<read_file>/b</read_file>\n</write_file>", options)).toEqual([
      ["write_file", { path: "/a", read_file: "/b" }],
    ]);
  });
  it("keeps a parameter's own close tag written inside its value (Cline's write_to_file)", () => {
    const text = "<search><query>a </query> b\n</query></search>";
    expect(parseToolCalls(text, given).toolCalls.map((call) => call.arguments)).toEqual([
      { query: "a </query> b" },
    ]);
    // Another element opening before the later close, or only spaces before it: the first close
    // ended the value.
    const next = "<get_weather><city>Paris</city> <days>2</days> x</city></get_weather>";
    expect(parseToolCalls(next, given).toolCalls.map((call) => call.arguments)).toEqual([
      { city: "Paris", days: 2 },
    ]);
    const doubled = "<search><query>a</query>\n</query></search>";
    expect(parseToolCalls(doubled, given).toolCalls.map((call) => call.arguments)).toEqual([{ query: "a" }]);
    expect(streamedInPieces(text, given)).toEqual(parseToolCalls(text, given));
  });

  it("leaves a tool tag mentioned in prose as text when it never closes", () => {
    const text = "Use the `<get_time>` tool when you need the time.";
    const result = parseToolCalls(text, given);
    expect(result.toolCalls).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.content).toBe(text);
    expect(streamedInPieces(text, given)).toEqual(result);
    // A body that starts with an element is still a call cut off by the end of the output.
    const cut = parseToolCalls("<get_weather><city>Par", given);
    expect(cut.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });
});
