/**
 * Llama 3.2 pythonic adapter. Oracle tests read ../shared/templates/meta-llama-Llama-3.2-3B-Instruct.jinja
 * and skip visibly when it is missing; parse tests need the pythonic format.
 */
import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { llama3PythonicAdapter, pythonicConversation } from "./llama3-pythonic.ts";
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

const FILE = "meta-llama-Llama-3.2-3B-Instruct.jinja";
const template = oracleTemplate(FILE, "llama3.2");
const fixedNow = (format: string): string => {
  if (format !== "%d %b %Y") throw new Error(`unexpected strftime format ${format}`);
  return "07 Mar 2025";
};

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools (pythonic system prompt, calls as text) is byte-identical`, () => {
      const options = { bosToken: "<B>", date: new Date(2025, 2, 7) };
      expect(llama3PythonicAdapter.renderPrompt(messages, TOOLS, options)).toBe(
        renderOracle(FILE, pythonicConversation(messages, TOOLS), undefined, {
          strftimeNow: fixedNow,
          extra: { bos_token: "<B>" },
        }),
      );
    });
  }
  it("without tools and a date, the template's fallback date (strftime_now undefined)", () => {
    expect(llama3PythonicAdapter.renderPrompt(PLAIN, [], { addGenerationPrompt: false })).toBe(
      renderOracle(FILE, PLAIN, undefined, { addGenerationPrompt: false }),
    );
  });
  it("the tool result is a JSON string in the ipython role, the call a pythonic list", () => {
    const rendered = llama3PythonicAdapter.renderPrompt(ONE_CALL, TOOLS);
    expect(rendered).toContain(
      "<|start_header_id|>assistant<|end_header_id|>\n\n[get_weather(city='Paris', unit='celsius')]<|eot_id|>" +
        '<|start_header_id|>ipython<|end_header_id|>\n\n"{\\"temperature\\": 21, \\"sky\\": \\"clear\\"}"<|eot_id|>',
    );
  });
});

describe("llama3.2 formatMessages", () => {
  it("writes the pythonic instructions and the function list after the caller's system text", () => {
    const [system] = llama3PythonicAdapter.formatMessages(FIRST_TURN, [
      { name: "ping", description: "Ping." },
    ]);
    expect(system?.content).toBe(
      "You are a careful assistant.\n\nYou are an expert in composing functions. You are given a question and a set of possible functions.\n" +
        "Based on the question, you will need to make one or more function/tool calls to achieve the purpose.\n" +
        "If none of the function can be used, point it out. If the given question lacks the parameters required by the function,\n" +
        "also point it out. You should only return the function call in tools call sections.\n\n" +
        "If you decide to invoke any of the function(s), you MUST put it in the format of [func_name1(params_name1=params_value1, params_name2=params_value2...), func_name2(params)]\n" +
        "You SHOULD NOT include any other text in the response.\n\n" +
        'Here is a list of functions in JSON format that you can invoke.\n\n[\n    {\n        "name": "ping",\n        "description": "Ping."\n    }\n]',
    );
  });

  it("renders calls as one pythonic list with Python literals", () => {
    const [, , assistant, result] = llama3PythonicAdapter.formatMessages(TWO_CALLS.slice(0, 4), []);
    expect(assistant?.content).toBe(
      "Let me check both.\n[get_weather(city='Paris'), search_docs(query='rate limits', limit=3, filters={'tags': ['api', 'quota']})]",
    );
    expect(result).toEqual({ role: "tool", content: "Sunny, 24 C" });
  });

  it("prints True/False/None and escapes quotes as Python's repr does", () => {
    const [assistant] = llama3PythonicAdapter.formatMessages(
      [
        {
          role: "assistant",
          content: "",
          toolCalls: [
            { id: "c", name: "f", arguments: { a: true, b: null, c: "it's", d: 'say "hi" it\'s', e: 1.5 } },
          ],
        },
      ],
      [],
    );
    expect(assistant?.content).toBe(`[f(a=True, b=None, c="it's", d='say "hi" it\\'s', e=1.5)]`);
  });
});

const registered = hasFormat("pythonic");

describe.skipIf(!registered)(formatTitle("llama3.2 parse", "pythonic", registered), () => {
  it("parses the assistant text it renders back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [assistant] = llama3PythonicAdapter.formatMessages(
      [{ role: "assistant", content: "", toolCalls: calls }],
      [],
    );
    const result = llama3PythonicAdapter.parse(assistant!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.problems).toEqual([]);
  });
});
