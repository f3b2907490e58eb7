import { describe, expect, it } from "vitest";
import { expectStreamsAsOneShot } from "../../../test/helpers/streamed.ts";
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

  it("ends a value before a key outside the schema whose own value closes the call, but not before quoted text", () => {
    const text =
      "<tool_call><function=write_file><parameter=path>a.txt</parameter><parameter=mode>644</parameter></function></tool_call>";
    expect(calls(text)).toEqual([{ name: "write_file", arguments: { path: "a.txt", mode: "644" } }]);
    expect(streamedByChar(text, given).toolCalls.map((call) => call.arguments)).toEqual([
      { path: "a.txt", mode: "644" },
    ]);
    const quoted =
      "<tool_call><function=write_file><parameter=content>use </parameter><parameter=x>y</parameter> here</parameter></function></tool_call>";
    expect(calls(quoted)).toEqual([
      { name: "write_file", arguments: { content: "use </parameter><parameter=x>y</parameter> here" } },
    ]);
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

  it("reads a bare functionary-style JSON <function=> body with the format given, not when auto-detecting", () => {
    // Qwen3-Coder writing functionary's body without <tool_call> (Rapid-MLX #448).
    const text = 'Here: <function=search>{"limit": 1}</function>';
    const result = parseToolCalls(text, given);
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([["search", { limit: 1 }]]);
    expect(result.content).toBe("Here: ");
    expectStreamsAsOneShot([text], ["qwen3_coder", "auto"]);
    // Auto-detected, the same shape is functionary_v3_1's call.
    expect(parseToolCalls(text).format).toBe("functionary_v3_1");
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

  it("reads <function>NAME</function> followed by JSON arguments (Qwen3.6, Gemma 3)", () => {
    const text =
      'Let me check.\n<tool_call>\n<function>terminal</function>\n{"command": "lsof -i :10240"}\n</tool_call>';
    for (const options of [{ format: "qwen3_coder" }, { tools: [{ name: "terminal" }] }] as ParseOptions[]) {
      const result = parseToolCalls(text, options);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "terminal", args: { command: "lsof -i :10240" } },
      ]);
      expect(result.content.trim()).toBe("Let me check.");
      const parser = new StreamParser(options);
      for (const char of text) parser.feed(char);
      expect(parser.end().result).toEqual(result);
    }
    // arguments that are not a JSON object: not this shape
    const list = "<tool_call><function>terminal</function>[1, 2]</tool_call>";
    expect(parseToolCalls(list, { format: "qwen3_coder" }).toolCalls).toEqual([]);
  });
});

describe("qwen3_coder: value layout (llama.cpp test-chat.cpp)", () => {
  const python: ToolSpec = {
    name: "python",
    parameters: { type: "object", properties: { code: { type: "string" } } },
  };

  it("keeps the indentation of one-line code when the tags are not indented, trims it when they are", () => {
    const plain =
      "<tool_call>\n<function=python>\n<parameter=code>\n    print(1)\n</parameter>\n</function>\n</tool_call>";
    expect(parseToolCalls(plain, { format: "qwen3_coder", tools: [python] }).toolCalls[0]?.arguments).toEqual(
      {
        code: "    print(1)",
      },
    );
    const indented =
      "<tool_call>\n  <function=python>\n    <parameter=code>\n      print(1)\n    </parameter>\n  </function>\n</tool_call>";
    expect(
      parseToolCalls(indented, { format: "qwen3_coder", tools: [python] }).toolCalls[0]?.arguments,
    ).toEqual({
      code: "print(1)",
    });
  });
});

