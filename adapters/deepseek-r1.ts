/**
 * DeepSeek R1 (and its Qwen/Llama distills): `<｜User｜>`/`<｜Assistant｜>` turns, the generation
 * prompt opens `<think>`, calls as `<｜tool▁call▁begin｜>function<｜tool▁sep｜>NAME\n```json\n{…}\n```<｜tool▁call▁end｜>`.
 * Template: deepseek-ai-DeepSeek-R1-Distill-Llama-8B.jinja (no tool preamble of its own).
 *
 * The official template never shows tools, so both renderings put llama.cpp's tool preamble
 * (llama-cpp-deepseek-r1.jinja, prompts/deepseek-r1/tools.txt) in front of the system prompt.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { afterLastThink, DS, deepSeekTextMessages } from "./shared-b-deepseek.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { argumentsJson, functionSpec } from "./shared-b-tools.ts";

/** The tool preamble (with its trailing blank line) placed before the system prompt, or "". */
export function deepSeekR1ToolPreamble(tools: readonly ToolSpec[]): string {
  if (tools.length === 0) return "";
  const list = templateJson(tools.map(functionSpec), 2);
  return `${fillPrompt(promptText("deepseek-r1/tools.txt"), { tools: list })}\n\n`;
}

function renderCall(call: ToolCall): string {
  return `${DS.callBegin}function${DS.sep}${call.name}\n\`\`\`json\n${argumentsJson(call)}\n\`\`\`${DS.callEnd}`;
}

/** A complete calls section, as the model writes it. */
function renderCalls(calls: readonly ToolCall[]): string {
  return `${DS.callsBegin}${calls.map(renderCall).join("\n")}${DS.callsEnd}`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  return deepSeekTextMessages(messages, deepSeekR1ToolPreamble(tools), (message) =>
    renderCalls(message.toolCalls ?? []),
  );
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  let system = "";
  for (const message of messages) if (message.role === "system") system = message.content;
  const parts = [options.bosToken ?? "", deepSeekR1ToolPreamble(tools), system];
  // The template's flags are never reset: after the first call every later call is written as a
  // continuation ("\n" + call + calls-end + eos), and only the first result opens the outputs.
  let callSeen = false;
  let outputSeen = false;
  let inTool = false;
  for (const message of messages) {
    if (message.role === "user") {
      inTool = false;
      parts.push(DS.user, message.content);
    } else if (message.role === "assistant" && message.toolCalls?.length) {
      // The template renders a turn's calls only when it has no text; we keep the calls.
      inTool = false;
      for (const call of message.toolCalls) {
        if (!callSeen) parts.push(DS.assistant, DS.callsBegin, renderCall(call));
        else parts.push("\n", renderCall(call), DS.callsEnd, DS.eos);
        callSeen = true;
      }
    } else if (message.role === "assistant") {
      if (inTool) parts.push(DS.outputsEnd, message.content, DS.eos);
      else parts.push(DS.assistant, afterLastThink(message.content), DS.eos);
      inTool = false;
    } else if (message.role === "tool") {
      inTool = true;
      parts.push(
        outputSeen ? `\n${DS.outputBegin}` : DS.outputsBegin + DS.outputBegin,
        message.content,
        DS.outputEnd,
      );
      outputSeen = true;
    }
  }
  if (inTool) parts.push(DS.outputsEnd);
  else if (options.addGenerationPrompt ?? true) parts.push(DS.assistant, "<think>\n");
  return parts.join("");
}

export const deepSeekR1Adapter = defineAdapter({
  id: "deepseek-r1",
  family: "DeepSeek R1 and its distills",
  format: "deepseek_r1",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: false, parallelCalls: true },
  startsInReasoning: true,
  modelPatterns: [/deepseek-r1/i, /deepseek-ai\/deepseek-r1/i],
  formatMessages,
  renderPrompt,
});
