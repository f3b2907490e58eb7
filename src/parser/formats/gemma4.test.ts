import { describe, expect, it } from "vitest";
import { streamedInPieces } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import type { ToolSpec } from "../types.ts";

const q = (text: string) => `<|"|>${text}<|"|>`;
const SET_ALARM: ToolSpec = {
  name: "set_alarm",
  parameters: { type: "object", properties: { hour: { type: "integer" }, label: { type: "string" } } },
};

describe("gemma4", () => {
  it("keeps thinking apart and reads the call after it", () => {
    const result = parseToolCalls(
      `<|channel>thought\nThe user wants Paris.<channel|>On it.<|tool_call>call:get_weather{city:${q("Paris")}}<tool_call|><|tool_response>`,
      { format: "gemma4" },
    );
    expect(result.reasoning).toBe("The user wants Paris.");
    expect(result.content).toBe("On it.");
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ city: "Paris" }]);
  });

  it("keeps string contents verbatim, braces, quotes and backslashes included", () => {
    const text = 'if (a) { b("x\\n"); }';
    const result = parseToolCalls(`<|tool_call>call:edit{code:${q(text)},n:1}<tool_call|>`, {
      format: "gemma4",
    });
    expect(result.toolCalls[0]?.arguments).toEqual({ code: text, n: 1 });
  });

  it("types string values by the declared schema", () => {
    const result = parseToolCalls(`<|tool_call>call:set_alarm{hour:${q("7")},label:${q("7")}}<tool_call|>`, {
      format: "gemma4",
      tools: [SET_ALARM],
    });
    expect(result.toolCalls[0]?.arguments).toEqual({ hour: 7, label: "7" });
  });

  it("accepts a complete call without the end token, reports a truncated one", () => {
    expect(parseToolCalls(`<|tool_call>call:f{x:1}`, { format: "gemma4" }).toolCalls).toHaveLength(1);
    const truncated = parseToolCalls(`<|tool_call>call:f{x:${q("ab")},y:[1,`, { format: "gemma4" });
    expect(truncated.toolCalls).toEqual([]);
    expect(truncated.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("reports a block that is not a call", () => {
    const result = parseToolCalls("<|tool_call>hello<tool_call|>", { format: "gemma4" });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("reads a lone call whose arguments sit in parentheses", () => {
    const text = '<|tool_call>call:search(query: "blockchain news", limit: 3)<tool_call|>';
    for (const format of ["gemma4", undefined] as const) {
      const result = parseToolCalls(text, { format });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "search", args: { query: "blockchain news", limit: 3 } },
      ]);
      expect(streamedInPieces(text, { format }).toolCalls).toEqual(result.toolCalls);
    }
    // Parentheses holding something that is not key:value pairs stay a malformed call.
    const prose = parseToolCalls("<|tool_call>call:search(the news)<tool_call|>", { format: "gemma4" });
    expect(prose.toolCalls).toEqual([]);
    expect(prose.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("is detected from its tokens", () => {
    const result = parseToolCalls(`Sure.<|tool_call>call:f{x:true}<tool_call|>`);
    expect(result.format).toBe("gemma4");
    expect(result.content).toBe("Sure.");
  });
});

describe("gemma4: call:NAME{..} without the <|tool_call> token (vllm#54256)", () => {
  const text = `<|channel>thought\nLet me inspect the code at the crash point.\n<channel|>call:bash{command:${q("cat /work/src/entry.c")}}`;

  it("reads the call after the thought channel, format given or auto-detected with the tool declared", () => {
    for (const format of ["gemma4", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [{ name: "bash" }] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "bash", args: { command: "cat /work/src/entry.c" } },
      ]);
      expect(result.reasoning.trim()).toBe("Let me inspect the code at the crash point.");
      expect(result.content).toBe("");
    }
  });

  it("needs a declared name (or the format given without tools); prose with call: stays text", () => {
    expect(parseToolCalls(text, { tools: [SET_ALARM] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "gemma4" }).toolCalls.map((call) => call.name)).toEqual(["bash"]);
    const prose = "Make a call: bash{x} is not a tool call, nor is recall:that.";
    expect(parseToolCalls(prose, { format: "gemma4", tools: [{ name: "bash" }] })).toMatchObject({
      toolCalls: [],
      content: prose,
    });
  });

  it("keeps text after the call as content", () => {
    const result = parseToolCalls(`call:set_alarm{hour:7}\nDone.`, { format: "gemma4", tools: [SET_ALARM] });
    expect(result.toolCalls[0]?.arguments).toEqual({ hour: 7 });
    expect(result.content.trim()).toBe("Done.");
  });

  it("skips a stray colon before call: (vLLM test_colon_prefixed_tool_call)", () => {
    const result = parseToolCalls(`<|tool_call>:call:set_alarm{hour:7}<tool_call|>`, { format: "gemma4" });
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "set_alarm", args: { hour: 7 } },
    ]);
    expect(result.problems).toEqual([]);
  });

  it("reads the fragmented <call>NAME{..} form for a declared tool only", () => {
    const text = `<call>set_alarm{label:${q("wake")}}`;
    const declared = parseToolCalls(text, { tools: [SET_ALARM] });
    expect(declared.toolCalls.map((call) => call.arguments)).toEqual([{ label: "wake" }]);
    expect(parseToolCalls(text, { format: "gemma4", tools: [{ name: "other" }] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text, {}).toolCalls).toEqual([]);
  });
});