describe("qwen3_coder: ai-sdk recoveries", () => {
  const calls = (text: string) =>
    parseToolCalls(text, { format: "qwen3_coder" }).toolCalls.map(({ name, arguments: args }) => [
      name,
      args,
    ]);

  it("reads nameless <parameter>KEY</parameter> pairs after a proper header (Qwen2.5-7B)", () => {
    expect(
      calls(
        "<tool_call>\n<function=get_weather>\n<parameter>city</parameter>\nSeoul\n<parameter>unit</parameter>\ncelsius\n</function>\n</tool_call>",
      ),
    ).toEqual([["get_weather", { city: "Seoul", unit: "celsius" }]]);
    expect(
      calls("<tool_call><function=f><parameter>not a key</parameter>v<parameter/></function></tool_call>"),
    ).toEqual([["f", {}]]);
  });

  it("reads attribute headers and a <name> element as the function name", () => {
    expect(
      calls(
        '<tool_call><function name=" get_weather "><parameter name=" city ">Seoul</parameter><parameter= unit >celsius</parameter></function></tool_call>',
      ),
    ).toEqual([["get_weather", { city: "Seoul", unit: "celsius" }]]);
    expect(calls("<tool_call><name>alpha</name><parameter=query>close </name> tag</tool_call>")).toEqual([
      ["alpha", { query: "close </name> tag" }],
    ]);
  });

  it("starts the next call at <function= after a closed parameter, without </function>", () => {
    const text =
      "<tool_call><function=a><parameter=x>one</parameter><function=b><parameter=y>two</parameter></tool_call>";
    expect(calls(text)).toEqual([
      ["a", { x: "one" }],
      ["b", { y: "two" }],
    ]);
    expect(streamedByChar(text, { format: "qwen3_coder" })).toEqual(
      parseToolCalls(text, { format: "qwen3_coder" }),
    );
  });

  it("keeps markup inside a CDATA value as text, and unwraps the section", () => {
    expect(
      calls(
        "<tool_call><function=a><parameter=q><![CDATA[use <function=b> and <parameter=x> tags]]></parameter></function></tool_call>",
      ),
    ).toEqual([["a", { q: "use <function=b> and <parameter=x> tags" }]]);
  });

  it("reads an unfinished call whose parameters closed, keeping the prose after them", () => {
    const result = parseToolCalls("before <function=get_weather><parameter=city>Tokyo</parameter> after", {
      format: "qwen3_coder",
    });
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["get_weather", { city: "Tokyo" }],
    ]);
    expect(result.content).toBe("before  after");
  });
});

describe("qwen3_coder: garbled parameter tags (sglang's Step-3.5 and Qwen3-Coder detector tests)", () => {
  const bash: ToolSpec = {
    name: "bash",
    parameters: { type: "object", properties: { command: { type: "string" }, timeout: { type: "integer" } } },
  };
  const weather: ToolSpec = {
    name: "weather",
    parameters: { type: "object", properties: { city: { type: "string" }, state: { type: "string" } } },
  };
  const options: ParseOptions = { format: "qwen3_coder", tools: [bash, weather] };

  it("ends a value at an inline <parameter=KEY> it leaves unclosed", () => {
    const text =
      "<tool_call><function=weather><parameter=city>Dallas<parameter=state>TX</parameter></function></tool_call>";
    expect(calls(text, options)).toEqual([{ name: "weather", arguments: { city: "Dallas", state: "TX" } }]);
    expect(streamedByChar(text, options).toolCalls.map(({ arguments: args }) => args)).toEqual([
      { city: "Dallas", state: "TX" },
    ]);
    // A quoted, closed pair inside a value stays text.
    const quoted =
      "<tool_call><function=bash><parameter=command>echo '<parameter=timeout>1</parameter>'</parameter></function></tool_call>";
    expect(calls(quoted, options)).toEqual([
      { name: "bash", arguments: { command: "echo '<parameter=timeout>1</parameter>'" } },
    ]);
  });

  it("drops a drifted close tag ending an unclosed value, and reads <parameter=parameter=KEY>", () => {
    for (const marker of ["</parameter1>", "</parameter_x>", "</parameter"]) {
      const text = `<tool_call>\n<function=bash>\n<parameter=command>\nls\n${marker}\n<parameter=timeout>\n3\n</parameter>\n</function>\n</tool_call>`;
      expect(calls(text, options)).toEqual([{ name: "bash", arguments: { command: "ls", timeout: 3 } }]);
    }
    const closed =
      "<tool_call><function=bash><parameter=command>x </parameterList>\n</parameter></function></tool_call>";
    expect(calls(closed, options)).toEqual([{ name: "bash", arguments: { command: "x </parameterList>" } }]);
    const repeated =
      "<tool_call><function=bash><parameter=parameter=command\npwd</parameter></function></tool_call>";
    expect(calls(repeated, options)).toEqual([{ name: "bash", arguments: { command: "pwd" } }]);
  });

  it("reads <function NAME> / <functionNAME> for a declared tool only", () => {
    for (const header of ["<function bash>", "<functionbash>"]) {
      const text = `<tool_call>${header}<parameter=command>pwd</parameter></function></tool_call>`;
      expect(calls(text, options)).toEqual([{ name: "bash", arguments: { command: "pwd" } }]);
      expect(calls(text, { tools: [bash, weather] })).toEqual([
        { name: "bash", arguments: { command: "pwd" } },
      ]);
    }
    const unknown = "<tool_call><function other><parameter=command>pwd</parameter></function></tool_call>";
    expect(calls(unknown, options)).toEqual([]);
  });
});

