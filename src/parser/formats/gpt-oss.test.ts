import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";

describe("gpt_oss", () => {
  it("streams the analysis channel as reasoning and the final channel as content", () => {
    const parser = new StreamParser({ format: "gpt_oss" });
    const first = parser.feed("<|channel|>analysis<|message|>Thinking hard");
    const second = parser.feed("<|end|><|start|>assistant<|channel|>final<|message|>The answer");
    expect(first).toEqual([{ type: "reasoning-delta", text: "Thinking hard" }]);
    expect(second).toEqual([{ type: "text-delta", text: "The answer" }]);
    const { result } = parser.end();
    expect(result.content).toBe("The answer");
  });

  it("reads a recipient in the role header and ends the call at <|call|>", () => {
    const text =
      '<|start|>assistant to=functions.get_weather<|channel|>commentary json<|message|>{"city": "Paris"}<|call|>';
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
    ]);
    expect(result.content).toBe("");
  });

  it("keeps built-in recipients as tool names", () => {
    const text = '<|channel|>analysis to=browser.search code<|message|>{"query": "x"}<|call|>';
    expect(parseToolCalls(text, { format: "gpt_oss" }).toolCalls.map((call) => call.name)).toEqual([
      "browser.search",
    ]);
  });

  it("reads a recipient phrase with spaces when it names a declared tool", () => {
    const text =
      '<|start|>assistant<|channel|>commentary to=functions.Web Search <|constrain|>json<|message|>{ "query": "x" }';
    const webSearch = [{ name: "Web Search" }];
    const names = (tools?: { name: string }[]) =>
      parseToolCalls(text, { format: "gpt_oss", tools }).toolCalls.map((call) => call.name);
    expect(names(webSearch)).toEqual(["Web Search"]);
    // Undeclared, the first word stays the recipient (as before).
    expect(names()).toEqual(["Web"]);
    const roleHeader =
      '<|start|>assistant to=functions.Web Search<|channel|>commentary json<|message|>{"query": "x"}<|call|>';
    expect(
      parseToolCalls(roleHeader, { format: "gpt_oss", tools: webSearch }).toolCalls.map((c) => c.name),
    ).toEqual(["Web Search"]);
  });

  it("reports unfinished arguments at the end of output as truncated", () => {
    const text = '<|channel|>commentary to=functions.f <|constrain|>json<|message|>{"a": "par';
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("leaves a line starting with to= in prose as text when auto-detecting", () => {
    const text = "Set the option:\nto=value and more\n";
    const result = parseToolCalls(text);
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("is detected when auto-detecting, with the preamble kept as content", () => {
    const text =
      "<|channel|>commentary<|message|>Checking.<|end|><|start|>assistant<|channel|>commentary to=functions.f <|constrain|>json<|message|>{}<|call|>";
    const result = parseToolCalls(text);
    expect(result.format).toBe("gpt_oss");
    expect(result.content).toBe("Checking.");
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
  });
});

describe("gpt_oss decoded with special tokens skipped", () => {
  const text =
    'analysisUser wants the weather. Need get_weather.assistantcommentary to=functions.get_weather json{"city":"Paris"}';
  const tools = [{ name: "get_weather" }];

  it("reads `commentary to=functions.NAME json{...}` as the call when the format is given", () => {
    const result = parseToolCalls(text, { format: "gpt_oss", tools });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["get_weather", { city: "Paris" }],
    ]);
    expect(result.problems).toEqual([]);
    expect(streamedInPieces(text, { format: "gpt_oss", tools })).toEqual(result);
  });

  it("keeps the words as text when no JSON object follows, and never reads them when auto-detecting", () => {
    const prose = "The commentary to=everyone was short.";
    expect(parseToolCalls(prose, { format: "gpt_oss" }).content).toBe(prose);
    expect(parseToolCalls(text, { tools }).toolCalls).toEqual([]);
  });
});

