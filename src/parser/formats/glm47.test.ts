import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../parse-tool-calls.ts";
import { StreamParser } from "../stream-parser.ts";
import type { ParseOptions, ToolSpec } from "../types.ts";

const forecast: ToolSpec = {
  name: "forecast",
  parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } } },
};

describe("glm47", () => {
  it("keeps values without a schema as strings (unlike glm4_moe)", () => {
    const text = "<tool_call>lookup<arg_key>n</arg_key><arg_value>42</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47" }).toolCalls[0]?.arguments).toEqual({ n: "42" });
    expect(parseToolCalls(text, { format: "glm4_moe" }).toolCalls[0]?.arguments).toEqual({ n: 42 });
  });

  it("types values by the schema with no newlines anywhere", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key><arg_value>Oslo</arg_value><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47", tools: [forecast] }).toolCalls[0]?.arguments).toEqual({
      city: "Oslo",
      days: 3,
    });
  });

  it("reads zero-argument calls back to back and keeps the text between them", () => {
    const result = parseToolCalls("<tool_call>now</tool_call> then <tool_call>today\n</tool_call>", {
      format: "glm47",
    });
    expect(result.toolCalls.map((call) => [call.name, call.arguments])).toEqual([
      ["now", {}],
      ["today", {}],
    ]);
    expect(result.content.trim()).toBe("then");
  });

  it("flags a call to an undeclared tool with the closest declared name", () => {
    const result = parseToolCalls(
      "<tool_call>forcast<arg_key>city</arg_key><arg_value>Oslo</arg_value></tool_call>",
      {
        format: "glm47",
        tools: [forecast],
      },
    );
    expect(result.problems.map((problem) => [problem.code, problem.suggestion])).toEqual([
      ["unknown-tool", "forecast"],
    ]);
  });
});

describe("glm47: a value missing its <arg_value> opener (vllm#49248)", () => {
  const search: ToolSpec = {
    name: "search",
    parameters: { type: "object", properties: { query: { type: "string" } } },
  };

  it("reads the value between </arg_key> and </arg_value>", () => {
    const text =
      "<tool_call>search<arg_key>query</arg_key>how many vacation days left</arg_value></tool_call>";
    for (const format of ["glm47", "glm4_moe", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [search] });
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
        { name: "search", args: { query: "how many vacation days left" } },
      ]);
      expect(result.problems).toEqual([]);
    }
  });

  it("keeps the pairs after it", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key>Paris</arg_value><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    expect(parseToolCalls(text, { format: "glm47", tools: [forecast] }).toolCalls[0]?.arguments).toEqual({
      city: "Paris",
      days: 3,
    });
  });

  it("still reports a key followed by another key", () => {
    const text =
      "<tool_call>forecast<arg_key>city</arg_key><arg_key>days</arg_key><arg_value>3</arg_value></tool_call>";
    const result = parseToolCalls(text, { format: "glm47", tools: [forecast] });
    expect(result.toolCalls).toEqual([]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["malformed-call"]);
  });
});

