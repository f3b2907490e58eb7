import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser, type StreamParserOptions } from "../stream-parser.ts";
import type { ParseResult, ToolSpec } from "../types.ts";

const argument = (key: string, type: string, value: string) =>
  `<|open|>argument key="${key}" type="${type}"<|sep|>${value}<|close|>argument<|sep|>`;
const call = (attributes: string, body: string) =>
  `<|open|>call ${attributes}<|sep|>${body}<|close|>call<|sep|>`;
const tools = (...calls: string[]) => `<|open|>tools<|sep|>\n${calls.join("\n")}\n<|close|>tools<|sep|>`;
const response = (text: string) => `<|open|>response<|sep|>${text}<|close|>response<|sep|>`;
const MESSAGE_CLOSE = "<|close|>message<|sep|>";

const calls = (result: ParseResult) => result.toolCalls.map(({ name, arguments: args }) => ({ name, args }));
const codes = (result: ParseResult) => result.problems.map((problem) => problem.code);
const k3 = (text: string, options: StreamParserOptions = {}) =>
  parseToolCalls(text, { format: "kimi_k3", ...options });

function streamed(text: string, size: number, options: StreamParserOptions): ParseResult {
  const parser = new StreamParser(options);
  const deltas: string[] = [];
  for (let at = 0; at < text.length; at += size) {
    for (const event of parser.feed(text.slice(at, at + size))) {
      if (event.type === "text-delta") deltas.push(event.text);
    }
  }
  const { events, result } = parser.end();
  for (const event of events) if (event.type === "text-delta") deltas.push(event.text);
  expect(deltas.join("")).toBe(result.content);
  return result;
}

/** A thinking-mode output: the template prefilled `<|open|>think<|sep|>`. */
const THINKING_OUTPUT = `The user wants weather and news.<|close|>think<|sep|>${response("I'll check both.")}${tools(
  call(
    'tool="get_weather" index="1"',
    argument("city", "string", "Hangzhou") +
      argument("days", "number", "1.5") +
      argument("detailed", "boolean", "true") +
      argument("filters", "object", '{"kind": "rain"}') +
      argument("hours", "array", "[8, 20]"),
  ),
  call('tool="search_news" index="2"', argument("query", "string", "  rain & wind <b>  ")),
)}${MESSAGE_CLOSE}`;

