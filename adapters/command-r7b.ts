/**
 * Command R7B (Cohere): `<|START_OF_TURN_TOKEN|><|ROLE_TOKEN|>…<|END_OF_TURN_TOKEN|>` turns, a long
 * system preamble with the tool-use protocol, calls as
 * `<|START_THINKING|>plan<|END_THINKING|><|START_ACTION|>[{"tool_call_id", "tool_name", "parameters"}]<|END_ACTION|>`,
 * results as `<|START_TOOL_RESULT|>[…]<|END_TOOL_RESULT|>` in a system turn, answers in
 * `<|START_RESPONSE|>…<|END_RESPONSE|>`. Template: CohereForAI-c4ai-command-r7b-12-2024-tool_use.jinja.
 * An assistant turn's text before its calls is the template's `tool_plan`.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";

const TURN = "<|START_OF_TURN_TOKEN|>";
const END = "<|END_OF_TURN_TOKEN|>";

function toolSection(tools: readonly ToolSpec[]): string {
  const lines = tools.map(
    (tool, index) =>
      `    {"name": "${tool.name}", "description": "${tool.description ?? ""}", "parameters": ${templateJson(tool.parameters)}, "responses": null}${index < tools.length - 1 ? "," : ""}\n`,
  );
  return fillPrompt(promptText("command-r7b/tool-use.txt"), { tools: lines.join("") });
}

/** Calls as the model writes them; `firstId` numbers them (the template counts calls across the conversation). */
function renderAction(plan: string, calls: readonly ToolCall[], firstId: number): string {
  const items = calls.map(
    (call, index) =>
      `    {"tool_call_id": "${firstId + index}", "tool_name": "${call.name}", "parameters": ${templateJson(call.arguments)}}`,
  );
  return `<|START_THINKING|>${plan}<|END_THINKING|><|START_ACTION|>[\n${items.join(",\n")}\n]<|END_ACTION|>`;
}

function resultItem(id: string, content: string): string {
  return `    {\n        "tool_call_id": "${id}",\n        "results": {\n            "0": ${JSON.stringify(content)}\n        },\n        "is_error": null\n    }`;
}

/** The number the template gives a call id: its position among all calls, or "" when unknown. */
function callNumber(messages: readonly ChatMessage[], id: string): string {
  let counter = 0;
  for (const message of messages) {
    if (message.role !== "assistant") continue;
    for (const call of message.toolCalls ?? []) {
      if (call.id === id) return String(counter);
      counter++;
    }
  }
  return "";
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  let callCount = 0;
  const text = messages.map((message): TextMessage => {
    if (message.role !== "assistant" || !message.toolCalls?.length)
      return { role: message.role, content: message.content };
    const action = renderAction(message.content, message.toolCalls, callCount);
    callCount += message.toolCalls.length;
    return { role: "assistant", content: action };
  });
  if (tools.length === 0) return text;
  const section = toolSection(tools).trim();
  const [first, ...rest] = text;
  if (first?.role === "system")
    return [{ role: "system", content: `${section}\n\n${first.content}` }, ...rest];
  return [{ role: "system", content: section }, ...text];
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const first = messages[0];
  const developer = first?.role === "system" ? first.content : "";
  const parts = [
    options.bosToken ?? "",
    TURN,
    "<|SYSTEM_TOKEN|>",
    promptText("command-r7b/system-preamble.txt"),
  ];
  if (tools.length > 0) parts.push(toolSection(tools));
  parts.push(promptText("command-r7b/default-preamble.txt"));
  if (developer)
    parts.push(fillPrompt(promptText("command-r7b/developer-preamble.txt"), { preamble: developer }));
  parts.push(END);
  let callCount = 0;
  const seen = new Set<string>();
  messages.forEach((message, index) => {
    if (message.role === "system") {
      if (!(index === 0 && developer)) parts.push(TURN, "<|SYSTEM_TOKEN|>", message.content, END);
    } else if (message.role === "user") {
      parts.push(TURN, "<|USER_TOKEN|>", message.content, END);
    } else if (message.role === "assistant") {
      parts.push(TURN, "<|CHATBOT_TOKEN|>");
      if (message.toolCalls?.length) {
        parts.push(renderAction(message.content, message.toolCalls, callCount), END);
        callCount += message.toolCalls.length;
      } else {
        parts.push("<|START_RESPONSE|>", message.content, "<|END_RESPONSE|>", END);
      }
    } else if (!seen.has(message.toolCallId)) {
      // A run of results is one system turn; the results after the first are marked as shown.
      const items = [resultItem(callNumber(messages, message.toolCallId), message.content)];
      for (const next of messages.slice(index + 1)) {
        if (next.role !== "tool") break;
        items.push(resultItem(callNumber(messages, next.toolCallId), next.content));
        seen.add(next.toolCallId);
      }
      parts.push(
        TURN,
        "<|SYSTEM_TOKEN|><|START_TOOL_RESULT|>[\n",
        items.join(",\n"),
        "\n]<|END_TOOL_RESULT|>",
        END,
      );
    }
  });
  // The template always ends with the chatbot turn opener.
  parts.push(TURN, "<|CHATBOT_TOKEN|>");
  return parts.join("");
}

export const commandR7bAdapter = defineAdapter({
  id: "command-r7b",
  family: "Command R7B (Cohere)",
  format: "command_r7b",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/command-r7b/i, /c4ai-command-r7b/i],
  formatMessages,
  renderPrompt,
});
