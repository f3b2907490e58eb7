import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ParseResult, ToolSpec } from "../types.ts";

const OPEN = "<｜DSML｜function_calls>";
const CLOSE = "</｜DSML｜function_calls>";
const invoke = (name: string, body: string) => `<｜DSML｜invoke name="${name}">\n${body}</｜DSML｜invoke>\n`;
const parameter = (name: string, value: string, string = true) =>
  `<｜DSML｜parameter name="${name}" string="${string}">${value}</｜DSML｜parameter>\n`;
const block = (...invokes: string[]) => `${OPEN}\n${invokes.join("")}${CLOSE}`;

const calls = (result: ParseResult) => result.toolCalls.map(({ name, arguments: args }) => ({ name, args }));
const codes = (result: ParseResult) => result.problems.map((problem) => problem.code);

function streamed(text: string, size: number, tools?: ToolSpec[]): ParseResult {
  const parser = new StreamParser({ format: "deepseek_v32", tools });
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

describe("deepseek_v32", () => {
  it("reports an invoke whose body is neither parameters nor JSON as malformed, keeping the others", () => {
    const text = block(invoke("search", "not valid at all\n"), invoke("translate", parameter("to", "ja")));
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(calls(result)).toEqual([{ name: "translate", args: { to: "ja" } }]);
    expect(codes(result)).toEqual(["malformed-call"]);
    expect(calls(streamed(text, 3))).toEqual([{ name: "translate", args: { to: "ja" } }]);
    const empty = parseToolCalls(block(invoke("ping", "")), { format: "deepseek_v32" });
    expect(calls(empty)).toEqual([{ name: "ping", args: {} }]);
    expect(codes(empty)).toEqual([]);
  });

  it("reads several invokes with raw and JSON values, keeping text before and after", () => {
    const text = `Let me look.\n${block(
      invoke("search", parameter("query", "vllm  docs ") + parameter("limit", "5", false)),
      invoke("fetch", parameter("urls", '["a", "b"]', false) + parameter("options", "{'deep': True}", false)),
    )}\nDone.`;
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(calls(result)).toEqual([
      { name: "search", args: { query: "vllm  docs ", limit: 5 } },
      { name: "fetch", args: { urls: ["a", "b"], options: { deep: true } } },
    ]);
    expect(result.content).toBe("Let me look.\n\nDone.");
    expect(result.problems).toEqual([]);
  });

  it('keeps string="true" text untyped without a schema and types it with one', () => {
    const text = block(invoke("score", parameter("value", "42") + parameter("note", "007")));
    expect(calls(parseToolCalls(text, { format: "deepseek_v32" }))).toEqual([
      { name: "score", args: { value: "42", note: "007" } },
    ]);
    const tools: ToolSpec[] = [
      {
        name: "score",
        parameters: { type: "object", properties: { value: { type: "integer" }, note: { type: "string" } } },
      },
    ];
    expect(calls(parseToolCalls(text, { format: "deepseek_v32", tools }))).toEqual([
      { name: "score", args: { value: 42, note: "007" } },
    ]);
  });

  it('decodes a quoted JSON string marked string="false" for a string parameter', () => {
    const tools: ToolSpec[] = [{ name: "echo", parameters: { properties: { text: { type: "string" } } } }];
    const text = block(invoke("echo", parameter("text", '"hi \\"there\\""', false)));
    expect(calls(parseToolCalls(text, { format: "deepseek_v32", tools }))).toEqual([
      { name: "echo", args: { text: 'hi "there"' } },
    ]);
  });

  it("unwraps an undeclared arguments wrapper only when the tool declares the inner keys", () => {
    const tools: ToolSpec[] = [
      { name: "get_weather", parameters: { properties: { city: { type: "string" } } } },
    ];
    const wrapped = block(invoke("get_weather", parameter("arguments", '{"city": "Oslo"}', false)));
    expect(calls(parseToolCalls(wrapped, { format: "deepseek_v32", tools }))).toEqual([
      { name: "get_weather", args: { city: "Oslo" } },
    ]);
    const foreign = block(invoke("get_weather", parameter("arguments", '{"town": "Oslo"}', false)));
    expect(calls(parseToolCalls(foreign, { format: "deepseek_v32", tools }))).toEqual([
      { name: "get_weather", args: { arguments: { town: "Oslo" } } },
    ]);
    expect(calls(parseToolCalls(wrapped, { format: "deepseek_v32" }))).toEqual([
      { name: "get_weather", args: { arguments: { city: "Oslo" } } },
    ]);
  });

  it("accepts sglang's JSON invoke body and tags without the DSML prefix", () => {
    const json = `${OPEN}\n<｜DSML｜invoke name="get_weather">\n{"city": "Paris", "days": 2}\n</｜DSML｜invoke>\n${CLOSE}`;
    expect(calls(parseToolCalls(json, { format: "deepseek_v32" }))).toEqual([
      { name: "get_weather", args: { city: "Paris", days: 2 } },
    ]);
    const plain =
      'Sure.\n<function_calls>\n<invoke name="get_weather">\n<parameter name="city" string="true">Rome</parameter>\n</invoke>\n</function_calls>';
    for (const format of ["deepseek_v32", "auto"] as const) {
      const result = parseToolCalls(plain, { format });
      expect(calls(result)).toEqual([{ name: "get_weather", args: { city: "Rome" } }]);
      expect(result.content.trim()).toBe("Sure.");
    }
  });

  it("keeps plain <parameter> text inside a prefixed value, and reads mixed-prefix tags", () => {
    const xml = '<invoke name="q"><parameter name="q">x</parameter></invoke>';
    const text = block(invoke("write", parameter("content", xml) + parameter("path", "a.xml")));
    expect(calls(parseToolCalls(text, { format: "deepseek_v32" }))).toEqual([
      { name: "write", args: { content: xml, path: "a.xml" } },
    ]);
    const mixed = `${OPEN}\n<invoke name="f">\n<｜DSML｜parameter name="a" string="true">1</parameter>\n<parameter name="b" string="false">2</｜DSML｜parameter>\n</｜DSML｜invoke>\n${CLOSE}`;
    expect(calls(parseToolCalls(mixed, { format: "deepseek_v32" }))).toEqual([
      { name: "f", args: { a: "1", b: 2 } },
    ]);
  });

  it("leaves olmo3's pythonic <function_calls> to olmo3 when auto-detecting", () => {
    const result = parseToolCalls('<function_calls>get_time(zone="UTC")</function_calls>');
    expect(result.format).toBe("olmo3");
    expect(calls(result)).toEqual([{ name: "get_time", args: { zone: "UTC" } }]);
  });

  it("leaves a plain <function_calls> block without invokes as content", () => {
    const text = "<function_calls>not a call</function_calls>";
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("accepts missing closing tags when everything written is complete", () => {
    const text = `${OPEN}\n<｜DSML｜invoke name="a">\n${parameter("x", "1", false)}<｜DSML｜invoke name="b">\n${parameter("y", "2", false)}`;
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(calls(result)).toEqual([
      { name: "a", args: { x: 1 } },
      { name: "b", args: { y: 2 } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reports a truncated parameter and keeps the complete invokes before it", () => {
    const text = `${OPEN}\n${invoke("a", parameter("x", "1"))}<｜DSML｜invoke name="b">\n<｜DSML｜parameter name="y" string="true">half a sent`;
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(calls(result)).toEqual([{ name: "a", args: { x: "1" } }]);
    expect(codes(result)).toEqual(["truncated-call"]);
    expect(result.problems[0]!.toolName).toBe("b");
    expect(result.content).toBe("");
  });

  it("reports output cut inside a tag, a JSON body, or right after the invoke opener", () => {
    const cuts: [string, string[]][] = [
      [`${OPEN}\n<｜DSML｜invoke name="get_wea`, []],
      [`${OPEN}\n${invoke("a", parameter("x", "1"))}<｜DSML｜invoke na`, ["a"]],
      [`${OPEN}\n<｜DSML｜invoke name="a">\n<｜DSML｜parameter name="x" str`, []],
      [`${OPEN}\n<｜DSML｜invoke name="a">\n{"city": "Par`, []],
      [`${OPEN}\n<｜DSML｜invoke name="a">\n`, []],
    ];
    for (const [text, names] of cuts) {
      const result = parseToolCalls(text, { format: "deepseek_v32" });
      expect(codes(result), text).toEqual(["truncated-call"]);
      expect(result.toolCalls.map((call) => call.name)).toEqual(names);
      expect(result.content).toBe("");
    }
  });

  it("reports an invoke without a name as malformed", () => {
    const result = parseToolCalls(block("<｜DSML｜invoke>\n</｜DSML｜invoke>\n"), { format: "deepseek_v32" });
    expect(result.toolCalls).toEqual([]);
    expect(codes(result)).toEqual(["malformed-call"]);
  });

  it("puts <think> reasoning aside and strips the end-of-sentence token", () => {
    const text = `<think>Need weather.</think>Checking.${block(invoke("w", parameter("c", "Oslo")))}<｜end▁of▁sentence｜>`;
    const result = parseToolCalls(text, { format: "deepseek_v32" });
    expect(result.reasoning).toBe("Need weather.");
    expect(result.content).toBe("Checking.");
    expect(calls(result)).toEqual([{ name: "w", args: { c: "Oslo" } }]);
  });

  it("streams in any chunk size without leaking marker fragments", () => {
    const text = `Hi <｜DSM ${block(invoke("fn", parameter("a", "b")))} bye <｜DSML｜funct`;
    const whole = parseToolCalls(text, { format: "deepseek_v32" });
    expect(whole.content).toBe("Hi <｜DSM  bye <｜DSML｜funct");
    for (const size of [1, 2, 3, 5, 7, 11]) expect(streamed(text, size)).toEqual(whole);
  });

  it("is found by auto-detection, next to V4's tool_calls block", () => {
    const v32 = block(invoke("a", parameter("x", "1")));
    const v4 = `<｜DSML｜tool_calls>\n${invoke("b", parameter("y", "2"))}</｜DSML｜tool_calls>`;
    expect(parseToolCalls(v32).format).toBe("deepseek_v32");
    expect(parseToolCalls(v4).format).toBe("deepseek_v4");
    expect(calls(parseToolCalls(`${v32}\n${v4}`))).toEqual([
      { name: "a", args: { x: "1" } },
      { name: "b", args: { y: "2" } },
    ]);
  });

  it("does not read V4's tool_calls block when the format is given", () => {
    const v4 = `<｜DSML｜tool_calls>\n${invoke("b", parameter("y", "2"))}</｜DSML｜tool_calls>`;
    const result = parseToolCalls(v4, { format: "deepseek_v32" });
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(v4);
  });
});
