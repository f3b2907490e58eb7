import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import { ToolIndex } from "../tool-index.ts";
import type { ParseOptions, ToolSpec } from "../types.ts";
import { closesQuotedCall } from "./shared/xml-function-calls.ts";

const writeFile: ToolSpec = {
  name: "write_file",
  parameters: { type: "object", properties: { path: { type: "string" }, content: { type: "string" } } },
};
const search: ToolSpec = {
  name: "search",
  parameters: {
    type: "object",
    properties: {
      query: { type: "array", items: { type: "string" } },
      limit: { type: "integer" },
      filters: { anyOf: [{ type: "object" }, { type: "null" }] },
    },
  },
};
const given: ParseOptions = { format: "qwen3_coder", tools: [writeFile, search] };

const calls = (text: string, options: ParseOptions = given) =>
  parseToolCalls(text, options).toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

function streamedByChar(text: string, options: ParseOptions) {
  const parser = new StreamParser(options);
  for (const char of text) parser.feed(char);
  return parser.end().result;
}

describe("qwen3_coder", () => {
  it("gathers a repeated parameter into a list typed by the items schema (ai-sdk)", () => {
    const text =
      "<tool_call>\n<function=search>\n<parameter=query>\ncats\n</parameter>\n<parameter=query>\ndogs\n</parameter>\n<parameter=limit>\n5\n</parameter>\n</function>\n</tool_call>";
    expect(calls(text)).toEqual([{ name: "search", arguments: { query: ["cats", "dogs"], limit: 5 } }]);
  });

  it("infers types of repeated parameters when the tool has no schema", () => {
    const text =
      "<tool_call>\n<function=pick>\n<parameter=n>1</parameter>\n<parameter=n>2</parameter>\n</function>\n</tool_call>";
    expect(calls(text, { format: "qwen3_coder" })).toEqual([{ name: "pick", arguments: { n: [1, 2] } }]);
  });

  it("types Python reprs, None and double-encoded JSON by the schema", () => {
    const text =
      "<tool_call>\n<function=search>\n<parameter=query>\n['a', 'b']\n</parameter>\n<parameter=filters>\nNone\n</parameter>\n</function>\n</tool_call>";
    expect(calls(text)).toEqual([{ name: "search", arguments: { query: ["a", "b"], filters: null } }]);
    const encoded =
      '<tool_call>\n<function=search>\n<parameter=filters>\n"{\\"lang\\": \\"en\\"}"\n</parameter>\n</function>\n</tool_call>';
    expect(calls(encoded)).toEqual([{ name: "search", arguments: { filters: { lang: "en" } } }]);
  });

  it("keeps keys outside the schema as strings", () => {
    const text =
      "<tool_call>\n<function=search>\n<parameter=page>\n2\n</parameter>\n</function>\n</tool_call>";
    expect(calls(text)).toEqual([{ name: "search", arguments: { page: "2" } }]);
  });

  it("reads a call whose <tool_call> opener was dropped, and drops the orphan closer", () => {
    const text =
      "Let me write it.\n\n<function=write_file>\n<parameter=path>\na.txt\n</parameter>\n<parameter=content>\nhi\n</parameter>\n</function>\n</tool_call>";
    const result = parseToolCalls(text, given);
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ path: "a.txt", content: "hi" }]);
    expect(result.content.trim()).toBe("Let me write it.");
    expect(streamedByChar(text, given)).toEqual(result);
    const auto = parseToolCalls(text, { tools: [writeFile] });
    expect(auto.format).toBe("qwen3_coder");
    expect(auto.toolCalls).toHaveLength(1);
  });

  it("leaves a functionary-style JSON <function=> body alone", () => {
    const text = 'Here: <function=search>{"limit": 1}</function>';
    const result = parseToolCalls(text, given);
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toBe(text);
  });

  it("reports a call cut off inside a value as truncated, not as a guess", () => {
    const text =
      "<tool_call>\n<function=write_file>\n<parameter=path>\na.txt\n</parameter>\n<parameter=content>\nhal";
    const result = parseToolCalls(text, given);
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
  });

  it("keeps a call cut off right after a closed parameter", () => {
    const text = "<tool_call>\n<function=write_file>\n<parameter=path>\na.txt\n</parameter>\n";
    expect(calls(text)).toEqual([{ name: "write_file", arguments: { path: "a.txt" } }]);
    expect(parseToolCalls(`${text}<parameter=con`, given).problems.map((p) => p.code)).toEqual([
      "truncated-call",
    ]);
  });

  it("accepts a complete call whose </tool_call> never came", () => {
    const text = "<tool_call>\n<function=write_file>\n<parameter=path>\na.txt\n</parameter>\n</function>\n";
    expect(calls(text)).toEqual([{ name: "write_file", arguments: { path: "a.txt" } }]);
  });

  it("reads several functions in one block and a hermes JSON body", () => {
    const text =
      "<tool_call>\n<function=write_file>\n<parameter=path>a</parameter>\n</function>\n<function=write_file>\n<parameter=path>b</parameter>\n</function>\n</tool_call>";
    expect(calls(text).map((call) => call.arguments)).toEqual([{ path: "a" }, { path: "b" }]);
    const json = '<tool_call>\n{"name": "write_file", "arguments": {"path": "c"}}\n</tool_call>';
    expect(calls(json)).toEqual([{ name: "write_file", arguments: { path: "c" } }]);
  });

  it("keeps an unrendered template block as content", () => {
    const text = "<tool_call>\n<function={{ tool.name }}>\n</function>\n</tool_call>";
    const result = parseToolCalls(text, given);
    expect(result.toolCalls).toEqual([]);
    expect(result.content).toContain("{{ tool.name }}");
  });

  it("reports an undeclared tool with a suggestion", () => {
    const result = parseToolCalls("<tool_call>\n<function=serach>\n</function>\n</tool_call>", given);
    expect(result.toolCalls.map((call) => call.name)).toEqual(["serach"]);
    expect(result.problems[0]).toMatchObject({ code: "unknown-tool", suggestion: "search" });
  });

  it("is auto-detected apart from hermes JSON in the same tag", () => {
    const hermes = parseToolCalls(
      '<tool_call>\n{"name": "search", "arguments": {"limit": 3}}\n</tool_call>',
      {
        tools: [search],
      },
    );
    expect(hermes.format).toBe("hermes");
    const qwen = parseToolCalls(
      "<tool_call>\n<function=search>\n<parameter=limit>3</parameter>\n</function>\n</tool_call>",
      {
        tools: [search],
      },
    );
    expect(qwen.format).toBe("qwen3_coder");
    expect(qwen.toolCalls[0]?.arguments).toEqual({ limit: 3 });
  });

  it("tells a quoted </tool_call> inside a value from the block's end", () => {
    const tools = new ToolIndex([writeFile]);
    const quoted =
      '\n<function=write_file>\n<parameter=content>\nx = """\n<tool_call>\n<function=f>\n</function>\n';
    expect(closesQuotedCall(quoted, "<tool_call>", "</tool_call>", tools)).toBe(true);
    const real =
      '\n<function=write_file>\n<parameter=content>\nx = """\n<tool_call>\n"""\n</parameter>\n</function>\n';
    expect(closesQuotedCall(real, "<tool_call>", "</tool_call>", tools)).toBe(false);
    const unclosedValue = "\n<function=write_file>\n<parameter=content>\nplain\n</function>\n";
    expect(closesQuotedCall(unclosedValue, "<tool_call>", "</tool_call>", tools)).toBe(false);
  });
});