describe("glm47: </tool_call> inside an <arg_value> (ollama's GLM-4.7 parser)", () => {
  const writeFile: ToolSpec = {
    name: "write_file",
    parameters: { type: "object", properties: { path: { type: "string" }, content: { type: "string" } } },
  };
  const calls = (result: ReturnType<typeof parseToolCalls>) =>
    result.toolCalls.map(({ name, arguments: args }) => [name, args]);
  const streamed = (text: string, format: "glm47" | "glm4_moe") => {
    const parser = new StreamParser({ format, tools: [writeFile] });
    for (const char of text) parser.feed(char);
    return parser.end().result;
  };

  it("keeps the closer as text when the value reaches its own </arg_value>", () => {
    const text =
      "<tool_call>write_file<arg_key>path</arg_key><arg_value>a.md</arg_value><arg_key>content</arg_key><arg_value>Use <tool_call> and </tool_call> here.</arg_value></tool_call>\nDone.";
    for (const format of ["glm47", "glm4_moe", undefined] as const) {
      const result = parseToolCalls(text, { ...(format ? { format } : {}), tools: [writeFile] });
      expect(calls(result)).toEqual([
        ["write_file", { path: "a.md", content: "Use <tool_call> and </tool_call> here." }],
      ]);
      expect(result.content.trim()).toBe("Done.");
    }
    expect(streamed(text, "glm47")).toEqual(parseToolCalls(text, { format: "glm47", tools: [writeFile] }));
  });

  it("ends the call at that closer when the value never closes (end of output)", () => {
    const text =
      "<tool_call>write_file<arg_key>path</arg_key><arg_value>a.md</tool_call>\nDone.<|observation|>";
    const result = parseToolCalls(text, { format: "glm47", tools: [writeFile] });
    expect(calls(result)).toEqual([["write_file", { path: "a.md" }]]);
    expect([result.content.trim(), result.problems]).toEqual(["Done.", []]);
    expect(streamed(text, "glm47")).toEqual(result);
  });

  it("ends the call at that closer when a next call's pairs start before any </arg_value>", () => {
    const text =
      "<tool_call>write_file<arg_key>path</arg_key><arg_value>a.md</tool_call>\n<tool_call>write_file<arg_key>path</arg_key><arg_value>b.md</arg_value></tool_call>";
    const result = parseToolCalls(text, { format: "glm47", tools: [writeFile] });
    expect(calls(result)).toEqual([
      ["write_file", { path: "a.md" }],
      ["write_file", { path: "b.md" }],
    ]);
    expect(result.problems).toEqual([]);
    expect(streamed(text, "glm47")).toEqual(result);
  });

  it("still reports a later call cut off by the end of the output", () => {
    const text =
      "<tool_call>write_file<arg_key>path</arg_key><arg_value>a.md</tool_call>\n<tool_call>write_file<arg_key>path</arg_key><arg_value>b.m";
    const result = parseToolCalls(text, { format: "glm47", tools: [writeFile] });
    expect(calls(result)).toEqual([["write_file", { path: "a.md" }]]);
    expect(result.problems.map((problem) => problem.code)).toEqual(["truncated-call"]);
    expect(streamed(text, "glm47")).toEqual(result);
  });

  it("keeps a string-typed value's spacing as written; other values are trimmed", () => {
    const tools: ToolSpec[] = [
      {
        name: "write_file",
        parameters: {
          type: "object",
          properties: { content: { type: "string" }, mode: { type: "integer" } },
        },
      },
    ];
    const text =
      "<tool_call>write_file\n<arg_key>content</arg_key>\n<arg_value>    def f():\n        return 1\n</arg_value>\n<arg_key>mode</arg_key>\n<arg_value> 420 </arg_value>\n</tool_call>";
    for (const format of ["glm47", "glm4_moe"] as const) {
      expect(parseToolCalls(text, { format, tools }).toolCalls[0]?.arguments).toEqual({
        content: "    def f():\n        return 1\n",
        mode: 420,
      });
    }
    const untyped = "<tool_call>f<arg_key>s</arg_key><arg_value> x </arg_value></tool_call>";
    expect(parseToolCalls(untyped, { format: "glm47" }).toolCalls[0]?.arguments).toEqual({ s: "x" });
  });

  it("reports a closed value whose call never closes as truncated", () => {
    const text = "<tool_call>write_file<arg_key>content</arg_key><arg_value>a </tool_call> b</arg_value>";
    const result = parseToolCalls(text, { format: "glm47", tools: [writeFile] });
    expect([result.toolCalls, result.problems.map((problem) => problem.code)]).toEqual([
      [],
      ["truncated-call"],
    ]);
  });
});

