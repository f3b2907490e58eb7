import { describe, expect, it } from "vitest";
import { ToolUseError } from "../errors.ts";
import { parseToolCalls } from "./parse-tool-calls.ts";
import { StreamParser } from "./stream-parser.ts";
import type { ParserEvent } from "./types.ts";

const TEXT =
  'Let me check. <tool_call>{"name": "f", "arguments": {"a": 1}}</tool_call> Then <think>hmm</think>done';

function chunked(text: string): string[] {
  const chunks: string[] = [];
  for (let i = 0, size = 1; i < text.length; i += size, size = (size % 4) + 1)
    chunks.push(text.slice(i, i + size));
  return chunks;
}

describe("StreamParser events", () => {
  it("emits start, delta and end for a call; the delta's JSON survives spreading and JSON.stringify", () => {
    const parser = new StreamParser({ format: "hermes" });
    const events = [
      ...parser.feed('<tool_call>{"name": "f", "arguments": {"a": [1, "x"]}}</tool_call>'),
      ...parser.end().events,
    ];
    const delta = events.find((event) => event.type === "tool-call-delta");
    expect(delta).toMatchObject({ type: "tool-call-delta", id: "call_0", argumentsDelta: '{"a":[1,"x"]}' });
    expect({ ...delta, step: 1 }).toEqual({
      type: "tool-call-delta",
      id: "call_0",
      argumentsDelta: '{"a":[1,"x"]}',
      step: 1,
    });
    expect(JSON.parse(JSON.stringify(delta))).toEqual({
      type: "tool-call-delta",
      id: "call_0",
      argumentsDelta: '{"a":[1,"x"]}',
    });
    expect(events.map((event) => event.type)).toEqual([
      "tool-call-start",
      "tool-call-delta",
      "tool-call-end",
    ]);
  });

  it("refuses feed after end and a second end", () => {
    const parser = new StreamParser();
    parser.end();
    expect(() => parser.feed("x")).toThrow("after end()");
    expect(() => parser.end()).toThrow("twice");
    expect(codeOf(() => parser.feed("x"))).toBe("invalid-input");
    expect(codeOf(() => parser.end())).toBe("invalid-input");
  });
});

/** The ToolUseError code `run` throws, or a description of what else it did. */
function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return ToolUseError.is(error) ? error.code : `not a ToolUseError: ${String(error)}`;
  }
  return "did not throw";
}

