import { describe, expect, it } from "vitest";
import { deepSeekR1Adapter, deepSeekR1ToolPreamble } from "./deepseek-r1.ts";
import { CALL_AND_RESULT, CONVERSATIONS, MULTI_TURN, TOOLS } from "./shared-b-conversations.ts";
import { renderOracle, templateExists, templatePath, withPreamble } from "./shared-b-oracle.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";

const OFFICIAL = "deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja";
const LLAMA_CPP = "llama-cpp-deepseek-r1.jinja";
const haveLlamaCpp = templateExists(LLAMA_CPP);

/**
 * The tool preamble as llama.cpp's tool-capable rewrite renders it (second oracle): the text
 * between the BOS token and the system prompt.
 */
function llamaCppPreamble(): string {
  const rendered = renderOracle(LLAMA_CPP, [{ role: "system", content: "@@SYSTEM@@" }], TOOLS, {
    addGenerationPrompt: false,
  });
  return rendered.slice("<BOS>".length, rendered.indexOf("@@SYSTEM@@"));
}

describe.skipIf(!haveLlamaCpp)(
  `deepseek-r1 tool preamble equals ${LLAMA_CPP}${haveLlamaCpp ? "" : ` (SKIPPED: ${templatePath(LLAMA_CPP)} is missing)`}`,
  () => {
    it("renders the same tool list and example", () => {
      expect(deepSeekR1ToolPreamble(TOOLS)).toBe(llamaCppPreamble());
    });
  },
);

// Reads ../shared/templates/deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja; the template has no
// tool slot, so it receives the tools as the llama.cpp preamble in the system prompt.
oracleSuite(
  OFFICIAL,
  deepSeekR1Adapter,
  haveLlamaCpp
    ? [...CONVERSATIONS, { ...CALL_AND_RESULT, name: `${CALL_AND_RESULT.name} (no generation prompt)` }].map(
        (conversation, index) => ({
          conversation,
          input: { argumentsAsString: true, emptyCallContent: null },
          options: index === CONVERSATIONS.length ? { addGenerationPrompt: false } : {},
          passTools: false,
          templateMessages:
            conversation.tools.length > 0
              ? withPreamble(conversation.messages, llamaCppPreamble())
              : conversation.messages,
        }),
      )
    : [],
);

describe("deepseek-r1 formatMessages", () => {
  it("writes calls in the R1 syntax and keeps results in role tool", () => {
    const messages = deepSeekR1Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS);
    expect(messages[0]?.content.startsWith("You can call any of the following function tools")).toBe(true);
    expect(messages[0]?.content.endsWith("<｜tool▁calls▁end｜>\n\nYou help with travel.")).toBe(true);
    expect(messages.slice(1, 4)).toEqual([
      { role: "user", content: "What is the weather in Paris?" },
      {
        role: "assistant",
        content:
          '<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>get_weather\n```json\n{"city": "Paris"}\n```<｜tool▁call▁end｜><｜tool▁calls▁end｜>',
      },
      { role: "tool", content: '{"temperature": 18, "sky": "clear"}' },
    ]);
  });

  it("adds nothing without tools", () => {
    expect(deepSeekR1Adapter.formatMessages(MULTI_TURN.messages, [])).toEqual(
      MULTI_TURN.messages.map(({ role, content }) => ({ role, content })),
    );
  });
});

describe("deepseek-r1 parse", () => {
  it("reads back the calls it renders, after the reasoning the prompt opened", () => {
    const calls = deepSeekR1Adapter.formatMessages(
      [
        {
          role: "assistant",
          content: "",
          toolCalls: [
            { id: "a", name: "get_weather", arguments: { city: "Paris" } },
            { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
          ],
        },
      ],
      [],
    )[0]!.content;
    const result = deepSeekR1Adapter.parse(`I should look it up.\n</think>\n\n${calls}`, TOOLS);
    expect(result.reasoning).toContain("I should look it up.");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual([
      { name: "get_weather", args: { city: "Paris" } },
      { name: "search_docs", args: { query: "umbrella", limit: 2 } },
    ]);
  });
});
