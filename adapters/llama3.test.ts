/**
 * Llama 3.1 adapter. Oracle tests read ../shared/templates/meta-llama-Llama-3.1-8B-Instruct.jinja
 * and skip visibly when it is missing; parse tests need the llama3_json format.
 */
import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { llama3Adapter } from "./llama3.ts";
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
import { splitCallTurns } from "./shared-a-split-calls.ts";

const FILE = "meta-llama-Llama-3.1-8B-Instruct.jinja";
const template = oracleTemplate(FILE, "llama3.1");
const BOS = { bos_token: "<|begin_of_text|>" };

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, MULTI_TURN };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(llama3Adapter.renderPrompt(messages, TOOLS, { bosToken: "<|begin_of_text|>" })).toBe(
        renderOracle(FILE, messages, TOOLS, { extra: BOS }),
      );
    });
    it(`${name} without tools, with a date, is byte-identical`, () => {
      const date = new Date(2025, 2, 7);
      expect(llama3Adapter.renderPrompt(messages, [], { bosToken: "<|begin_of_text|>", date })).toBe(
        renderOracle(FILE, messages, undefined, { extra: { ...BOS, date_string: "07 Mar 2025" } }),
      );
    });
  }
  it("several calls in one turn render as one turn per call (the template raises on them)", () => {
    expect(() => renderOracle(FILE, TWO_CALLS, TOOLS)).toThrow(/single tool-calls/);
    expect(llama3Adapter.renderPrompt(TWO_CALLS, TOOLS)).toBe(
      renderOracle(FILE, splitCallTurns(TWO_CALLS), TOOLS),
    );
  });
  it("without a generation prompt", () => {
    expect(llama3Adapter.renderPrompt(ONE_CALL.slice(0, 4), TOOLS, { addGenerationPrompt: false })).toBe(
      renderOracle(FILE, ONE_CALL.slice(0, 4), TOOLS, { addGenerationPrompt: false }),
    );
  });
  it("tools without any user message raise, as the template does", () => {
    const messages = [{ role: "system", content: "s" }] as const;
    expect(() => renderOracle(FILE, messages, TOOLS)).toThrow(/no first user message/);
    expect(() => llama3Adapter.renderPrompt(messages, TOOLS)).toThrow(/no first user message/);
  });
});

const LLAMA32 = "meta-llama-Llama-3.2-3B-Instruct.jinja";
const llama32 = oracleTemplate(LLAMA32, "llama3.1 (JSON tool path of the Llama 3.2 template)");

describe.skipIf(!llama32.exists)(llama32.title, () => {
  const strftimeNow = (format: string): string => {
    if (format !== "%d %b %Y") throw new Error(`unexpected strftime format ${format}`);
    return "07 Mar 2025";
  };
  for (const [name, messages] of Object.entries({ FIRST_TURN, ONE_CALL, MULTI_TURN })) {
    it(`${name}: Llama 3.2's template with tools prints what llama3.1 renders`, () => {
      expect(llama3Adapter.renderPrompt(messages, TOOLS, { date: new Date(2025, 2, 7) })).toBe(
        renderOracle(LLAMA32, messages, TOOLS, { strftimeNow, extra: { bos_token: "" } }),
      );
    });
  }
});

describe("llama3.1 formatMessages", () => {
  it("puts the tool list before the first user message and results in the tool role", () => {
    const out = llama3Adapter.formatMessages(ONE_CALL.slice(0, 4), [TOOLS[0]!]);
    expect(out).toEqual([
      { role: "system", content: "Environment: ipython\n\nYou are a careful assistant." },
      {
        role: "user",
        content:
          "Given the following functions, please respond with a JSON for a function call with its proper arguments that best answers the given prompt.\n\n" +
          'Respond in the format {"name": function name, "parameters": dictionary of argument name and its value}.Do not use variables.\n\n' +
          '{\n    "type": "function",\n    "function": {\n        "name": "get_weather",\n        "description": "Get the current weather for a city.",\n' +
          '        "parameters": {\n            "type": "object",\n            "properties": {\n                "city": {\n' +
          '                    "type": "string",\n                    "description": "City name, e.g. Paris"\n                },\n' +
          '                "unit": {\n                    "type": "string",\n                    "enum": [\n                        "celsius",\n' +
          '                        "fahrenheit"\n                    ]\n                }\n            },\n            "required": [\n' +
          '                "city"\n            ]\n        }\n    }\n}\n\nWeather in Paris?',
      },
      {
        role: "assistant",
        content: '{"name": "get_weather", "parameters": {"city": "Paris", "unit": "celsius"}}',
      },
      { role: "tool", content: '{"temperature": 21, "sky": "clear"}' },
    ]);
  });

  it("joins several calls with '; ' after the text", () => {
    const [, , assistant] = llama3Adapter.formatMessages(TWO_CALLS.slice(0, 3), []);
    expect(assistant?.content).toBe(
      'Let me check both.\n{"name": "get_weather", "parameters": {"city": "Paris"}}; ' +
        '{"name": "search_docs", "parameters": {"query": "rate limits", "limit": 3, "filters": {"tags": ["api", "quota"]}}}',
    );
  });
});

const registered = hasFormat("llama3_json");

describe.skipIf(!registered)(formatTitle("llama3.1 parse", "llama3_json", registered), () => {
  it("parses the assistant text it renders back to the same calls", () => {
    for (const call of SAMPLE_CALLS) {
      const [assistant] = llama3Adapter.formatMessages(
        [{ role: "assistant", content: "", toolCalls: [{ id: "c0", ...call }] }],
        [],
      );
      const result = llama3Adapter.parse(assistant!.content, TOOLS);
      expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual([
        call,
      ]);
      expect(result.problems).toEqual([]);
    }
  });
  it("parses several calls joined with '; '", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [assistant] = llama3Adapter.formatMessages(
      [{ role: "assistant", content: "", toolCalls: calls }],
      [],
    );
    const result = llama3Adapter.parse(assistant!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
  });
});