describe("StreamParser options from callers", () => {
  // The schema decides the type of a qwen3_coder value: declared a string, "3" stays text.
  const text =
    "<tool_call>\n<function=get_weather>\n<parameter=days>\n3\n</parameter>\n</function>\n</tool_call>";
  const schema = { type: "object", properties: { days: { type: "string" } } };

  it("takes tools as names, tool specs, OpenAI function tools or Anthropic input_schema tools", () => {
    const shapes = [
      [{ name: "get_weather", parameters: schema }],
      [{ type: "function", function: { name: "get_weather", parameters: schema } }],
      [{ name: "get_weather", input_schema: schema }],
    ] as const;
    for (const tools of shapes) {
      const result = parseToolCalls(text, { format: "qwen3_coder", tools });
      expect(result.toolCalls).toEqual([{ id: "call_0", name: "get_weather", arguments: { days: "3" } }]);
      expect(result.problems).toEqual([]);
    }
    // A bare name declares the tool without a schema: no unknown-tool problem, the value typed
    // from its text.
    const named = parseToolCalls(text, { format: "qwen3_coder", tools: ["get_weather"] });
    expect(named.toolCalls[0]!.arguments).toEqual({ days: 3 });
    expect(named.problems).toEqual([]);
    const undeclared = parseToolCalls(text, { format: "qwen3_coder", tools: ["other"] });
    expect(undeclared.problems.map((problem) => problem.code)).toEqual(["unknown-tool"]);
  });

  it("resolves other projects' format names and rejects unknown ones with the closest id", () => {
    const viaAlias = parseToolCalls("[TOOL_CALLS]get_weather[ARGS]{}", { format: "Magistral" });
    expect(viaAlias.format).toBe("mistral_args");
    let message = "";
    try {
      parseToolCalls("x", { format: "hermess" });
    } catch (error) {
      expect(ToolUseError.is(error, "unknown-format")).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain('did you mean "hermes"');
  });

  it("throws invalid-input ToolUseErrors for malformed options and input, never a bare TypeError", () => {
    const bad: [string, () => unknown][] = [
      ["tools not an array", () => new StreamParser({ tools: "get_weather" as never })],
      ["a tool without a name", () => new StreamParser({ tools: [{ description: "x" }] as never })],
      ["a number as a tool", () => parseToolCalls("x", { tools: [1] as never })],
      ["a format that is not a string", () => parseToolCalls("x", { format: 3 as never })],
      ["options that are not an object", () => new StreamParser(null as never)],
      ["an idPrefix that is not a string", () => new StreamParser({ idPrefix: 1 as never })],
      ["a chunk that is not a string", () => new StreamParser().feed(undefined as never)],
      ["text that is not a string", () => parseToolCalls(undefined as never)],
    ];
    for (const [what, run] of bad) expect(`${what}: ${codeOf(run)}`).toBe(`${what}: invalid-input`);
  });
});

describe("StreamParser onEvent", () => {
  it("pushes the same events, in the same order, that feed() would return; lists come back empty", () => {
    const listed = new StreamParser({ format: "hermes" });
    const expected: ParserEvent[] = [];
    for (const chunk of chunked(TEXT)) expected.push(...listed.feed(chunk));
    const listedEnd = listed.end();
    expected.push(...listedEnd.events);

    const pushed: ParserEvent[] = [];
    const parser = new StreamParser({ format: "hermes", onEvent: (event) => pushed.push(event) });
    for (const chunk of chunked(TEXT)) expect(parser.feed(chunk)).toEqual([]);
    const end = parser.end();
    expect(end.events).toEqual([]);
    expect(end.result).toEqual(listedEnd.result);
    expect(JSON.parse(JSON.stringify(pushed))).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(pushed.map((event) => event.type)).toContain("tool-call-end");
  });

  it("delivers every event of a chunk before rethrowing the first exception; the parser goes on", () => {
    const seen: string[] = [];
    const parser = new StreamParser({
      format: "hermes",
      onEvent: (event) => {
        seen.push(event.type);
        if (event.type === "tool-call-start" || event.type === "tool-call-end")
          throw new Error(`boom ${event.type}`);
      },
    });
    expect(() => parser.feed('a<tool_call>{"name": "f", "arguments": {}}</tool_call>b')).toThrow(
      "boom tool-call-start",
    );
    expect(seen).toEqual(["text-delta", "tool-call-start", "tool-call-delta", "tool-call-end", "text-delta"]);
    parser.feed(" more");
    const { result } = parser.end();
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(result.content).toBe("ab more");
  });

  it("rejects an onEvent that is not a function, or one combined with events: false", () => {
    expect(() => new StreamParser({ onEvent: "x" as unknown as () => void })).toThrow(
      "onEvent must be a function, got string",
    );
    expect(() => new StreamParser({ events: false, onEvent: () => {} })).toThrow("events: false");
  });
});

describe("StreamParser end-of-turn tokens after a bare value", () => {
  const tools = [{ name: "get_weather" }];
  const text = '{"name": "get_weather", "parameters": {"city": "Paris"}}<|eot_id|>';

  it("holds a token split across chunks until it completes, then reads the call", () => {
    const parser = new StreamParser({ tools });
    for (const char of text) parser.feed(char);
    const { result } = parser.end();
    expect(result.toolCalls.map((call) => call.name)).toEqual(["get_weather"]);
    expect(result.content).toBe("");
  });

  it("keeps the value as text when what follows only begins like a token", () => {
    for (const rest of ["<|eot", "<|eot_id"]) {
      const parser = new StreamParser({ tools });
      for (const char of `${text.slice(0, -"<|eot_id|>".length)}${rest} more`) parser.feed(char);
      const { result } = parser.end();
      expect(result.toolCalls, rest).toEqual([]);
    }
  });
});

describe("StreamParser markers that do not apply where they are found", () => {
  it("keeps scanning inside them: a `{` that starts a line within `NAME\\n{` found mid-line", () => {
    const tools = [{ name: "shell" }];
    const text = 'Using tool: shell\n{"name": "shell", "arguments": {"cmd": "ls"}}';
    const oneShot = new StreamParser({ tools, events: false });
    oneShot.feed(text);
    const { result } = oneShot.end();
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["shell", { cmd: "ls" }],
    ]);
    const streamed = new StreamParser({ tools, events: false });
    for (const chunk of chunked(text)) streamed.feed(chunk);
    expect(streamed.end().result).toEqual(result);
  });
});

