/**
 * gpt-oss (OpenAI, harmony format): `<|start|>ROLE<|channel|>…<|message|>…<|end|>` messages, tools
 * as a TypeScript namespace in the developer message, calls as
 * `<|start|>assistant to=functions.NAME<|channel|>commentary json<|message|>{…}<|call|>`, results as
 * `<|start|>functions.NAME to=assistant<|channel|>commentary<|message|>"…"<|end|>` (JSON-encoded).
 * Template: openai-gpt-oss-120b.jinja. It renders one call per assistant message, so a turn with
 * several calls is rendered as consecutive call messages, each followed by its result.
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import { harmonyNamespace } from "./gpt-oss-schema.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { strftime } from "./shared-b-date.ts";
import { defineAdapter, promptText } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";

/** One call per assistant message, each result moved right after its call. */
export function oneCallPerMessage(messages: readonly ChatMessage[]): ChatMessage[] {
  const result: ChatMessage[] = [];
  for (let index = 0; index < messages.length; index++) {
    const message = messages[index]!;
    const calls = message.role === "assistant" ? (message.toolCalls ?? []) : [];
    if (message.role !== "assistant" || calls.length < 2) {
      result.push(message);
      continue;
    }
    let end = index + 1;
    while (messages[end]?.role === "tool") end++;
    const results = messages.slice(index + 1, end) as Extract<ChatMessage, { role: "tool" }>[];
    const used = new Set<number>();
    calls.forEach((call, callIndex) => {
      result.push({ ...message, content: callIndex === 0 ? message.content : "", toolCalls: [call] });
      const found = results.findIndex((item, i) => !used.has(i) && item.toolCallId === call.id);
      if (found !== -1) {
        used.add(found);
        result.push(results[found]!);
      }
    });
    results.forEach((item, i) => {
      if (!used.has(i)) result.push(item);
    });
    index = end - 1;
  }
  return result;
}

function systemMessage(tools: readonly ToolSpec[], date: Date): string {
  const text = fillPrompt(promptText("gpt-oss/system.txt"), {
    date: strftime(date, "%Y-%m-%d"),
    reasoning: "medium",
  });
  return tools.length > 0 ? `${text}\n${promptText("gpt-oss/tools-channel.txt")}` : text;
}

/** A call as the model writes it after `<|start|>assistant`. */
function callText(call: ToolCall): string {
  return `<|channel|>commentary to=functions.${call.name} <|constrain|>json<|message|>${templateJson(call.arguments)}<|call|>`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const text = messages.map((message): TextMessage => {
    if (message.role !== "assistant" || !message.toolCalls?.length)
      return { role: message.role, content: message.content };
    return { role: "assistant", content: message.content + message.toolCalls.map(callText).join("") };
  });
  if (tools.length === 0) return text;
  const toolText = `# Tools\n\n${harmonyNamespace(tools)}`;
  const [first, ...rest] = text;
  if (first?.role === "system")
    return [{ role: "system", content: `${first.content}\n\n${toolText}` }, ...rest];
  return [{ role: "system", content: toolText }, ...text];
}

function renderPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const generation = options.addGenerationPrompt ?? true;
  const parts = ["<|start|>system<|message|>", systemMessage(tools, options.date ?? new Date()), "<|end|>"];
  const first = messages[0];
  const developer = first?.role === "system" ? first.content : "";
  const loop = oneCallPerMessage(first?.role === "system" ? messages.slice(1) : messages);
  if (developer || tools.length > 0) {
    parts.push("<|start|>developer<|message|>");
    if (developer) parts.push("# Instructions\n\n", developer, "\n\n");
    if (tools.length > 0) parts.push("# Tools\n\n", harmonyNamespace(tools));
    parts.push("<|end|>");
  }
  let lastCall: string | undefined;
  loop.forEach((message, index) => {
    if (message.role === "assistant" && message.toolCalls?.length) {
      const later = loop
        .slice(index + 1)
        .some((item) => item.role === "assistant" && !item.toolCalls?.length);
      const call = message.toolCalls[0]!;
      // The template refuses content and reasoning together; the content wins here.
      const analysis = message.content || message.reasoning;
      if (analysis && !later)
        parts.push("<|start|>assistant<|channel|>analysis<|message|>", analysis, "<|end|>");
      parts.push(`<|start|>assistant to=functions.${call.name}<|channel|>commentary json<|message|>`);
      parts.push(templateJson(call.arguments), "<|call|>");
      lastCall = call.name;
    } else if (message.role === "assistant") {
      if (index === loop.length - 1 && !generation) {
        const reasoning = message.reasoning;
        if (reasoning !== undefined)
          parts.push("<|start|>assistant<|channel|>analysis<|message|>", reasoning, "<|end|>");
        parts.push("<|start|>assistant<|channel|>final<|message|>", message.content, "<|return|>");
      } else {
        parts.push("<|start|>assistant<|channel|>final<|message|>", message.content, "<|end|>");
        lastCall = undefined;
      }
    } else if (message.role === "tool") {
      // The template refuses a result without a call before it; the result's own name stands in.
      parts.push(
        `<|start|>functions.${lastCall ?? message.name} to=assistant<|channel|>commentary<|message|>`,
      );
      parts.push(JSON.stringify(message.content), "<|end|>");
    } else if (message.role === "user") {
      parts.push("<|start|>user<|message|>", message.content, "<|end|>");
    }
  });
  if (generation) parts.push("<|start|>assistant");
  return parts.join("");
}

export const gptOssAdapter = defineAdapter({
  id: "gpt-oss",
  family: "gpt-oss (OpenAI, harmony)",
  format: "gpt_oss",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: true, parallelCalls: false },
  startsInReasoning: false,
  modelPatterns: [/gpt-oss/i, /openai\/gpt-oss/i],
  formatMessages,
  renderPrompt,
});
