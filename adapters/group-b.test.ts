import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import { GROUP_B_ADAPTERS } from "./group-b.ts";
import { TOOLS } from "./shared-b-conversations.ts";

function adapterFor(tag: string): string | undefined {
  return GROUP_B_ADAPTERS.find((adapter) => adapter.modelPatterns.some((pattern) => pattern.test(tag)))?.id;
}

describe("group b model patterns", () => {
  const cases: [string, string | undefined][] = [
    ["deepseek-r1", "deepseek-r1"],
    ["deepseek-r1:8b", "deepseek-r1"],
    ["deepseek-ai/DeepSeek-R1-Distill-Llama-8B", "deepseek-r1"],
    ["deepseek-v3.1:671b", "deepseek-v3.1"],
    ["deepseek-ai/DeepSeek-V3.1", "deepseek-v3.1"],
    ["gpt-oss:20b", "gpt-oss"],
    ["openai/gpt-oss-120b", "gpt-oss"],
    ["granite3.3:2b", "granite3.3"],
    ["ibm-granite/granite-3.3-2b-instruct", "granite3.3"],
    ["functiongemma", "functiongemma"],
    ["google/functiongemma-270m-it", "functiongemma"],
    ["gemma2:2b", "gemma2"],
    ["google/gemma-2-2b-it", "gemma2"],
    ["kimi-k2:1t-cloud", "kimi-k2"],
    ["moonshotai/Kimi-K2-Instruct", "kimi-k2"],
    ["glm-4.6:cloud", "glm-4.6"],
    ["zai-org/GLM-4.5-Air", "glm-4.6"],
    ["meetkai/functionary-medium-v3.2", "functionary-v3.2"],
    ["fireworks-ai/llama-3-firefunction-v2", "firefunction-v2"],
    ["command-r7b", "command-r7b"],
    ["CohereForAI/c4ai-command-r7b-12-2024", "command-r7b"],
    ["hermes3:8b", "hermes3"],
    ["NousResearch/Hermes-3-Llama-3.1-8B", "hermes3"],
    ["phi3.5", "phi3.5"],
    ["phi3:mini", "phi3.5"],
    ["microsoft/Phi-3.5-mini-instruct", "phi3.5"],
    ["phi4-mini", undefined],
    ["qwen2.5-coder:1.5b", undefined],
    ["llama3.1:8b", undefined],
    ["mistral", undefined],
    ["gemma3:4b", undefined],
  ];
  for (const [tag, id] of cases) {
    it(`${tag} -> ${id ?? "no group b adapter"}`, () => {
      expect(adapterFor(tag)).toBe(id);
    });
  }

  it("has unique ids", () => {
    const ids = GROUP_B_ADAPTERS.map((adapter) => adapter.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

const CONVERSATION: readonly ChatMessage[] = [
  { role: "user", content: "Weather in Paris, and umbrella docs?" },
  {
    role: "assistant",
    content: "",
    toolCalls: [
      { id: "a", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ],
  },
];

describe("group b calls: rendered text parses back, one-shot and streamed alike", () => {
  for (const adapter of GROUP_B_ADAPTERS) {
    it(adapter.id, () => {
      const text = adapter
        .formatMessages(CONVERSATION, [])
        .find((message) => message.role === "assistant")!.content;
      const oneShot = adapter.parse(adapter.startsInReasoning ? `Plan.</think>${text}` : text, TOOLS);
      const calls = oneShot.toolCalls.map(({ name, arguments: args }) => ({ name, args }));
      expect(calls).toEqual([
        { name: "get_weather", args: { city: "Paris", unit: "celsius" } },
        { name: "search_docs", args: { query: "umbrella", limit: 2 } },
      ]);
      expect(oneShot.problems).toEqual([]);
      const parser = adapter.createStreamParser(TOOLS);
      const input = adapter.startsInReasoning ? `Plan.</think>${text}` : text;
      for (const char of input) parser.feed(char);
      const streamed = parser.end().result;
      expect(streamed.toolCalls).toEqual(oneShot.toolCalls);
      expect(streamed.content).toBe(oneShot.content);
      expect(streamed.reasoning).toBe(oneShot.reasoning);
    });
  }
});