describe("kimi_k3", () => {
  it("reads several calls with every argument type, reasoning and response text", () => {
    const result = k3(THINKING_OUTPUT);
    expect(calls(result)).toEqual([
      {
        name: "get_weather",
        args: { city: "Hangzhou", days: 1.5, detailed: true, filters: { kind: "rain" }, hours: [8, 20] },
      },
      { name: "search_news", args: { query: "  rain & wind <b>  " } },
    ]);
    expect(result.reasoning).toBe("The user wants weather and news.");
    expect(result.content.trim()).toBe("I'll check both.");
    expect(result.problems).toEqual([]);
  });

  it("gives the same result streamed in any chunk size and auto-detected", () => {
    const whole = k3(THINKING_OUTPUT);
    for (const size of [1, 2, 3, 7, 13]) {
      expect(streamed(THINKING_OUTPUT, size, { format: "kimi_k3" })).toEqual(whole);
    }
    const auto = parseToolCalls(THINKING_OUTPUT);
    expect(auto.toolCalls).toEqual(whole.toolCalls);
    expect(auto.reasoning).toBe(whole.reasoning);
    expect(auto.content).toBe(whole.content);
    expect(auto.format).toBe("kimi_k3");
  });

  it("streams instruct-mode response text as content", () => {
    const text = `Hello there!<|close|>response<|sep|>${MESSAGE_CLOSE}`;
    const options: StreamParserOptions = { format: "kimi_k3", startInReasoning: false };
    const parser = new StreamParser(options);
    const first = parser.feed("Hello th");
    expect(first).toEqual([{ type: "text-delta", text: "Hello th" }]);
    for (const size of [1, 4]) {
      const result = streamed(text, size, options);
      expect(result.content).toBe("Hello there!");
      expect(result.reasoning).toBe("");
    }
  });

  it("keeps response text before a tools channel as content in instruct mode", () => {
    const text = `Checking.<|close|>response<|sep|>${tools(call('tool="ping" index="1"', ""))}${MESSAGE_CLOSE}`;
    const result = k3(text, { startInReasoning: false });
    expect(result.content.trim()).toBe("Checking.");
    expect(result.reasoning).toBe("");
    expect(calls(result)).toEqual([{ name: "ping", args: {} }]);
  });

  it("reads an explicit think channel and a response channel opened by the model", () => {
    const text = `<|open|>think<|sep|>hmm<|close|>think<|sep|>${response("Answer.")}${MESSAGE_CLOSE}`;
    for (const startInReasoning of [false, undefined]) {
      const result = k3(text, startInReasoning === undefined ? {} : { startInReasoning });
      expect(result.content).toBe("Answer.");
    }
    expect(k3(text, { startInReasoning: false }).reasoning).toBe("hmm");
    // Thinking that skips its close ends at the response channel.
    const skipped = k3(`still thinking${response("Answer.")}`);
    expect(skipped.reasoning).toBe("still thinking");
    expect(skipped.content).toBe("Answer.");
  });

  it("decodes XML entities in attributes but never in values", () => {
    const text = tools(
      call('tool="say&amp;tell" index="1"', argument("a&quot;b", "string", "x &amp; y &quot;z&quot;")),
    );
    expect(calls(k3(text, { startInReasoning: false }))).toEqual([
      { name: "say&tell", args: { 'a"b': "x &amp; y &quot;z&quot;" } },
    ]);
  });

  it("keeps a non-string argument that is not JSON as its text, and lets a schema type values", () => {
    const declared: ToolSpec[] = [
      {
        name: "f",
        parameters: { properties: { count: { type: "integer" }, label: { type: "string" } } },
      },
    ];
    const text = tools(
      call(
        'tool="f" index="1"',
        argument("count", "string", "7") +
          argument("label", "number", "12") +
          argument("bad", "object", "{oops"),
      ),
    );
    expect(calls(k3(text, { startInReasoning: false }))).toEqual([
      { name: "f", args: { count: "7", label: 12, bad: "{oops" } },
    ]);
    expect(calls(k3(text, { startInReasoning: false, tools: declared }))).toEqual([
      { name: "f", args: { count: 7, label: "12", bad: "{oops" } },
    ]);
  });

  it("reads a raw JSON call body", () => {
    const text = tools(
      call(
        'tool="f" index="1"',
        '<|open|>json type="object"<|sep|>{"a": [1, {"b": null}]}<|close|>json<|sep|>',
      ),
    );
    expect(calls(k3(text, { startInReasoning: false }))).toEqual([
      { name: "f", args: { a: [1, { b: null }] } },
    ]);
  });

  it("reports truncated output and keeps the calls completed before it", () => {
    const done = call('tool="a" index="1"', argument("x", "number", "1"));
    const cuts: [string, string[]][] = [
      [
        `<|open|>tools<|sep|>${done}<|open|>call tool="b" index="2"<|sep|>${argument("y", "string", "ok")}<|open|>argument key="z" type="string"<|sep|>half`,
        ["a"],
      ],
      [`<|open|>tools<|sep|>${done}<|open|>call tool="b`, ["a"]],
      [`<|open|>tools<|sep|><|open|>call tool="b" index="1"<|sep|><|open|>argument key="z" ty`, []],
      [`<|open|>tools<|sep|><|open|>call tool="b" index="1"<|sep|><|open|>json<|sep|>{"k": [1`, []],
      [`<|open|>tools<|sep|><|open|>call tool="b" index="1"<|sep|>`, []],
    ];
    for (const [text, names] of cuts) {
      const result = k3(text, { startInReasoning: false });
      expect(codes(result), text).toEqual(["truncated-call"]);
      expect(result.toolCalls.map((found) => found.name)).toEqual(names);
      expect(result.content).toBe("");
    }
  });

  it("accepts a call whose close token is missing when its arguments are complete", () => {
    const text = `<|open|>tools<|sep|><|open|>call tool="a" index="1"<|sep|>${argument("x", "number", "1")}<|open|>call tool="b" index="2"<|sep|>${argument("y", "boolean", "false")}<|close|>tools<|sep|>`;
    const result = k3(text, { startInReasoning: false });
    expect(calls(result)).toEqual([
      { name: "a", args: { x: 1 } },
      { name: "b", args: { y: false } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reports a call without a tool attribute as malformed", () => {
    const result = k3(tools(call('index="1"', argument("x", "string", "1"))), { startInReasoning: false });
    expect(result.toolCalls).toEqual([]);
    expect(codes(result)).toEqual(["malformed-call"]);
  });

  it("leaves text that only resembles a call token as content", () => {
    const text = "The <|open|>caller token is not a call.";
    const result = k3(text, { startInReasoning: false });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("promotes a call written only inside the reasoning", () => {
    const text = `I'll call it. ${tools(call('tool="ping" index="1"', ""))}`;
    const result = k3(text);
    expect(calls(result)).toEqual([{ name: "ping", args: {} }]);
    expect(result.content).toBe("");
  });

  it("does not treat <think> as reasoning", () => {
    const result = k3(`${response("<think>literal</think>")}`, { startInReasoning: false });
    expect(result.content).toBe("<think>literal</think>");
    expect(result.reasoning).toBe("");
  });

  it("ends an argument at its last close, so a quoted argument close stays in the value", () => {
    const text = tools(
      call('tool="exec" index="1"', argument("input", "string", "grep '<|close|>argument<|sep|>' p.py")),
    );
    expect(calls(k3(text, { startInReasoning: false }))).toEqual([
      { name: "exec", args: { input: "grep '<|close|>argument<|sep|>' p.py" } },
    ]);
  });

  it("keeps a tools close quoted inside an open argument value", () => {
    const text = tools(
      call('tool="exec" index="1"', argument("input", "string", "echo '<|close|>tools<|sep|>' done")),
    );
    const result = k3(text, { startInReasoning: false });
    expect(calls(result)).toEqual([{ name: "exec", args: { input: "echo '<|close|>tools<|sep|>' done" } }]);
    expect(result.content.trim()).toBe("");
  });

  it("ends an unclosed argument value at a response close", () => {
    const text = `<|open|>tools<|sep|><|open|>call tool="exec" index="1"<|sep|><|open|>argument key="input" type="string"<|sep|>const r = 2;<|close|>response<|sep|>${MESSAGE_CLOSE}`;
    expect(calls(k3(text, { startInReasoning: false }))).toEqual([
      { name: "exec", args: { input: "const r = 2;" } },
    ]);
  });

  it("does not read a call header followed by prose as a call", () => {
    const text = `I could emit <|open|>tools<|sep|><|open|>call tool="exec" index="1"<|sep|>... but no.${response("Answer.")}${MESSAGE_CLOSE}`;
    const result = k3(text, { startInReasoning: false });
    expect(calls(result)).toEqual([]);
    expect(codes(result)).toEqual(["malformed-call"]);
  });
});
