import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";

describe("hermes", () => {
  it("drops ERNIE's `</s>` end of sequence from content", () => {
    const text =
      'Let me look.\n</think>\n\n<tool_call>\n{"name": "get_current_temperature", "arguments": {"location": "Paris"}}\n</tool_call>\n</s>';
    const result = parseToolCalls(text, { format: "hermes" });
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["get_current_temperature", { location: "Paris" }],
    ]);
    expect(result.content.trim()).toBe("");
    expect(result.reasoning.trim()).toBe("Let me look.");
  });

  it("keeps the calls a cut-off list in <tool_call> finished, and reports the cut", () => {
    // Granite 3.1 under llama-box stopped after the object, without the list's `]`.
    const text = '<tool_call>[{"name": "get_weather", "arguments": {"location": "ShenZhen"}}';
    for (const format of ["hermes", "auto"] as const) {
      const result = parseToolCalls(text, {
        format,
        tools: [{ name: "get_weather" }, { name: "get_temperature" }],
      });
      expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
        ["get_weather", { location: "ShenZhen" }],
      ]);
      expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
      expect(result.content).toBe("");
    }
    // An object the cut left open is not guessed.
    const open = parseToolCalls('<tool_call>[{"name": "a", "arguments": {"q": 1}}, {"name": "b", "argu', {
      format: "hermes",
    });
    expect(open.toolCalls.map(({ name }) => name)).toEqual(["a"]);
    expect(streamedInPieces(text, { format: "auto" })).toEqual(parseToolCalls(text, { format: "auto" }));
  });

  describe("a call whose </tool_call> the model left out before the next <tool_call>", () => {
    const calls = (text: string, format: "hermes" | "auto") =>
      parseToolCalls(text, { format }).toolCalls.map(({ name, arguments: args }) => [name, args]);
    const two =
      '<tool_call>\n{"name": "a", "arguments": {"q": 1}}\n<tool_call>\n{"name": "b", "arguments": {}}\n</tool_call>';

    it("ends at the repeated opener, with the format given, auto-detected and streamed", () => {
      expect(calls(two, "hermes")).toEqual([
        ["a", { q: 1 }],
        ["b", {}],
      ]);
      expect(calls(two, "auto")).toEqual(calls(two, "hermes"));
      expect(streamedInPieces(two, { format: "auto" })).toEqual(parseToolCalls(two, { format: "auto" }));
    });

    it("also when the last close tag is missing at the end of the output", () => {
      const text = '<tool_call>{"name": "a", "arguments": {"q": 1}}<tool_call>{"name": "b", "arguments": {}}';
      expect(calls(text, "hermes")).toEqual([
        ["a", { q: 1 }],
        ["b", {}],
      ]);
    });

    it("keeps an opener quoted inside a string argument, and reports a part that is no call", () => {
      const quoted =
        '<tool_call>{"name": "say", "arguments": {"text": "write <tool_call> tags"}}</tool_call>';
      expect(calls(quoted, "hermes")).toEqual([["say", { text: "write <tool_call> tags" }]]);
      const broken = '<tool_call>{"name": "a", "arguments": {}}\n<tool_call>not a call</tool_call>';
      const result = parseToolCalls(broken, { format: "hermes" });
      expect(result.toolCalls).toEqual([]);
      expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
    });
  });

  describe("a close tag quoted in a JSON string, and text after a complete call", () => {
    const calls = (text: string) =>
      parseToolCalls(text, { format: "hermes" }).toolCalls.map(({ name, arguments: args }) => [name, args]);

    it("reads </tool_call> inside a string value as text, one-shot and streamed", () => {
      const text =
        '<tool_call>{"name":"bash","arguments":{"cmd":"echo \'</tool_call>\' and \\"</tool_call>\\""}}</tool_call> after';
      expect(calls(text)).toEqual([["bash", { cmd: "echo '</tool_call>' and \"</tool_call>\"" }]]);
      expect(parseToolCalls(text, { format: "hermes" }).content.trim()).toBe("after");
      expect(streamedInPieces(text, { format: "hermes" })).toEqual(
        parseToolCalls(text, { format: "hermes" }),
      );
    });

    it("still ends a body whose quotes went wrong before the close tag", () => {
      const text = '<tool_call>{"name":"edit","arguments":{"content":"He said "hi there"}}</tool_call> after';
      expect(calls(text)).toEqual([["edit", { content: 'He said "hi there' }]]);
      expect(parseToolCalls(text, { format: "hermes" }).content.trim()).toBe("after");
    });

    it("reads a complete call followed by a wrong or cut-off close tag", () => {
      const call = '{"name":"get_weather","arguments":{"city":"Seoul"}}';
      for (const tail of ["</think>", "</think></tool_call>", "\n</tool", "}"]) {
        expect(calls(`<tool_call>${call}${tail}`), tail).toEqual([["get_weather", { city: "Seoul" }]]);
      }
      expect(calls(`<tool_call>[${call},${call}]\n</tool_ca`)).toHaveLength(2);
    });

    it("reports prose after a complete call instead of folding it into a value", () => {
      const result = parseToolCalls(
        '<tool_call>{"name":"get_weather","arguments":{"city":"Seoul"}} definitely prose</tool_call>',
        { format: "hermes" },
      );
      expect(result.toolCalls).toEqual([]);
      expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
    });
  });

  it("reads a wrapper around another wrapper around the call (Qwen2's <response><tools>)", () => {
    const text =
      '<response>\n  <tools>\n    {\n      "name": "get_weather",\n      "arguments": {"city": "Boston"}\n    }\n  </tools>\n</response>';
    for (const format of ["hermes", "auto"] as const) {
      const result = parseToolCalls(text, { format, tools: [{ name: "get_weather" }] });
      expect(
        result.toolCalls.map((call) => [call.name, call.arguments]),
        format,
      ).toEqual([["get_weather", { city: "Boston" }]]);
      expect(result.content, format).toBe("");
      expect(streamedInPieces(text, { format, tools: [{ name: "get_weather" }] })).toEqual(result);
    }
    // a wrapper around anything else stays text
    const prose = "<response>\n  <b>Hello</b>\n</response>";
    expect(parseToolCalls(prose, { format: "hermes" }).content).toBe(prose);
    expect(parseToolCalls(prose).content).toBe(prose);
  });
});