describe("qwen3_coder: a parameter type JSON Schema does not define", () => {
  it("decodes an object written as a Python literal (vLLM's and TRT-LLM's ast.literal_eval fallback); scalars stay text", () => {
    const tool: ToolSpec = {
      name: "f",
      parameters: {
        type: "object",
        properties: { a: { type: "other_type" }, b: { type: "other_type" }, c: { type: "str" } },
      },
    };
    const text =
      "<tool_call>\n<function=f>\n<parameter=a>{'arg1': 3, 'arg2': [1, 2]}</parameter>\n<parameter=b>42</parameter>\n<parameter=c>{\"k\": 1}</parameter>\n</function>\n</tool_call>";
    expect(calls(text, { format: "qwen3_coder", tools: [tool] })).toEqual([
      { name: "f", arguments: { a: { arg1: 3, arg2: [1, 2] }, b: "42", c: '{"k": 1}' } },
    ]);
  });
});

describe("qwen3_coder: hand-written schema type names", () => {
  it("reads int / uint / bool / num as JSON Schema types, and an object where the schema says array", () => {
    const tool: ToolSpec = {
      name: "calc",
      parameters: {
        properties: {
          x: { type: "int" },
          n: { type: "uint" },
          on: { type: "bool" },
          y: { type: "num" },
          cfg: { type: "array" },
        },
      },
    };
    const text =
      '<tool_call>\n<function=calc>\n<parameter=x>\n42\n</parameter>\n<parameter=n>\n5\n</parameter>\n<parameter=on>\ntrue\n</parameter>\n<parameter=y>\n3.5\n</parameter>\n<parameter=cfg>\n{"timeout": 30}\n</parameter>\n</function>\n</tool_call>';
    expect(calls(text, { format: "qwen3_coder", tools: [tool] })).toEqual([
      { name: "calc", arguments: { x: 42, n: 5, on: true, y: 3.5, cfg: { timeout: 30 } } },
    ]);
  });

  it("reads a JSON object for a function's arguments inside <tool_call> (Nemotron, vllm-mlx)", () => {
    const text =
      '<tool_call><function=search>{"limit": 2}</function></tool_call>\n<tool_call><function=write_file>\n<parameter=path>\na.txt\n</parameter>\n</function></tool_call>';
    const result = parseToolCalls(text, given);
    expect(result.toolCalls.map(({ name, arguments: args }) => [name, args])).toEqual([
      ["search", { limit: 2 }],
      ["write_file", { path: "a.txt" }],
    ]);
    expect(result.content.trim()).toBe("");
    expect(streamedByChar(text, given)).toEqual(result);
  });

  it("reports a <tool_call> cut off right after its opener, leaving the text before it", () => {
    for (const text of ["Some text. <tool_call>", "Some text. <tool_call>\n<func"]) {
      const result = parseToolCalls(text, given);
      expect(result.toolCalls).toEqual([]);
      expect(result.content.trim()).toBe("Some text.");
      expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
      expect(streamedByChar(text, given)).toEqual(result);
    }
  });
});

describe('qwen3_coder with MiniMax\'s <parameter name="KEY"> headers', () => {
  it("reads them as parameters instead of dropping the arguments (usestrix/strix #439)", () => {
    const bare = '<function=terminal>\n<parameter name="command">ls -la</parameter>\n</function>';
    const wrapped = `<tool_call>\n${bare}\n</tool_call>`;
    for (const text of [bare, wrapped]) {
      for (const format of ["qwen3_coder", "auto"] as const) {
        const result = parseToolCalls(text, { format });
        expect(
          result.toolCalls.map((call) => [call.name, call.arguments]),
          `${format} ${text}`,
        ).toEqual([["terminal", { command: "ls -la" }]]);
        expect(result.problems).toEqual([]);
      }
    }
    expectStreamsAsOneShot([bare, wrapped], ["qwen3_coder", "auto"]);
  });
});
