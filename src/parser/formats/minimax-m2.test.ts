import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ToolSpec } from "../types.ts";

const special: ToolSpec = {
  name: "special_function",
  parameters: { type: "object", properties: { arg1: { type: "integer" } } },
};
const profile: ToolSpec = {
  name: "update_profile",
  parameters: {
    type: "object",
    properties: {
      nickname: { anyOf: [{ type: "string" }, { type: "null" }] },
      age: { type: ["integer", "null"] },
      prefs: { oneOf: [{ type: "object" }, { type: "null" }] },
    },
  },
};
const block = (invokes: string) => `<minimax:tool_call>\n${invokes}\n</minimax:tool_call>`;
const invoke = (name: string, params: Record<string, string>) =>
  `<invoke name="${name}">\n${Object.entries(params)
    .map(([key, value]) => `<parameter name="${key}">${value}</parameter>`)
    .join("\n")}\n</invoke>`;

describe("minimax_m2", () => {
  it("types values by the schema (llama.cpp's special_function: arg1 integer)", () => {
    const text = block(invoke("special_function", { arg1: "1" }));
    expect(parseToolCalls(text, { format: "minimax_m2", tools: [special] }).toolCalls[0]?.arguments).toEqual({
      arg1: 1,
    });
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls[0]?.arguments).toEqual({ arg1: "1" });
  });

  it("follows anyOf / type lists / oneOf with null", () => {
    const text = block(invoke("update_profile", { nickname: "None", age: "null", prefs: '{"dark": true}' }));
    expect(parseToolCalls(text, { format: "minimax_m2", tools: [profile] }).toolCalls[0]?.arguments).toEqual({
      nickname: null,
      age: null,
      prefs: { dark: true },
    });
  });

  it("keeps multi-line values, dropping only the newline after the tag and before its close", () => {
    const text = block(invoke("write", { code: "\ndef f():\n    return 1\n" }));
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls[0]?.arguments).toEqual({
      code: "def f():\n    return 1",
    });
  });

  it("accepts single-quoted names, a missing </parameter> and a missing </minimax:tool_call>", () => {
    const text =
      "<minimax:tool_call><invoke name='move'><parameter name='x'>1<parameter name=\"y\">2</parameter></invoke>";
    const result = parseToolCalls(text, { format: "minimax_m2" });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["move", { x: "1", y: "2" }],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("keeps the complete invokes of a block cut off inside a later one", () => {
    const text = `<minimax:tool_call>${invoke("a", { k: "1" })}<invoke name="b"><parameter name="k">2`;
    const result = parseToolCalls(text, { format: "minimax_m2" });
    expect(result.toolCalls.map((call) => call.name)).toEqual(["a"]);
    expect(result.problems.map((problem) => [problem.code, problem.raw])).toEqual([
      ["truncated-call", '<invoke name="b"><parameter name="k">2'],
    ]);
  });

  it("reads bare invokes only when the format is given", () => {
    const text = `Calling.\n${invoke("ping", {})}`;
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls.map((call) => call.name)).toEqual([
      "ping",
    ]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
  });

  it("is auto-detected and streams character by character to the one-shot result", () => {
    const text = `<think>Weather first.</think>\nChecking.\n${block(invoke("special_function", { arg1: "7" }))}\nDone.`;
    const oneShot = parseToolCalls(text, { tools: [special] });
    const parser = new StreamParser({ tools: [special] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(oneShot);
    expect([oneShot.format, oneShot.reasoning, oneShot.toolCalls[0]?.arguments]).toEqual([
      "minimax_m2",
      "Weather first.",
      { arg1: 7 },
    ]);
    expect(oneShot.content).toBe("\nChecking.\n\nDone.");
  });
});

describe("minimax_m2: invokes without the <minimax:tool_call> opener (QwenPaw#4625)", () => {
  const query: ToolSpec = {
    name: "mobile-query",
    parameters: { type: "object", properties: { phone_number: { type: "string" } } },
  };
  const text =
    'Let me look it up.\n<invoke name="mobile-query"> <parameter name="phone_number">19898098464</parameter> </invoke> </minimax:tool_call>';

  it("reads them with the format given or, for a declared tool, auto-detected; the orphan closer is dropped", () => {
    for (const format of ["minimax_m2", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [query] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "mobile-query", args: { phone_number: "19898098464" } },
      ]);
      expect(result.content.trim()).toBe("Let me look it up.");
    }
  });

  it("leaves an invoke of an undeclared tool (or with no tools declared) as text when auto-detecting", () => {
    expect(parseToolCalls(text, { tools: [special] }).toolCalls).toEqual([]);
    expect(parseToolCalls(text).toolCalls).toEqual([]);
    expect(parseToolCalls(text, { format: "minimax_m2" }).toolCalls.map((call) => call.name)).toEqual([
      "mobile-query",
    ]);
  });

  it("streams to the same result", () => {
    const parser = new StreamParser({ tools: [query] });
    for (const char of text) parser.feed(char);
    expect(parser.end().result).toEqual(parseToolCalls(text, { tools: [query] }));
  });
});