describe("gemma4: stray channel tokens (llama.cpp test-chat.cpp)", () => {
  it("drops a <channel|> left outside a thought block", () => {
    const text = "<|channel>thought\n<channel|>Hello!<|channel>thought\n<channel|><channel|>";
    const result = parseToolCalls(text, { format: "gemma4" });
    expect(result.content).toBe("Hello!");
    expect(result.reasoning).toBe("");
  });
});

describe("gemma4: ollama gemma4_test.go repairs", () => {
  const d = '<|"|>';
  const stringTool = (name: string, ...keys: string[]): ToolSpec => ({
    name,
    parameters: {
      type: "object",
      properties: Object.fromEntries(keys.map((key) => [key, { type: "string" }])),
    },
  });
  const read = (text: string, tools: ToolSpec[] = []) => {
    const result = parseToolCalls(text, { format: "gemma4", tools });
    expect(streamedInPieces(text, { format: "gemma4", tools })).toEqual(result);
    return result;
  };

  it("drops a repeated <tool_call|> after a call", () => {
    const result = read(`<|tool_call>call:get_weather{location:${d}Paris${d}}<tool_call|><tool_call|>Done.`);
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ location: "Paris" }]);
    expect(result.content).toBe("Done.");
  });

  it("reads single-quoted values, dropping a dangling delimiter after one", () => {
    const result = read(
      `<|tool_call>call:grep{include:${d}*.py${d},pattern:':\\s*\\w+'${d},path:'/tmp'}<tool_call|>`,
    );
    expect(result.toolCalls[0]!.arguments).toEqual({ include: "*.py", pattern: ":\\s*\\w+", path: "/tmp" });
  });

  it("closes a delimited string left open before the call's closing brace", () => {
    const result = read(`<|tool_call>call:bash{path:${d}/tmp${d},command:${d}ls}<tool_call|>`);
    expect(result.toolCalls[0]!.arguments).toEqual({ path: "/tmp", command: "ls" });
    // cut off by the end of the output: still a truncated call, never a guess
    expect(read(`<|tool_call>call:bash{command:${d}ls}`).problems.map((p) => p.code)).toEqual([
      "truncated-call",
    ]);
  });

  it("reads a string whose opening delimiter was left out, up to its closing one (sglang)", () => {
    const result = read(
      `<|tool_call>call:web_search{query:Paris, France${d},limit:5,tags:[${d}a${d},b${d}]}<tool_call|>`,
    );
    expect(result.toolCalls[0]!.arguments).toEqual({ query: "Paris, France", limit: 5, tags: ["a", "b"] });
    const nested = read(`<|tool_call>call:f{filters:{city:Tokyo${d}},query:${d}x${d}}<tool_call|>`);
    expect(nested.toolCalls[0]!.arguments).toEqual({ filters: { city: "Tokyo" }, query: "x" });
    // a bare value followed by another argument's delimited string stays a bare value
    const bare = read(`<|tool_call>call:f{limit:5,exact:true,query:${d}Note: a, b${d}}<tool_call|>`);
    expect(bare.toolCalls[0]!.arguments).toEqual({ limit: 5, exact: true, query: "Note: a, b" });
  });

  it("wraps a raw value of a string parameter up to the next declared key or the end", () => {
    const text = "<|tool_call>call:write{content:\n\n# Title, with a comma\n\nBody text.<tool_call|>";
    const result = read(text, [stringTool("write", "content")]);
    expect(result.toolCalls[0]!.arguments).toEqual({ content: "\n\n# Title, with a comma\n\nBody text." });
    const before = read(`<|tool_call>call:write{content:a, b: c,mode:${d}fast${d}<tool_call|>`, [
      stringTool("write", "content", "mode"),
    ]);
    expect(before.toolCalls[0]!.arguments).toEqual({ content: "a, b: c", mode: "fast" });
    // no schema: nothing to tell a raw string from a slip, so the call stays unreadable
    expect(read(text).problems.map((p) => p.code)).toEqual(["malformed-call"]);
  });
});
