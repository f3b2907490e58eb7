/**
 * Phi-4-mini adapter. Oracle tests read ../shared/templates/llama-cpp-microsoft-Phi-4-mini-instruct.jinja
 * (llama.cpp's tool-capable rewrite) and skip visibly when it is missing.
 */
import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { phi4MiniAdapter, phi4TemplateCall } from "./phi4-mini.ts";
import {
  FIRST_TURN,
  MULTI_TURN,
  ONE_CALL,
  PLAIN,
  SAMPLE_CALLS,
  TOOLS,
  TWO_CALLS,
} from "./shared-a-fixtures.ts";
import { formatTitle, oracleTemplate, renderOracle } from "./shared-a-oracle.ts";

const FILE = "llama-cpp-microsoft-Phi-4-mini-instruct.jinja";
const template = oracleTemplate(FILE, "phi4-mini");
const ORACLE = { emptyToolCalls: true, extra: { eos_token: "<|endoftext|>" } } as const;

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(phi4MiniAdapter.renderPrompt(messages, TOOLS)).toBe(renderOracle(FILE, messages, TOOLS, ORACLE));
    });
    it(`${name} without tools, without a generation prompt, is byte-identical`, () => {
      expect(phi4MiniAdapter.renderPrompt(messages, [], { addGenerationPrompt: false })).toBe(
        renderOracle(FILE, messages, undefined, { ...ORACLE, addGenerationPrompt: false }),
      );
    });
  }
  it("leaves out the call instruction when the system text already shows <|tool_call|>", () => {
    const messages = [
      { role: "system", content: "Call tools with <|tool_call|>." },
      { role: "user", content: "hi" },
    ] as const;
    const rendered = phi4MiniAdapter.renderPrompt(messages, TOOLS);
    expect(rendered).toBe(renderOracle(FILE, messages, TOOLS, ORACLE));
    expect(rendered).not.toContain("To use a tool");
  });
});

describe("phi4-mini formatMessages", () => {
  it("lists the functions in <|tool|> after the system text and writes calls as functools[…]", () => {
    expect(
      phi4MiniAdapter.formatMessages(ONE_CALL.slice(1, 4), [{ name: "ping", description: "Ping." }]),
    ).toEqual([
      {
        role: "system",
        content:
          'You are a helpful assistant with some tools.<|tool|>[{"name": "ping", "description": "Ping."}]<|/tool|>',
      },
      { role: "user", content: "Weather in Paris?" },
      {
        role: "assistant",
        content: 'functools[{"name": "get_weather", "arguments": {"city": "Paris", "unit": "celsius"}}]',
      },
      { role: "tool", content: '{"temperature": 21, "sky": "clear"}' },
    ]);
  });
});

const registered = hasFormat("phi4_mini");

describe.skipIf(!registered)(formatTitle("phi4-mini parse", "phi4_mini", registered), () => {
  it("parses the functools text formatMessages renders back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [assistant] = phi4MiniAdapter.formatMessages(
      [{ role: "assistant", content: "", toolCalls: calls }],
      [],
    );
    const result = phi4MiniAdapter.parse(`${assistant!.content}<|end|>`, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.problems).toEqual([]);
  });
});

/** llama.cpp's template teaches `<|tool_call|>{…}<|/tool_call|>`; phi4_mini reads it once it supports that syntax. */
const readsTemplateSyntax =
  registered && phi4MiniAdapter.parse(phi4TemplateCall({ name: "f", arguments: {} })).toolCalls.length > 0;

describe.skipIf(!readsTemplateSyntax)(
  readsTemplateSyntax
    ? "phi4-mini parse of the template's call syntax"
    : "phi4-mini parse of <|tool_call|>…<|/tool_call|>: SKIPPED, the phi4_mini format does not read it yet",
  () => {
    it("parses the calls renderPrompt writes back to the same calls", () => {
      const text = SAMPLE_CALLS.map(phi4TemplateCall).join("");
      const result = phi4MiniAdapter.parse(text, TOOLS);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
        SAMPLE_CALLS,
      );
    });
  },
);
