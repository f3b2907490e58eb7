/**
 * GLM 4.5 / 4.6 (Zhipu): `<|user|>`/`<|assistant|>` turns, every assistant turn starts with a
 * think block, calls as `<tool_call>NAME\n<arg_key>k</arg_key>\n<arg_value>v</arg_value>\n</tool_call>`,
 * results in `<|observation|>` turns as `<tool_response>` blocks. Template: GLM-4.6.jinja.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { defineAdapter, promptText, withSystemPreamble } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { openAiTools } from "./shared-b-tools.ts";

function toolsPrompt(tools: readonly ToolSpec[]): string {
  const list = openAiTools(tools).map((tool) => templateJson(tool));
  return fillPrompt(promptText("glm-4.6/tools.txt"), { tools: list.join("\n") });
}

function renderCall(call: ToolCall): string {
  const args = Object.entries(call.arguments).map(
    ([key, value]) =>
      `<arg_key>${key}</arg_key>\n<arg_value>${typeof value === "string" ? value : templateJson(value)}</arg_value>\n`,
  );
  return `<tool_call>${call.name}\n${args.join("")}</tool_call>`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map((message): TextMessage => {
    if (message.role !== "assistant" || !message.toolCalls?.length)
      return { role: message.role, content: message.content };
    const calls = message.toolCalls.map(renderCall).join("\n");
    return {
      role: "assistant",
      content: message.content.trim() ? `${message.content.trim()}\n${calls}` : calls,
    };
  });
  return withSystemPreamble(text, tools.length > 0 ? toolsPrompt(tools) : "");
}

/** Python's str.strip()/lstrip/rstrip of newlines, as the template uses them. */
const trimNewlinesStart = (text: string): string => text.replace(/^\n+/, "");
const trimNewlinesEnd = (text: string): string => text.replace(/\n+$/, "");

function splitThink(content: string, reasoning: string | undefined): { content: string; reasoning: string } {
  if (reasoning !== undefined) return { content, reasoning };
  const close = content.indexOf("</think>");
  if (close === -1) return { content, reasoning: "" };
  const before = trimNewlinesEnd(content.slice(0, close));
  const open = before.lastIndexOf("<think>");
  return {
    reasoning: trimNewlinesStart(open === -1 ? before : before.slice(open + "<think>".length)),
    content: trimNewlinesStart(content.slice(content.lastIndexOf("</think>") + "</think>".length)),
  };
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const noThink = options.thinking === false;
  const parts = ["[gMASK]<sop>"];
  if (tools.length > 0) parts.push("<|system|>\n", toolsPrompt(tools));
  let lastUser = -1;
  messages.forEach((message, index) => {
    if (message.role === "user") lastUser = index;
  });
  messages.forEach((message, index) => {
    if (message.role === "user") {
      parts.push(
        "<|user|>\n",
        message.content,
        noThink && !message.content.endsWith("/nothink") ? "/nothink" : "",
      );
    } else if (message.role === "assistant") {
      const { content, reasoning } = splitThink(message.content, message.reasoning);
      parts.push("<|assistant|>");
      parts.push(
        index > lastUser && reasoning ? `\n<think>${reasoning.trim()}</think>` : "\n<think></think>",
      );
      if (content.trim()) parts.push(`\n${content.trim()}`);
      for (const call of message.toolCalls ?? []) parts.push("\n", renderCall(call));
    } else if (message.role === "tool") {
      if (index === 0 || messages[index - 1]!.role !== "tool") parts.push("<|observation|>");
      parts.push("\n<tool_response>\n", message.content, "\n</tool_response>");
    } else {
      parts.push("<|system|>\n", message.content);
    }
  });
  if (options.addGenerationPrompt ?? true) parts.push("<|assistant|>", noThink ? "\n<think></think>" : "");
  return parts.join("");
}

export const glm46Adapter = defineAdapter({
  id: "glm-4.6",
  family: "GLM 4.5 / 4.6 (Zhipu)",
  format: "glm4_moe",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/glm-?4\.[56]/i, /zai-org\/glm-4\.[56]/i],
  formatMessages,
  renderPrompt,
});
