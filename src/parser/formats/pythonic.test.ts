import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const WEATHER: ToolSpec = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, days: { type: "integer" } },
  },
};

const calls = (text: string, options: Parameters<typeof parseToolCalls>[1] = {}) =>
  parseToolCalls(text, options).toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

describe("pythonic, format given", () => {
  it("reads Llama 4's <|python_start|> wrapper without leaving its tokens in content", () => {
    const text = "<|python_start|>[foo(a=1, b=2), bar(x=3)]<|python_end|>";
    const result = parseToolCalls(text, { format: "pythonic" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "foo", args: { a: 1, b: 2 } },
      { name: "bar", args: { x: 3 } },
    ]);
    expect(result.content).toBe("");
    expect(parseToolCalls("Sure. <|python_start|>[foo(a=1)]", { format: "pythonic" }).content).toBe("Sure. ");
  });

  it("keeps text before the list as content", () => {
    const result = parseToolCalls("Checking now. [get_weather(city='Paris')]", { format: "pythonic" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
    expect(result.content).toBe("Checking now. ");
  });

  it("drops only the call with an unconvertible argument", () => {
    const result = parseToolCalls("[get_weather(city=CITY), get_weather(city='Rome')]", {
      format: "pythonic",
    });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Rome" }]);
    expect(result.problems).toMatchObject([
      { code: "invalid-arguments", raw: "get_weather(city=CITY)", toolName: "get_weather" },
    ]);
  });

  it("maps positional arguments onto the declared parameters, else reports them", () => {
    expect(calls("[get_weather('Oslo', days=3)]", { format: "pythonic", tools: [WEATHER] })).toEqual([
      { name: "get_weather", arguments: { city: "Oslo", days: 3 } },
    ]);
    const result = parseToolCalls("[lookup('Oslo')]", { format: "pythonic" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems[0]?.code).toBe("invalid-arguments");
  });

  it("types string values by the declared schema", () => {
    expect(calls("[get_weather(city='Oslo', days='3')]", { format: "pythonic", tools: [WEATHER] })).toEqual([
      { name: "get_weather", arguments: { city: "Oslo", days: 3 } },
    ]);
  });

  it("reports a truncated list as a truncated call", () => {
    const result = parseToolCalls("[get_weather(city='Par", { format: "pythonic" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("keeps the calls before a syntax error in the list", () => {
    const result = parseToolCalls("[get_weather(city='Oslo'), get_weather(city=='x')]", {
      format: "pythonic",
    });
    expect(result.toolCalls).toHaveLength(1);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("streams prose with brackets without waiting for the closing bracket", () => {
    const parser = new StreamParser({ format: "pythonic" });
    const events = parser.feed("See [the docs and more");
    expect(events.map((event) => (event.type === "text-delta" ? event.text : "")).join("")).toBe(
      "See [the docs and more",
    );
  });
});

describe("pythonic, auto-detected", () => {
  it("finds a list standing on its own line", () => {
    const result = parseToolCalls("Let me check.\n[get_weather(city='Paris')]\n");
    expect(result.format).toBe("pythonic");
    expect(result.toolCalls).toHaveLength(1);
  });

  it("leaves prose, number lists and inline lists as content", () => {
    for (const text of [
      "[1] Smith et al.",
      "[1, 2, 3]",
      "[see(below)] for details",
      "Call it like [get_weather(city='x')] in your code.",
      "[foo(bar)]",
    ]) {
      const result = parseToolCalls(text);
      expect(result.toolCalls, text).toEqual([]);
      expect(result.content, text).toBe(text);
    }
  });

  it("ignores undeclared names when tools are declared", () => {
    const result = parseToolCalls("[print(x='hi')]", { tools: [WEATHER] });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe("[print(x='hi')]");
  });

  it("leaves JSON call lists to the JSON formats", () => {
    const result = parseToolCalls('[{"name": "get_weather", "arguments": {"city": "Paris"}}]', {
      tools: [WEATHER],
    });
    expect(result.toolCalls).toHaveLength(1);
    expect(result.format).not.toBe("pythonic");
  });
});

const SEARCH: ToolSpec = {
  name: "search_web",
  parameters: { type: "object", properties: { query: { type: "string" } } },
};

describe("pythonic, bare calls to declared tools (Granite, Llama 3.2 without brackets)", () => {
  const tools = [WEATHER, SEARCH];

  it("reads a line that is exactly a call, with the format given and auto-detected", () => {
    const text = 'Sure, let me check.\nget_weather(city="Paris", days=3)\nsearch_web(query="news")';
    for (const format of ["pythonic", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools });
      expect(
        result.toolCalls.map(({ name, arguments: args }) => ({ name, args })),
        format,
      ).toEqual([
        { name: "get_weather", args: { city: "Paris", days: 3 } },
        { name: "search_web", args: { query: "news" } },
      ]);
      expect(result.content.trim()).toBe("Sure, let me check.");
      expect(result.format).toBe("pythonic");
    }
  });

  it("reads a call spanning lines, and types string values by the schema", () => {
    const text = 'get_weather(\n    city="Oslo",\n    days="2",\n)\n';
    expect(calls(text, { tools })).toEqual([{ name: "get_weather", arguments: { city: "Oslo", days: 2 } }]);
  });

  it("streams in 1-3 character chunks exactly as one-shot", () => {
    const texts = [
      'Sure.\nget_weather(city="Paris")\nsearch_web(query="a (b) c")\nDone.',
      "```tool_code\nget_weather(city='Rome')\n```",
      "```python\nprint(get_weather(city='Rome'))\n```\nok",
      'get_weather(city="Paris") is what I would call.',
    ];
    expectStreamsAsOneShot(texts, ["pythonic", "auto"], { tools });
  });

  it("leaves a call inside prose, with text after it on its line, or to an undeclared name as text", () => {
    for (const text of [
      'You could run get_weather(city="Paris") yourself.',
      'get_weather(city="Paris") is what I would call.',
      'get_weather(city="Paris").',
      'print("hello")',
      "get_weather( is slow today\nok",
      "get_weather(city)",
    ]) {
      for (const format of ["pythonic", "auto"] as const) {
        const result = parseToolCalls(text, { format, tools });
        expect(result.toolCalls, `${format} ${text}`).toEqual([]);
        expect(result.content, `${format} ${text}`).toBe(text);
      }
    }
  });

  it('reads nothing bare without declared tools: print("x") and get_weather(..) stay text', () => {
    for (const text of ['print("x")', 'get_weather(city="Paris")']) {
      for (const format of ["pythonic", "auto"] as const) {
        const result = parseToolCalls(text, { format });
        expect(result.toolCalls, `${format} ${text}`).toEqual([]);
        expect(result.content).toBe(text);
      }
    }
  });

  it("reports a bare call cut off by the end of the output only with the format given", () => {
    const text = 'get_weather(city="Par';
    expect(parseToolCalls(text, { format: "pythonic", tools }).problems.map((p) => p.code)).toEqual([
      "truncated-call",
    ]);
    const auto = parseToolCalls(text, { tools });
    expect(auto.toolCalls).toEqual([]);
    expect(auto.content).toBe(text);
  });
});

describe("pythonic, calls in code fences (Gemma 3 tool_code, ```python)", () => {
  const tools = [WEATHER];

  it("reads a ```tool_code fence holding just a call, also inside print(..)", () => {
    for (const body of ["get_weather(city='Rome')", "print(get_weather(city='Rome'))"]) {
      const text = `I'll look it up.\n\`\`\`tool_code\n${body}\n\`\`\``;
      for (const format of ["pythonic", "auto"] as const) {
        const result = parseToolCalls(text, { format, tools });
        expect(
          result.toolCalls.map((call) => call.arguments),
          `${format} ${body}`,
        ).toEqual([{ city: "Rome" }]);
        expect(result.content.trim()).toBe("I'll look it up.");
      }
    }
  });

  it("reads one print(..) per call and drops Gemma's default_api. namespace (LiteRT-LM)", () => {
    const text =
      "Two.\n```tool_code\nprint(default_api.get_weather(city='Rome'))\nprint(get_weather(city=\"Oslo\"))\n```";
    for (const format of ["pythonic", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools });
      expect(
        result.toolCalls.map((call) => [call.name, call.arguments]),
        format,
      ).toEqual([
        ["get_weather", { city: "Rome" }],
        ["get_weather", { city: "Oslo" }],
      ]);
      expect(result.content.trim()).toBe("Two.");
    }
  });

  it("keeps a ```tool_code fence's call to an undeclared tool with the format given", () => {
    const text = "```tool_code\nprint(get_weather(city='Rome'))\nprint(default_api.another_tool())\n```";
    const result = parseToolCalls(text, { format: "pythonic", tools });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_weather", "another_tool"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["unknown-tool"]);
    // when auto-detecting, a fence counts only when every call names a declared tool
    expect(parseToolCalls(text, { tools }).toolCalls).toEqual([]);
  });

  it("reads a ```tool_code fence for any name only with the format given and no tools", () => {
    const text = "```tool_code\nlookup(term='x')\n```";
    expect(calls(text, { format: "pythonic" })).toEqual([{ name: "lookup", arguments: { term: "x" } }]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
  });

  it("reads a ```python fence that is only calls to declared tools", () => {
    const text = "```python\n[get_weather(city='Rome'), get_weather(city='Oslo')]\n```\nChecking both.";
    const result = parseToolCalls(text, { tools });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Rome" }, { city: "Oslo" }]);
    expect(result.content.trim()).toBe("Checking both.");
  });

  it("leaves code fences that are more than calls, or call undeclared functions, as text", () => {
    for (const text of [
      "```python\nprint('x')\n```",
      "```python\nget_weather(city='Rome')\nprint('done')\n```",
      "```py\nimport os\n```",
    ]) {
      for (const format of ["pythonic", "auto"] as const) {
        const result = parseToolCalls(text, { format, tools });
        expect(result.toolCalls, `${format} ${text}`).toEqual([]);
        expect(result.content, `${format} ${text}`).toBe(text);
      }
    }
  });
});
