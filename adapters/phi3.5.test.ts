import { describe, expect, it } from "vitest";
import { phi35Adapter } from "./phi3.5.ts";
import { CALL_AND_RESULT, MULTI_TURN, NO_TOOLS, TOOLS } from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";
import { toolUsePromptExists } from "./shared-b-tool-use.ts";
import { toolUseOracleCases } from "./shared-b-tool-use-suite.ts";
import { toolUseInstructions } from "./tool-use.ts";

// Reads ../shared/templates/microsoft-Phi-3.5-mini-instruct.jinja.
oracleSuite("microsoft-Phi-3.5-mini-instruct.jinja", phi35Adapter, [
  ...toolUseOracleCases(phi35Adapter),
  {
    conversation: { ...MULTI_TURN, name: "multi-turn chat, no generation prompt (eos)" },
    options: { addGenerationPrompt: false },
    passTools: false,
  },
  {
    conversation: {
      ...NO_TOOLS,
      name: "empty system prompt is left out",
      messages: [{ role: "system", content: "" }, ...NO_TOOLS.messages.slice(1)],
    },
    passTools: false,
  },
]);

describe("phi3.5 formatMessages", () => {
  it("keeps system and user turns as they are without tools", () => {
    expect(phi35Adapter.formatMessages(NO_TOOLS.messages, [])).toEqual(NO_TOOLS.messages);
  });

  describe.skipIf(!toolUsePromptExists())("with tools (needs prompts/tool-use/system.md)", () => {
    it("puts the protocol after the system text, calls in <tool_use>, results in user turns", () => {
      expect(phi35Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS)).toEqual([
        { role: "system", content: `You help with travel.\n\n${toolUseInstructions(TOOLS)}` },
        { role: "user", content: "What is the weather in Paris?" },
        {
          role: "assistant",
          content: '<tool_use>\ntool_name: get_weather\narguments: {"city":"Paris"}\n</tool_use>',
        },
        {
          role: "user",
          content:
            '<tool_result>\ntool_name: get_weather\nresult: {"temperature": 18, "sky": "clear"}\n</tool_result>',
        },
        { role: "assistant", content: "It is 18 degrees and clear in Paris." },
        { role: "user", content: "Thanks! And should I pack anything?" },
      ]);
    });
  });
});

describe("phi3.5 parse", () => {
  it("reads back a call it renders (tool_use format)", () => {
    const text = phi35Adapter.formatMessages(
      [
        {
          role: "assistant",
          content: "",
          toolCalls: [{ id: "a", name: "get_weather", arguments: { city: "Oslo" } }],
        },
      ],
      [],
    )[0]!.content;
    expect(phi35Adapter.parse(text, TOOLS).toolCalls).toMatchObject([
      { name: "get_weather", arguments: { city: "Oslo" } },
    ]);
  });
});
