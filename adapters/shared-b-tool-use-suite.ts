/**
 * Test support for tool_use-protocol adapters (Gemma 2, Phi-3.5): the oracle cases, which render
 * the template with the adapter's own text messages (the template knows no tools), and a visible
 * skip of the tool conversations while prompts/tool-use/system.md (group a's) is missing.
 */
import { describe, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import type { ModelAdapter } from "./model-adapter.ts";
import { CONVERSATIONS } from "./shared-b-conversations.ts";
import type { OracleCase } from "./shared-b-oracle-suite.ts";
import { TOOL_USE_PROMPT, toolUsePromptExists } from "./shared-b-tool-use.ts";

export function toolUseOracleCases(adapter: ModelAdapter): OracleCase[] {
  const havePrompt = toolUsePromptExists();
  if (!havePrompt) {
    describe(`${adapter.id} tool conversations`, () => {
      it.skip(`SKIPPED: prompts/${TOOL_USE_PROMPT} is missing (group a writes it)`, () => {});
    });
  }
  return CONVERSATIONS.filter((conversation) => havePrompt || conversation.tools.length === 0).map(
    (conversation) => ({
      conversation,
      passTools: false,
      // The template receives the same text messages formatMessages gives a chat endpoint.
      templateMessages: adapter.formatMessages(conversation.messages, conversation.tools) as ChatMessage[],
    }),
  );
}