describe("minimax_m2: [TOOL_CALL] {tool => ..., args => {...}} blocks (hermes-agent#35935)", () => {
  const terminal: ToolSpec = {
    name: "terminal",
    parameters: {
      type: "object",
      properties: {
        command: { type: "string" },
        timeout: { type: "integer" },
        background: { type: "boolean" },
        env: { type: "object" },
      },
    },
  };
  const reported = '[TOOL_CALL]\n{tool => "terminal", args => {\n  --command "echo test"\n}}\n[/TOOL_CALL]';
  const args = (text: string, options: Parameters<typeof parseToolCalls>[1] = {}) =>
    parseToolCalls(text, options).toolCalls.map((call) => [call.name, call.arguments]);

  it("reads the reported block with the format given and auto-detected", () => {
    for (const format of ["minimax_m2", undefined] as const) {
      const result = parseToolCalls(reported, format ? { format } : {});
      expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
        ["terminal", { command: "echo test" }],
      ]);
      expect([result.format, result.content, result.problems]).toEqual(["minimax_m2", "", []]);
    }
  });

  it("types quoted values as strings and bare ones by their text, or by the schema when declared", () => {
    const text =
      '[TOOL_CALL]{tool => "terminal", args => {\n  --command "sleep 5"\n  --timeout "30"\n  --background\n  --env {"A": 1}\n}}[/TOOL_CALL]';
    expect(args(text)).toEqual([
      ["terminal", { command: "sleep 5", timeout: "30", background: true, env: { A: 1 } }],
    ]);
    expect(args(text, { tools: [terminal] })).toEqual([
      ["terminal", { command: "sleep 5", timeout: 30, background: true, env: { A: 1 } }],
    ]);
    const bare = '[TOOL_CALL]{tool => "terminal", args => {--command ls -la --timeout 7}}[/TOOL_CALL]';
    expect(args(bare)).toEqual([["terminal", { command: "ls -la", timeout: 7 }]]);
    const numeric = '[TOOL_CALL]{tool => "terminal", args => {--command 42}}[/TOOL_CALL]';
    expect(args(numeric)).toEqual([["terminal", { command: 42 }]]);
    expect(args(numeric, { tools: [terminal] })).toEqual([["terminal", { command: "42" }]]);
  });

  it("decodes escapes, keeps inner quotes that do not end the value, and reads multi-line strings", () => {
    const text = [
      "[TOOL_CALL]",
      '{tool => "write_file", args => {',
      '  --path "C:\\\\tmp\\\\a.md"',
      '  --content "# Title\\n\\nSay \\"hi\\" to \\d+',
      'second line"',
      '  --command "grep "foo" file.txt"',
      "}}",
      "[/TOOL_CALL]",
    ].join("\n");
    expect(args(text)).toEqual([
      [
        "write_file",
        {
          path: "C:\\tmp\\a.md",
          content: '# Title\n\nSay "hi" to \\d+\nsecond line',
          command: 'grep "foo" file.txt',
        },
      ],
    ]);
  });

  it("accepts JSON bodies, key => value arguments, --key: value, lists and several calls", () => {
    const text = [
      "Let me look.",
      '[TOOL_CALL] { "tool": "write", "args": { "filePath": "test.html", "content": "<html>...</html>" } } [/TOOL_CALL]',
      '[TOOL_CALL]{tool => "recall", args => {query => "topic", k => 3, tags => ["a", "b"]}}[/TOOL_CALL]',
      '[TOOL_CALL]{tool => "searchFiles" args => { --pattern: "**/*.ts" }}',
      '{tool => "noop", args => { }}}[/TOOL_CALL]',
      "Done.",
    ].join("\n");
    const result = parseToolCalls(text);
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["write", { filePath: "test.html", content: "<html>...</html>" }],
      ["recall", { query: "topic", k: 3, tags: ["a", "b"] }],
      ["searchFiles", { pattern: "**/*.ts" }],
      ["noop", {}],
    ]);
    expect(result.content).toBe("Let me look.\n\n\n\nDone.");
  });

  it("reads a JSON list of calls and keeps braces in bare text", () => {
    const list = '[TOOL_CALL][{"tool": "a", "args": {"x": 1}}, {tool => "b", args => {--y "z"}}][/TOOL_CALL]';
    expect(args(list)).toEqual([
      ["a", { x: 1 }],
      ["b", { y: "z" }],
    ]);
    const braces =
      '[TOOL_CALL]{tool => "terminal", args => {--command echo x{HOME} {a}\n--timeout 2}}[/TOOL_CALL]';
    expect(args(braces)).toEqual([["terminal", { command: "echo x{HOME} {a}", timeout: 2 }]]);
  });

  it("reports a cut-off block as a truncated call and keeps the text before it", () => {
    for (const text of [
      'Before\n[TOOL_CALL]{tool => "web_search", args => {"query":"NET stock price"}',
      'Before\n[TOOL_CALL]\n{tool => "terminal", args => {\n  --command "echo te',
      "Before\n[TOOL_CALL]\n",
    ]) {
      for (const format of ["minimax_m2", undefined] as const) {
        const result = parseToolCalls(text, format ? { format } : {});
        expect(result.toolCalls).toEqual([]);
        expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
        expect(result.content).toBe("Before\n");
      }
    }
    // complete but for its closer: read
    expect(args('[TOOL_CALL]{tool => "terminal", args => {--command "pwd"}}')).toEqual([
      ["terminal", { command: "pwd" }],
    ]);
  });

  it("leaves prose naming [TOOL_CALL] as text, and a body that is no call as a malformed call", () => {
    const prose = "Models sometimes print [TOOL_CALL] markers instead of calling.";
    for (const format of ["minimax_m2", undefined] as const) {
      const result = parseToolCalls(prose, format ? { format } : {});
      expect([result.toolCalls, result.content, result.problems]).toEqual([[], prose, []]);
    }
    const junk = parseToolCalls("[TOOL_CALL]{just braces}[/TOOL_CALL]", { format: "minimax_m2" });
    expect(junk.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });

  it("reads a MiniMax <invoke> inside [TOOL_CALL]", () => {
    const text = `[TOOL_CALL]\n${invoke("terminal", { command: "ls" })}\n[/TOOL_CALL]`;
    expect(args(text)).toEqual([["terminal", { command: "ls" }]]);
  });

  it("keeps Mistral's [TOOL_CALLS] working beside [TOOL_CALL]", () => {
    const mistral = '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]';
    const result = parseToolCalls(mistral);
    expect([result.format, result.toolCalls.map((call) => [call.name, call.arguments])]).toEqual([
      "mistral",
      [["get_weather", { city: "Paris" }]],
    ]);
  });

  it("streams in small pieces to the one-shot result", () => {
    const texts = [
      reported,
      `Checking.\n${reported}\nDone.`,
      '[TOOL_CALL]{tool => "a", args => {--x "1"}}\n[TOOL_CALL]{tool => "b", args => {--y 2}}[/TOOL_CALL]',
      '[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Paris"}}]',
      '[TOOL_CALLS]get_weather{"city": "Paris"}',
      "Say [TOOL_CALL] and [TOOL_CALLS] in prose.",
      'Before\n[TOOL_CALL]{tool => "web_search", args => {"query":"NET',
    ];
    expectStreamsAsOneShot(texts, ["minimax_m2", "mistral", "mistral_v11", "auto"]);
    expectStreamsAsOneShot(texts, ["minimax_m2", "auto"], { tools: [terminal] });
    for (const text of texts) {
      const parser = new StreamParser({});
      for (const char of text) parser.feed(char);
      expect(parser.end().result).toEqual(parseToolCalls(text));
    }
  });
});