describe("hermes: bare call lists (ollama tools_test.go)", () => {
  const one = '{"name": "f", "arguments": {"a": 1}}';

  it("reads a bare list of calls standing alone on its line", () => {
    const text = `[${one} ${one}]`;
    const result = parseToolCalls(text, { format: "hermes" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f", "f"]);
    expect(result.content).toBe("");
    expect(streamedInPieces(text, { format: "hermes" })).toEqual(result);
  });

  it("leaves a bare list with prose on its line as text", () => {
    const text = `[${one}] some tokens after call`;
    expect(parseToolCalls(text, { format: "hermes" }).toolCalls).toEqual([]);
  });

  it("keeps the valid calls of a <tool_call> list with one unreadable element", () => {
    const result = parseToolCalls(
      `<tool_call>[${one}, {"name": "g", "arguments": {"t": 15:30}}]</tool_call>`,
      {
        format: "hermes",
      },
    );
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("keeps the calls of a valid <tool_call> list beside an element that is not a call (sglang)", () => {
    const result = parseToolCalls(`<tool_call>\n[${one}, "junk"]\n</tool_call>`, { format: "hermes" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["f"]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
    // a list of non-calls only stays a malformed block
    const junk = parseToolCalls("<tool_call>\n[1, 2]\n</tool_call>", { format: "hermes" });
    expect([junk.toolCalls, junk.problems.map((problem) => problem.code)]).toEqual([[], ["malformed-call"]]);
  });
});
