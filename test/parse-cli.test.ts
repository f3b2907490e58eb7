/**
 * `tooluse parse` through the real command line (bin/tooluse.js), as the team's scorer runs it.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/tooluse.js", import.meta.url));

function tooluse(args: string[], stdin = ""): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { timeout: 20_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
    child.stdin?.end(stdin);
  });
}

const lines = (stdout: string) =>
  stdout
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe("tooluse parse", () => {
  it("writes one result line per input line, in order, and an error object for a bad line", async () => {
    const input = [
      JSON.stringify({
        text: 'Sure.\n<tool_call>{"name": "get_weather", "arguments": {"city": "Paris"}}</tool_call>',
      }),
      "not json",
      "",
      JSON.stringify({ text: "[get_weather(city='Oslo')]", format: "pythonic", tools: ["get_weather"] }),
      JSON.stringify({ text: "x", format: "no_such_format" }),
      JSON.stringify({ text: 42 }),
    ].join("\n");
    const { code, stdout } = await tooluse(["parse"], `${input}\n`);
    const out = lines(stdout);
    expect(out).toHaveLength(5);
    expect(out[0]).toEqual({
      format: "hermes",
      tool_calls: [{ id: "call_0", name: "get_weather", arguments: { city: "Paris" } }],
      content: "Sure.\n",
      reasoning: "",
      problems: [],
    });
    expect(out[1]).toMatchObject({ error: { code: "invalid-input" } });
    expect(out[2]).toMatchObject({
      format: "pythonic",
      tool_calls: [{ name: "get_weather", arguments: { city: "Oslo" } }],
    });
    expect(out[3]).toMatchObject({ error: { code: "unknown-format" } });
    expect(out[4]).toMatchObject({
      error: { code: "invalid-input", message: expect.stringContaining("text") },
    });
    expect(code).toBe(1);
  });

  it("accepts other projects' names for a format (vLLM, sglang, llama.cpp) and reports the canonical id", async () => {
    const input = [
      JSON.stringify({ text: '<tool_call>{"name": "f", "arguments": {}}</tool_call>', format: "qwen25" }),
      JSON.stringify({ text: "x", format: "hermez" }),
    ].join("\n");
    const { stdout } = await tooluse(["parse"], `${input}\n`);
    const out = lines(stdout);
    expect(out[0]).toMatchObject({ format: "hermes", tool_calls: [{ name: "f", arguments: {} }] });
    expect(out[1]).toMatchObject({
      error: { code: "unknown-format", message: expect.stringContaining('did you mean "hermes"') },
    });
  });

  it("streams with --stream (the line's chunks, or small pieces) to the same result, and --format overrides", async () => {
    const text =
      "<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n</function>\n</tool_call>";
    const input = [
      JSON.stringify({ text, chunks: [text.slice(0, 7), text.slice(7, 30), text.slice(30)] }),
      JSON.stringify({ text }),
    ].join("\n");
    const streamed = lines((await tooluse(["parse", "--stream"], input)).stdout);
    const oneShot = lines((await tooluse(["parse"], input)).stdout);
    expect(streamed).toEqual(oneShot);
    expect(oneShot[0]).toMatchObject({
      format: "qwen3_coder",
      tool_calls: [{ name: "get_weather", arguments: { city: "Paris" } }],
    });
    const forced = lines((await tooluse(["parse", "--format", "hermes"], input)).stdout);
    expect(forced[0]).toMatchObject({ format: "hermes", tool_calls: [] });
  });

  it("prints one raw file readably with --text-file, and rejects an unknown --format up front", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooluse-parse-"));
    writeFileSync(
      join(dir, "out.txt"),
      '<think>Need weather.</think>\n[TOOL_CALLS][{"name": "get_weather", "arguments": {"city": "Rome"}}]',
    );
    const { code, stdout } = await tooluse(["parse", "--text-file", join(dir, "out.txt")]);
    expect(code).toBe(0);
    expect(stdout).toContain("format: mistral");
    expect(stdout).toContain("get_weather(");
    expect(stdout).toContain('"city": "Rome"');
    expect(stdout).toContain("reasoning:\n  | Need weather.");
    const bad = await tooluse(["parse", "--format", "nope"], "{}\n");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown format "nope"');
    const missing = await tooluse(["parse", "--text-file", join(dir, "missing.txt")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("cannot read");
  });
  it("applies --tools FILE to lines that give no tools, and rejects a tools file that is not JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tooluse-tools-"));
    const toolsFile = join(dir, "tools.json");
    writeFileSync(toolsFile, JSON.stringify([{ type: "function", function: { name: "get_weather" } }]));
    const input = [
      JSON.stringify({ text: '<tool_call>{"name": "get_wether", "arguments": {}}</tool_call>' }),
      JSON.stringify({
        text: '<tool_call>{"name": "get_wether", "arguments": {}}</tool_call>',
        tools: ["get_wether"],
      }),
    ].join("\n");
    const { code, stdout } = await tooluse(["parse", "--tools", toolsFile], `${input}\n`);
    const out = lines(stdout) as { problems: { code: string; suggestion?: string }[] }[];
    expect(out[0]!.problems).toMatchObject([{ code: "unknown-tool", suggestion: "get_weather" }]);
    expect(out[1]!.problems).toEqual([]);
    expect(code).toBe(0);

    const badFile = join(dir, "bad.json");
    writeFileSync(badFile, "not json");
    const bad = await tooluse(["parse", "--tools", badFile], `${input}\n`);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("is not JSON");
    expect(bad.stderr).toContain("[invalid-input]");
    expect(bad.stderr).not.toContain("at JSON.parse");
  });
});
