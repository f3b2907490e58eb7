import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

describe("lfm2", () => {
  it("reads pythonic calls between the tokens and keeps the text around them", () => {
    const result = parseToolCalls(
      'Checking.<|tool_call_start|>[get_weather(city="Paris"), get_time()]<|tool_call_end|>Done.',
      { format: "lfm2" },
    );
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "get_time", args: {} },
    ]);
    expect(result.content).toBe("Checking.Done.");
  });

  it("reads a JSON list too when the format is given", () => {
    const result = parseToolCalls(
      '<|tool_call_start|>[{"name": "get_time", "arguments": {"zone": "UTC"}}]<|tool_call_end|>',
      { format: "lfm2" },
    );
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ zone: "UTC" }]);
  });

  it("shares its tokens with lfm2_json when auto-detecting: the body decides", () => {
    expect(parseToolCalls('<|tool_call_start|>[get_time(zone="UTC")]<|tool_call_end|>').format).toBe("lfm2");
    expect(
      parseToolCalls('<|tool_call_start|>[{"name": "get_time", "arguments": {}}]<|tool_call_end|>').format,
    ).toBe("lfm2_json");
  });

  it("tolerates a missing end token when the calls are complete, not when truncated", () => {
    expect(
      parseToolCalls('<|tool_call_start|>[get_time(zone="UTC")]', { format: "lfm2" }).toolCalls,
    ).toHaveLength(1);
    const truncated = parseToolCalls('<|tool_call_start|>[get_time(zone="U', { format: "lfm2" });
    expect(truncated.toolCalls).toEqual([]);
    expect(truncated.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });
});

describe("lfm2: sglang's recoveries (nested quotes, ** unpacking)", () => {
  const wrap = (calls: string) => `<|tool_call_start|>[${calls}]<|tool_call_end|>`;
  const read = (calls: string) => {
    const result = parseToolCalls(wrap(calls), { format: "lfm2" });
    return {
      calls: result.toolCalls.map(({ name, arguments: args }) => [name, args]),
      problems: result.problems.map((problem) => problem.code),
    };
  };

  it("keeps unescaped quotes of the string's own kind when one closing quote works", () => {
    expect(read("bash(command='sed -n '360,450p' f.py')").calls).toEqual([
      ["bash", { command: "sed -n '360,450p' f.py" }],
    ]);
    expect(read(`say(text="a "quoted" word", n=2)`).calls).toEqual([
      ["say", { text: 'a "quoted" word', n: 2 }],
    ]);
    expect(read("f(a={'cmd': 'echo 'hi' x'})").calls).toEqual([["f", { a: { cmd: "echo 'hi' x" } }]]);
  });

  it("repairs each broken string but never one that would swallow a sibling call", () => {
    expect(read("search(query='x 'y'), get_weather(city='p 'q')").calls).toEqual([
      ["search", { query: "x 'y" }],
      ["get_weather", { city: "p 'q" }],
    ]);
  });

  it("does not guess when two quotes could close the string", () => {
    expect(read("get_weather(city='echo 'hi', unit='celsius')")).toEqual({
      calls: [],
      problems: ["malformed-call"],
    });
    expect(read("search(query='ok'), get_weather(city='x 'y', unit='c')").calls).toEqual([
      ["search", { query: "ok" }],
    ]);
  });

  it("merges **{..} into the keywords and drops a call unpacking anything else", () => {
    expect(read("search(**{'query': 'x'}, limit=2)").calls).toEqual([["search", { query: "x", limit: 2 }]]);
    expect(read("search(limit=1, **{'limit': 3})").calls).toEqual([["search", { limit: 3 }]]);
    expect(read("search(**[1, 2])")).toEqual({ calls: [], problems: ["invalid-arguments"] });
  });
});

describe("lfm2: a lone `properties` keyword holding the arguments (mlx-swift-lm)", () => {
  const weather: ToolSpec = {
    name: "get_weather",
    parameters: { type: "object", properties: { location: { type: "string" }, unit: { type: "string" } } },
  };
  const text =
    '<|tool_call_start|>[get_weather(properties={"location": "Tokyo", "unit": "celsius"})]<|tool_call_end|>';
  const args = (tools?: ToolSpec[]) =>
    parseToolCalls(text, { format: "lfm2", tools }).toolCalls.map((call) => call.arguments);

  it("unwraps it when the declared tool has no parameter of that name", () => {
    expect(args([weather])).toEqual([{ location: "Tokyo", unit: "celsius" }]);
  });

  it("keeps it without a schema, or when the tool declares such a parameter", () => {
    expect(args()).toEqual([{ properties: { location: "Tokyo", unit: "celsius" } }]);
    const declared: ToolSpec = {
      ...weather,
      parameters: { type: "object", properties: { properties: { type: "object" } } },
    };
    expect(args([declared])).toEqual([{ properties: { location: "Tokyo", unit: "celsius" } }]);
  });
});