describe("gpt_oss: abandoned headers and LLM-jp's spaced dialect (llama.cpp test-chat.cpp)", () => {
  it("reads the last channel header when one is abandoned for another", () => {
    const text =
      "<|channel|>analysis<|message|>Thinking<|end|><|start|>assistant<|channel|>commentary to=assistant<|channel|>final<|message|>Hi!";
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect([result.reasoning, result.content, result.toolCalls, result.problems]).toEqual([
      "Thinking",
      "Hi!",
      [],
      [],
    ]);
  });

  it("reads messages with one space after each special token", () => {
    const text =
      "<|channel|> analysis<|message|> Thinking<|end|>" +
      '<|start|> assistant to=functions.f<|channel|> commentary <|constrain|>  json<|message|> {"a": 1}<|end|>' +
      "<|start|> assistant<|channel|> final<|message|>  padded";
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect(result.reasoning).toBe("Thinking");
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([["f", { a: 1 }]]);
    expect(result.content).toBe(" padded");
    expect(streamedInPieces(text, { format: "gpt_oss" })).toEqual(result);
  });
});

describe("gpt_oss: message boundaries (mlx-swift-lm GPTOSSTokenStreamParserTests)", () => {
  const named = (text: string, auto = false) =>
    parseToolCalls(text, auto ? {} : { format: "gpt_oss" }).toolCalls.map((call) => [
      call.name,
      call.arguments,
    ]);

  it("keeps harmony tokens quoted inside a JSON string argument", () => {
    const text =
      '<|channel|>commentary to=functions.search<|message|>{"query":"literal <|call|> and <|channel|> text"}<|call|>';
    expect(named(text)).toEqual([["search", { query: "literal <|call|> and <|channel|> text" }]]);
    expect(parseToolCalls(text, { format: "gpt_oss" }).content).toBe("");
    expect(streamedInPieces(text, { format: "gpt_oss" })).toEqual(
      parseToolCalls(text, { format: "gpt_oss" }),
    );
  });

  it("ends a call at a final <|call|> written inside an unclosed string (dynamo's recovery)", () => {
    const text =
      '<|start|>assistant<|channel|>commentary to=functions.get_weather <|constrain|>json<|message|>{"location":"NYC<|call|>';
    expect(named(text)).toEqual([["get_weather", { location: "NYC" }]]);
    const cut = '<|channel|>commentary to=functions.search<|message|>{"query":"literal <|call|> and more';
    expect(parseToolCalls(cut, { format: "gpt_oss" }).problems.map((problem) => problem.code)).toEqual([
      "truncated-call",
    ]);
  });

  it("ends a call without <|call|> at the next <|channel|> header", () => {
    const text =
      '<|channel|>commentary to=functions.get_weather<|message|>{"location":"Paris"}<|channel|>final<|message|>Sunny.';
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect(named(text)).toEqual([["get_weather", { location: "Paris" }]]);
    expect([result.content, result.problems]).toEqual(["Sunny.", []]);
    const two =
      '<|channel|>commentary to=functions.a<|message|>{"x":1}<|channel|>commentary to=functions.b<|message|>{"y":2}<|call|>';
    expect(named(two)).toEqual([
      ["a", { x: 1 }],
      ["b", { y: 2 }],
    ]);
    expect(streamedInPieces(text, { format: "gpt_oss" })).toEqual(result);
  });

  it("does not take a <|channel|> followed by lines of text for a message header", () => {
    const prose = "The harmony format uses <|channel|> tokens.\nSee the docs.";
    expect(parseToolCalls(prose).content).toBe(prose);
    expect(parseToolCalls(prose, { format: "gpt_oss" }).content).toBe(prose);
    const gemma =
      '<|channel|>thought\nI need weather.\n<channel|>\n<|tool_call>call:get_weather{location:<|"|>Tokyo<|"|>}<tool_call|>';
    expect(named(gemma, true)).toEqual([["get_weather", { location: "Tokyo" }]]);
  });

  it("drops the tokenizer's <|endoftext|> left after <|call|> (Rapid-MLX #455)", () => {
    const text =
      '<|channel|>commentary to=functions.calculate json<|message|>{"expression":"17*23"}<|call|><|endoftext|>';
    const result = parseToolCalls(text, { format: "gpt_oss" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ expression: "17*23" }]);
    expect(result.content).toBe("");
    expect(streamedInPieces(text, { format: "gpt_oss" })).toEqual(result);
  });
});
