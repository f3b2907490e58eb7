/**
 * Test support: the byte-for-byte oracle suite. For each conversation, the adapter's renderPrompt
 * must equal the official template (../shared/templates/<file>) rendered with @huggingface/jinja.
 * The suite skips visibly, naming the missing path, when ../shared is absent.
 */
import { describe, expect, it } from "vitest";
import type { ChatMessage } from "../src/messages.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import type { Conversation } from "./shared-b-conversations.ts";
import { type OracleInput, renderOracle, templateExists, templatePath } from "./shared-b-oracle.ts";

export interface OracleCase {
  readonly conversation: Conversation;
  /** Template inputs besides the conversation. */
  readonly input?: OracleInput;
  /** Options for renderPrompt (bos/eos default to the oracle's "<BOS>"/"<EOS>"). */
  readonly options?: RenderOptions;
  /** Whether the template receives `tools` (default: when the conversation has tools). */
  readonly passTools?: boolean;
  /** The messages the template receives, when they differ (tools moved into text for templates without them). */
  readonly templateMessages?: readonly ChatMessage[];
}

export function oracleSuite(file: string, adapter: ModelAdapter, cases: readonly OracleCase[]): void {
  const exists = templateExists(file);
  describe.skipIf(!exists)(
    `${adapter.id} renderPrompt equals ${file}${exists ? "" : ` (SKIPPED: ${templatePath(file)} is missing)`}`,
    () => {
      for (const { conversation, input = {}, options = {}, passTools, templateMessages } of cases) {
        const label = `${conversation.name}${options.addGenerationPrompt === false ? " (no generation prompt)" : ""}${options.thinking ? " (thinking)" : ""}`;
        it(label, () => {
          const tools = (passTools ?? conversation.tools.length > 0) ? conversation.tools : undefined;
          const expected = renderOracle(file, templateMessages ?? conversation.messages, tools, {
            addGenerationPrompt: options.addGenerationPrompt ?? true,
            ...input,
          });
          const actual = adapter.renderPrompt(conversation.messages, conversation.tools, {
            bosToken: "<BOS>",
            eosToken: "<EOS>",
            ...options,
          });
          expect(actual).toBe(expected);
        });
      }
    },
  );
}