describe("glm47: recorded GLM-5 traffic (TRT-LLM's GLM parser tests)", () => {
  const echo: ToolSpec = {
    name: "echo",
    parameters: { type: "object", properties: { text: { type: "string" } } },
  };
  const calc: ToolSpec = {
    name: "calc",
    parameters: { type: "object", properties: { x: { type: "number" }, opts: { type: "object" } } },
  };
  const args = (text: string, options: ParseOptions) =>
    parseToolCalls(text, options).toolCalls.map((call) => [call.name, call.arguments]);
  const byChar = (text: string, options: ParseOptions) => {
    const parser = new StreamParser(options);
    for (const char of text) parser.feed(char);
    return parser.end().result;
  };

  it("keeps a quoted </arg_value> in the value: the closer counts before <arg_key>, </tool_call> or the end", () => {
    const text =
      '<tool_call>echo<arg_key>text</arg_key><arg_value>let s = "</arg_value>"; log(s)</arg_value><arg_key>n</arg_key><arg_value>2</arg_value></tool_call>';
    const last =
      "<tool_call>echo<arg_key>text</arg_key><arg_value>two</arg_value>of</arg_value>them</arg_value></tool_call>";
    for (const format of ["glm47", "glm4_moe"] as const) {
      const options: ParseOptions = { format, tools: [echo] };
      expect(args(text, options)).toEqual([
        ["echo", { text: 'let s = "</arg_value>"; log(s)', n: format === "glm47" ? "2" : 2 }],
      ]);
      expect(args(last, options)).toEqual([["echo", { text: "two</arg_value>of</arg_value>them" }]]);
      expect(byChar(text, options)).toEqual(parseToolCalls(text, options));
    }
  });

  it("keeps a number JSON cannot write (1e309) as the text the model wrote", () => {
    const options: ParseOptions = { format: "glm47", tools: [calc] };
    expect(
      args("<tool_call>calc<arg_key>x</arg_key><arg_value>-1e309</arg_value></tool_call>", options),
    ).toEqual([["calc", { x: "-1e309" }]]);
    expect(
      args('<tool_call>calc<arg_key>opts</arg_key><arg_value>{"a": 1e309}</arg_value></tool_call>', options),
    ).toEqual([["calc", { opts: '{"a": 1e309}' }]]);
    expect(
      args("<tool_call>f\n<arg_key>n</arg_key>\n<arg_value>1e309</arg_value>\n</tool_call>", {
        format: "glm4_moe",
      }),
    ).toEqual([["f", { n: "1e309" }]]);
    expect(
      args("<tool_call>calc<arg_key>x</arg_key><arg_value>1e308</arg_value></tool_call>", options),
    ).toEqual([["calc", { x: 1e308 }]]);
  });

  it("drops a closer fused onto the name and reads a restarted call, keeping the abandoned start as text", () => {
    const tools: ToolSpec[] = [{ name: "exec" }, { name: "apply_patch" }];
    const fused =
      "<tool_call>apply_patch</arg_value><arg_key>path</arg_key><arg_value>/w</arg_value></tool_call>";
    expect(args(fused, { format: "glm47", tools })).toEqual([["apply_patch", { path: "/w" }]]);
    const restarted =
      "<tool_call>exec<tool_call>exec<arg_key>k</arg_key><arg_value>v</arg_value></tool_call>";
    for (const format of ["glm47", undefined] as const) {
      const options: ParseOptions = { ...(format ? { format } : {}), tools };
      const result = parseToolCalls(restarted, options);
      expect([args(restarted, options), result.content]).toEqual([[["exec", { k: "v" }]], "<tool_call>exec"]);
      expect(byChar(restarted, options)).toEqual(result);
    }
    const doubled = "<tool_call><tool_call>exec<arg_key>k</arg_key><arg_value>v</arg_value></tool_call>";
    expect(parseToolCalls(doubled, { format: "glm47", tools }).content).toBe("");
  });

  it("maps a tool group qualifier onto the tool declared without it, and a bare name onto its one qualified tool", () => {
    const tools: ToolSpec[] = [{ name: "spawn_agent" }, { name: "functions.exec" }];
    const call = (name: string) =>
      `<tool_call>${name}<arg_key>k</arg_key><arg_value>v</arg_value></tool_call>`;
    expect(args(call("collaboration.spawn_agent") + call("exec"), { format: "glm47", tools })).toEqual([
      ["spawn_agent", { k: "v" }],
      ["functions.exec", { k: "v" }],
    ]);
    const ambiguous: ToolSpec[] = [{ name: "a.status" }, { name: "b.status" }];
    expect(args(call("status"), { format: "glm47", tools: ambiguous })).toEqual([["status", { k: "v" }]]);
    expect(args(call("my.other_agent"), { format: "glm47", tools })).toEqual([
      ["my.other_agent", { k: "v" }],
    ]);
  });
});
