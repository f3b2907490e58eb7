import { describe, expect, it } from "vitest";
import { gemma2Adapter } from "./gemma2.ts";
import { CALL_AND_RESULT, MULTI_TURN, NO_TOOLS, SEVERAL_CALLS, TOOLS } from "./shared-b-conversations.ts";
import { oracleSuite } from "./shared-b-oracle-suite.ts";
import { toolUsePromptExists } from "./shared-b-tool-use.ts";
import { toolUseOracleCases } from "./shared-b-tool-use-suite.ts";
import { toolUseInstructions } from "./tool-use.ts";

// Reads ../shared/templates/google-gemma-2-2b-it.jinja, which throws on system or tool roles and
// on turns that do not alternate: every render below also checks formatMessages keeps to that.
oracleSuite("google-gemma-2-2b-it.jinja", gemma2Adapter, toolUseOracleCases(gemma2Adapter));

describe("gemma2 formatMessages", () => {
  it("folds the system prompt into the first user turn", () => {
    expect(gemma2Adapter.formatMessages(NO_TOOLS.messages, [])).toEqual([
      { role: "user", content: "You are terse.\n\nHello there" },
    ]);
    expect(gemma2Adapter.formatMessages(MULTI_TURN.messages, [])).toEqual(
      MULTI_TURN.messages.map(({ role, content }) => ({ role, content })),
    );
  });

  describe.skipIf(!toolUsePromptExists())("with tools (needs prompts/tool-use/system.md)", () => {
    it("writes calls as <tool_use> blocks and merges results into one user turn", () => {
      const messages = gemma2Adapter.formatMessages(SEVERAL_CALLS.messages, TOOLS);
      expect(messages).toEqual([
        {
          role: "user",
          content: `${toolUseInstructions(TOOLS)}\n\nWeather in Paris and Tokyo, and rain gear docs?`,
        },
        {
          role: "assistant",
          content: [
            '<tool_use>\ntool_name: get_weather\narguments: {"city":"Paris"}\n</tool_use>',
            '<tool_use>\ntool_name: get_weather\narguments: {"city":"Tokyo","unit":"celsius"}\n</tool_use>',
            '<tool_use>\ntool_name: search_docs\narguments: {"query":"rain gear","limit":3}\n</tool_use>',
          ].join("\n"),
        },
        {
          role: "user",
          content: [
            "<tool_result>\ntool_name: get_weather\nresult: 18C clear\n</tool_result>",
            "<tool_result>\ntool_name: get_weather\nresult: 22C rain\n</tool_result>",
            "<tool_result>\ntool_name: search_docs\nresult: Umbrella page\n</tool_result>",
          ].join("\n"),
        },
      ]);
    });

    it("puts the caller's system text first and keeps the roles alternating after a follow-up", () => {
      const first = gemma2Adapter.formatMessages(CALL_AND_RESULT.messages, TOOLS)[0];
      expect(first).toEqual({
        role: "user",
        content: `You help with travel.\n\n${toolUseInstructions(TOOLS)}\n\nWhat is the weather in Paris?`,
      });
      const roles = gemma2Adapter
        .formatMessages(CALL_AND_RESULT.messages, TOOLS)
        .map((message) => message.role);
      expect(roles).toEqual(["user", "assistant", "user", "assistant", "user"]);
    });
  });
});

describe("gemma2 alternation", () => {
  it("opens with an empty user turn when the model speaks first, and folds later system text", () => {
    expect(
      gemma2Adapter.formatMessages(
        [
          { role: "assistant", content: "Hi!" },
          { role: "system", content: "Be brief." },
          { role: "user", content: "Hello" },
        ],
        [],
      ),
    ).toEqual([
      { role: "user", content: "" },
      { role: "assistant", content: "Hi!" },
      { role: "user", content: "Be brief.\n\nHello" },
    ]);
  });
});

describe("gemma2 parse", () => {
  it("reads back the calls it renders (tool_use format)", () => {
    const calls = [
      { id: "a", name: "get_weather", arguments: { city: "Paris" } },
      { id: "b", name: "search_docs", arguments: { query: "umbrella", limit: 2 } },
    ];
    const text = gemma2Adapter.formatMessages(
      [
        { role: "user", content: "Go" },
        { role: "assistant", content: "Sure.", toolCalls: calls },
      ],
      [],
    )[1]!.content;
    const result = gemma2Adapter.parse(text, TOOLS);
    expect(result.content.trim()).toBe("Sure.");
    expect(result.toolCalls.map(({ name, arguments: args }) => ({ name, args }))).toEqual(
      calls.map(({ name, arguments: args }) => ({ name, args })),
    );
  });
});
