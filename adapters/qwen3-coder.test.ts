/**
 * Qwen3-Coder adapter. Oracle tests read ../shared/templates/Qwen3-Coder.jinja and skip visibly
 * when it is missing. Parse tests need the qwen3_coder format and skip visibly without it.
 */
import { describe, expect, it } from "vitest";
import { hasFormat } from "../src/parser/formats/index.ts";
import { qwen3CoderAdapter } from "./qwen3-coder.ts";
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

const FILE = "Qwen3-Coder.jinja";
const template = oracleTemplate(FILE, "qwen3-coder");

describe.skipIf(!template.exists)(template.title, () => {
  const cases = { PLAIN, FIRST_TURN, ONE_CALL, TWO_CALLS, MULTI_TURN };
  for (const [name, messages] of Object.entries(cases)) {
    it(`${name} with tools is byte-identical`, () => {
      expect(qwen3CoderAdapter.renderPrompt(messages, TOOLS)).toBe(renderOracle(FILE, messages, TOOLS));
    });
    it(`${name} without tools is byte-identical`, () => {
      expect(qwen3CoderAdapter.renderPrompt(messages, [])).toBe(renderOracle(FILE, messages, []));
    });
  }
  it("scalar argument types and a tool without parameters", () => {
    const messages = [
      { role: "user", content: "go" },
      {
        role: "assistant",
        content: "  Calling.  ",
        toolCalls: [
          { id: "call00009", name: "ping", arguments: { count: 2, ratio: 0.5, dry: true, tags: [] } },
        ],
      },
    ] as const;
    const tools = [{ name: "ping", description: "  Ping it.  " }];
    expect(qwen3CoderAdapter.renderPrompt(messages, tools, { addGenerationPrompt: false })).toBe(
      renderOracle(FILE, messages, tools, { addGenerationPrompt: false }),
    );
  });
});

describe("qwen3-coder formatMessages", () => {
  it("describes tools in XML with the default system text", () => {
    const [system] = qwen3CoderAdapter.formatMessages([{ role: "user", content: "hi" }], [TOOLS[0]!]);
    expect(system?.content).toContain(
      "You are Qwen, a helpful AI assistant that can interact with a computer to solve tasks.\n\n# Tools\n\n" +
        "You have access to the following functions:\n\n<tools>\n<function>\n<name>get_weather</name>\n" +
        "<description>Get the current weather for a city.</description>\n<parameters>\n<parameter>\n<name>city</name>\n" +
        "<type>string</type>\n<description>City name, e.g. Paris</description>\n</parameter>\n<parameter>\n<name>unit</name>\n" +
        '<type>string</type>\n<enum>["celsius", "fahrenheit"]</enum>\n</parameter>\n<required>["city"]</required>\n' +
        "</parameters>\n</function>\n</tools>\n\nIf you choose to call a function ONLY reply",
    );
  });

  it("renders calls as XML text and results as a user turn", () => {
    expect(qwen3CoderAdapter.formatMessages(TWO_CALLS.slice(2, 5), [])).toEqual([
      {
        role: "assistant",
        content:
          "Let me check both.\n\n<tool_call>\n<function=get_weather>\n<parameter=city>\nParis\n</parameter>\n</function>\n</tool_call>\n" +
          "<tool_call>\n<function=search_docs>\n<parameter=query>\nrate limits\n</parameter>\n<parameter=limit>\n3\n</parameter>\n" +
          '<parameter=filters>\n{"tags": ["api", "quota"]}\n</parameter>\n</function>\n</tool_call>',
      },
      {
        role: "user",
        content:
          "<tool_response>\nSunny, 24 C\n</tool_response>\n" +
          '<tool_response>\n[{"title": "Limits", "url": "/limits"}]\n</tool_response>\n',
      },
    ]);
  });
});

const registered = hasFormat("qwen3_coder");

describe.skipIf(!registered)(formatTitle("qwen3-coder parse", "qwen3_coder", registered), () => {
  it("parses the assistant text it renders back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [assistant] = qwen3CoderAdapter.formatMessages(
      [{ role: "assistant", content: "", toolCalls: calls }],
      [],
    );
    const result = qwen3CoderAdapter.parse(assistant!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.problems).toEqual([]);
  });
});
