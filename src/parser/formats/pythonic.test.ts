import { describe, expect, it } from "vitest";
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
