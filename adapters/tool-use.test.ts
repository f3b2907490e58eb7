/**
 * The generic tool_use adapter: exact prompt texts, the ChatML layout of renderPrompt (checked
 * against a small ChatML Jinja template), and round trips through the tool_use parser.
 */
import { Template } from "@huggingface/jinja";
import { describe, expect, it } from "vitest";
import { SAMPLE_CALLS, TOOLS, TWO_CALLS } from "./shared-a-fixtures.ts";
import { toolUseAdapter, toolUseBlock, toolUseInstructions } from "./tool-use.ts";

/** The layout tool-use.ts documents, as a Jinja template. */
const CHATML = new Template(
  "{{ bos_token }}{% for message in messages %}{{ '<|im_start|>' + message.role + '\\n' + message.content + '<|im_end|>\\n' }}{% endfor %}" +
    "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}",
);

describe("tool_use formatMessages", () => {
  it("appends the protocol with the tool list to the caller's system text", () => {
    const [system] = toolUseAdapter.formatMessages(
      [{ role: "system", content: "Be brief." }],
      [
        {
          name: "ping",
          description: " Ping a host. ",
          parameters: { type: "object", properties: { host: { type: "string" } } },
        },
      ],
    );
    expect(
      system?.content.startsWith(
        "Be brief.\n\n# Tools\n\nYou can call tools to get information or take actions. These are the tools you have, each with what it does and the JSON Schema of its arguments:\n\n" +
          '### ping\nPing a host.\nArguments (JSON Schema): {"type":"object","properties":{"host":{"type":"string"}}}\n\n## How to call a tool\n\n',
      ),
    ).toBe(true);
    expect(system?.content).toContain(
      '<tool_use>\ntool_name: NAME\narguments: {"ARGUMENT": "VALUE"}\n</tool_use>',
    );
    expect(system?.content).toContain("<tool_result>\ntool_name: get_weather\nresult: ");
  });

  it("lists a tool without description or parameters", () => {
    expect(toolUseInstructions([{ name: "now" }])).toContain(
      '### now\n(no description)\nArguments (JSON Schema): {"type":"object","properties":{}}',
    );
  });

  it("writes calls as <tool_use> blocks and results as <tool_result> blocks in one user message", () => {
    expect(toolUseAdapter.formatMessages(TWO_CALLS.slice(2, 6), [])).toEqual([
      {
        role: "assistant",
        content:
          'Let me check both.\n<tool_use>\ntool_name: get_weather\narguments: {"city":"Paris"}\n</tool_use>\n' +
          '<tool_use>\ntool_name: search_docs\narguments: {"query":"rate limits","limit":3,"filters":{"tags":["api","quota"]}}\n</tool_use>',
      },
      {
        role: "user",
        content:
          "<tool_result>\ntool_name: get_weather\nresult: Sunny, 24 C\n</tool_result>\n" +
          '<tool_result>\ntool_name: search_docs\nresult: [{"title": "Limits", "url": "/limits"}]\n</tool_result>',
      },
      { role: "assistant", content: "Paris is sunny; see /limits." },
    ]);
  });

  it("without tools passes the conversation through", () => {
    const messages = [{ role: "user", content: "hi" }] as const;
    expect(toolUseAdapter.formatMessages(messages, [])).toEqual(messages);
  });
});

describe("tool_use renderPrompt", () => {
  for (const addGenerationPrompt of [true, false]) {
    it(`is formatMessages in ChatML (generation prompt: ${addGenerationPrompt})`, () => {
      const expected = CHATML.render({
        messages: toolUseAdapter.formatMessages(TWO_CALLS, TOOLS),
        bos_token: "<s>",
        add_generation_prompt: addGenerationPrompt,
      });
      expect(toolUseAdapter.renderPrompt(TWO_CALLS, TOOLS, { bosToken: "<s>", addGenerationPrompt })).toBe(
        expected,
      );
    });
  }
});

describe("tool_use parse", () => {
  it("parses the blocks it writes back to the same calls", () => {
    const calls = SAMPLE_CALLS.map((call, index) => ({ id: `c${index}`, ...call }));
    const [assistant] = toolUseAdapter.formatMessages(
      [{ role: "assistant", content: "On it.", toolCalls: calls }],
      [],
    );
    const result = toolUseAdapter.parse(assistant!.content, TOOLS);
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual(
      SAMPLE_CALLS,
    );
    expect(result.content.trim()).toBe("On it.");
    expect(result.problems).toEqual([]);
  });

  it("reads the JSON-object and child-element bodies too, streamed char by char", () => {
    const text =
      '<tool_use>{"name": "get_weather", "arguments": {"city": "Oslo"}}</tool_use>\n' +
      '<tool_use><name>search_docs</name><arguments>{"query": "x"}</arguments></tool_use>';
    const parser = toolUseAdapter.createStreamParser(TOOLS);
    for (const char of text) parser.feed(char);
    const { result } = parser.end();
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, arguments: args }))).toEqual([
      { name: "get_weather", arguments: { city: "Oslo" } },
      { name: "search_docs", arguments: { query: "x" } },
    ]);
  });

  it("the example block in the instructions is itself a valid call", () => {
    const example = /<tool_use>\ntool_name: get_weather\n[\s\S]*?<\/tool_use>/.exec(
      toolUseInstructions(TOOLS),
    )![0];
    expect(toolUseAdapter.parse(example).toolCalls).toEqual([
      { id: "call_0", name: "get_weather", arguments: { city: "Paris" } },
    ]);
    expect(toolUseBlock({ name: "get_weather", arguments: { city: "Paris" } })).toBe(
      '<tool_use>\ntool_name: get_weather\narguments: {"city":"Paris"}\n</tool_use>',
    );
  });
});