describe("qwen3_coder: off-template bodies (ai-sdk live captures)", () => {
  const options: ParseOptions = { format: "qwen3_coder", tools: [writeFile] };
  const expected = [{ name: "write_file", arguments: { path: "a.py", content: "x = 1" } }];
  const calls = (text: string, opts: ParseOptions = options) =>
    parseToolCalls(text, opts).toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }));

  it("reads declared parameters written as elements, a dropped '<', and a bare name closed by </NAME>", () => {
    expect(
      calls(
        "<tool_call>\n<function=write_file>\n<path>a.py</path>\n<content>\nx = 1\n</content>\n</function>",
      ),
    ).toEqual(expected);
    expect(
      calls(
        "<tool_call>function=write_file>\n<parameter=path>a.py</parameter>\n<parameter=content>x = 1</parameter>\n</function>",
      ),
    ).toEqual(expected);
    expect(
      calls("<tool_call>write_file\n<path>a.py</path>\n<content>x = 1</content>\n</write_file>"),
    ).toEqual(expected);
    expect(
      calls("<tool_call>write_file\n<path>a.py</path>\n<content>x = 1</content>\n</write_file>", {
        tools: [writeFile],
      }),
    ).toEqual(expected);
  });

  it("reads the name and keys as element text, <function=NAME/>, and a <value> wrapper", () => {
    const keysAsText =
      "<tool_call>\n<function>write_file</function>\n<parameter>path</parameter>\na.py\n<parameter>content</parameter>\nx = 1\n</function>\n</tool_call>";
    expect(calls(keysAsText)).toEqual(expected);
    expect(calls("<tool_call><function=write_file/></tool_call>")).toEqual([
      { name: "write_file", arguments: {} },
    ]);
    expect(
      calls(
        "<tool_call>\n<function=write_file>\n<parameter=path>\n<value>a.py</value>\n</parameter>\n</function>\n</tool_call>",
      ),
    ).toEqual([{ name: "write_file", arguments: { path: "a.py" } }]);
  });

  it("leaves undeclared element names inside a function body alone", () => {
    const result = parseToolCalls(
      "<tool_call>\n<function=write_file>\n<other>v</other>\n</function>\n</tool_call>",
      options,
    );
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{}]);
  });

  it("recovers a <parameter=NAME header whose > was dropped (the name ends at the line break)", () => {
    const text =
      "<tool_call>\n<function=read_file>\n<parameter=path\na>b\n</parameter>\n</function>\n</tool_call>";
    const result = parseToolCalls(text, { format: "qwen3_coder" });
    expect(result.toolCalls.map((call) => call.arguments)).toEqual([{ path: "a>b" }]);
  });

  it("recovers a <function=NAME header without > only when a parameter follows", () => {
    const recovered = parseToolCalls(
      "<tool_call>\n<function=read_file\n<parameter=path>\n/etc/hosts\n</parameter>\n</function>\n</tool_call>",
      { format: "qwen3_coder" },
    );
    expect(recovered.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "read_file", args: { path: "/etc/hosts" } },
    ]);
    const dropped = parseToolCalls("<tool_call>\n<function=bad_no_gt\n</function>\n</tool_call>", {
      format: "qwen3_coder",
    });
    expect(dropped.toolCalls).toEqual([]);
  });

  it("reads parameters written before the <function=NAME> header (MiMo-V2-Flash)", () => {
    const text =
      "<tool_call>\n<parameter=path>a.txt</parameter>\n<function=write_file>\n<parameter=content>hi</parameter>\n</function>\n</tool_call>";
    for (const options of [{ format: "qwen3_coder" }, {}] as ParseOptions[]) {
      const result = parseToolCalls(text, options);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "write_file", args: { path: "a.txt", content: "hi" } },
      ]);
      expect(result.content).toBe("");
    }
  });
});