describe("StreamParser openers at the end of the output", () => {
  it("reports a truncated call when the output ends while an opener waits for its value", () => {
    const cases: [string, string, string | undefined][] = [
      ["[TOOL_CALLS]", "mistral", undefined],
      ["[TOOL_CALLS]get_time[ARGS]", "mistral_args", "get_time"],
      ["[TOOL_CALLS]get_time", "mistral_v11", "get_time"],
      ["<|tool_call|>\n", "granite", undefined],
    ];
    for (const [text, format, toolName] of cases) {
      for (const given of [format, "auto"]) {
        const result = parseToolCalls(`Let me look.\n${text}`, { format: given });
        expect(result.content, `${text} (${given})`).toBe("Let me look.\n");
        expect(result.toolCalls).toEqual([]);
        expect(result.problems.map((problem) => [problem.code, problem.toolName])).toEqual([
          ["truncated-call", toolName],
        ]);
        const parser = new StreamParser({ format: given, events: false });
        for (const char of `Let me look.\n${text}`) parser.feed(char);
        expect(parser.end().result).toEqual(result);
      }
    }
  });

  it("keeps text that only looks like an opener: prose after the token, a lone brace", () => {
    for (const [text, format] of [
      ["[TOOL_CALLS] sorry, I cannot do that", "mistral"],
      ["ends like a marker functools", "phi4_mini"],
      ["The set is {", "auto"],
      ["A list: [", "auto"],
    ]) {
      const result = parseToolCalls(text!, { format: format! });
      expect(result.content).toBe(text);
      expect(result.problems).toEqual([]);
    }
  });
});

describe("StreamParser calls drafted only inside reasoning, when auto-detecting", () => {
  const call =
    "<tool_call>\n<function=get_weather>\n<parameter=city>\nBoston\n</parameter>\n</function>\n</tool_call>";

  it("follows the policy of the format that owns the reasoning opener", () => {
    // `<ifm|think_fast>` is K2 Horizon's alone, and K2 Horizon reports such calls.
    const owned = parseToolCalls(`<ifm|think_fast>Maybe ${call}</ifm|think_fast>\nThe answer is 42.`);
    expect(owned.toolCalls).toEqual([]);
    expect(owned.problems.map((problem) => [problem.code, problem.message])).toEqual([
      [
        "call-in-reasoning",
        "the model called get_weather only inside its reasoning; k2_horizon does not run such calls",
      ],
    ]);
    // `<think>` is shared by many formats: the default policy promotes the call.
    const shared = parseToolCalls(`<think>Maybe ${call}</think>\nThe answer is 42.`);
    expect(shared.toolCalls.map((found) => found.name)).toEqual(["get_weather"]);
    expect(shared.problems).toEqual([]);
  });
});

describe("StreamParser openers several formats share", () => {
  it("ends the block at any candidate's closer and keeps the candidates that closer ends", () => {
    const cases: [string, string, Record<string, unknown>][] = [
      // hy_v3 ends `<tool_call>` with `<end_of_tool_call>`; hermes with `</tool_call>`.
      [
        '<tool_call>get_weather<tool_sep>{"city": "Paris"}<end_of_tool_call> Done.',
        "hy_v3",
        { city: "Paris" },
      ],
      [
        '<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call> Done.',
        "hermes",
        { city: "Paris" },
      ],
      // Another format's closer quoted inside a JSON string is text, not an end.
      [
        '<tool_call>{"name": "get_weather", "arguments": {"city": "a <end_of_tool_call> b"}}</tool_call> Done.',
        "hermes",
        { city: "a <end_of_tool_call> b" },
      ],
    ];
    for (const [text, format, args] of cases) {
      const result = parseToolCalls(text);
      expect(result.format, text).toBe(format);
      expect(result.toolCalls).toEqual([{ id: "call_0", name: "get_weather", arguments: args }]);
      expect(result.content).toBe(" Done.");
      const parser = new StreamParser({ events: false });
      for (let at = 0, size = 1; at < text.length; at += size, size = (size % 3) + 1)
        parser.feed(text.slice(at, at + size));
      expect(parser.end().result).toEqual(result);
    }
  });
});

describe("StreamParser tags named in prose", () => {
  it("keeps a never-closed shared opener followed by a space and words as text, and reads what follows", () => {
    const cases: [string, string[]][] = [
      ["Do not output [TOOL_CALL] or <tool_call> tags. Just answer.", []],
      ['Use the <tool_call> tag. [TOOL_CALLS][{"name": "a", "arguments": {}}]', ["a"]],
    ];
    for (const [text, names] of cases) {
      const result = parseToolCalls(text);
      expect(result.toolCalls.map((call) => call.name)).toEqual(names);
      expect(result.problems).toEqual([]);
      expect(result.content).toBe(names.length === 0 ? text : "Use the <tool_call> tag. ");
      const parser = new StreamParser({ events: false });
      for (const char of text) parser.feed(char);
      expect(parser.end().result).toEqual(result);
    }
  });

  it("still reports a call cut off after the opener", () => {
    for (const text of ['<tool_call>\n{"name": "get_we', "<tool_call>get_weather", "Sure. <tool_call>"]) {
      expect(
        parseToolCalls(text).problems.map((problem) => problem.code),
        text,
      ).not.toEqual([]);
    }
  });
});
