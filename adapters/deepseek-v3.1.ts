/**
 * DeepSeek V3.1: `<｜User｜>`/`<｜Assistant｜>` turns with a `thinking` switch (the generation
 * prompt ends in `<think>` or `</think>`), calls as
 * `<｜tool▁calls▁begin｜><｜tool▁call▁begin｜>NAME<｜tool▁sep｜>{…}<｜tool▁call▁end｜><｜tool▁calls▁end｜>`.
 * Template: deepseek-ai-DeepSeek-V3.1.jinja, which has no tool slot: the tools go into the system
 * prompt in the form of the model card's ToolCall section (prompts/deepseek-v3.1/).
 */
import type { ChatMessage, TextMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import { fillPrompt } from "../src/prompts.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { afterFirstThink, DS } from "./shared-b-deepseek.ts";
import { defineAdapter, promptText, systemTexts } from "./shared-b-define.ts";
import { templateJson } from "./shared-b-json.ts";
import { argumentsJson } from "./shared-b-tools.ts";

/** The model card's tool description for the system prompt, or "" without tools. */
export function deepSeekV31ToolPrompt(tools: readonly ToolSpec[]): string {
  if (tools.length === 0) return "";
  const tool = promptText("deepseek-v3.1/tool.txt");
  const list = tools
    .map((spec) =>
      fillPrompt(tool, {
        name: spec.name,
        description: spec.description ?? "",
        parameters: templateJson(spec.parameters ?? {}),
      }),
    )
    .map((block) => `${block}\n`)
    .join("");
  return fillPrompt(promptText("deepseek-v3.1/tools.txt"), {
    tools: list,
    additional_tool_calls: "{{additional_tool_calls}}",
  });
}

function renderCalls(calls: readonly ToolCall[]): string {
  const body = calls.map((call) => `${DS.callBegin}${call.name}${DS.sep}${argumentsJson(call)}${DS.callEnd}`);
  return `${DS.callsBegin}${body.join("")}${DS.callsEnd}`;
}

function formatMessages(messages: readonly ChatMessage[], tools: readonly ToolSpec[]): TextMessage[] {
  const toolPrompt = deepSeekV31ToolPrompt(tools);
  const result: TextMessage[] = messages.map((message) =>
    message.role === "assistant" && message.toolCalls?.length
      ? { role: "assistant", content: message.content + renderCalls(message.toolCalls) }
      : { role: message.role, content: message.content },
  );
  if (!toolPrompt) return result;
  const index = result.findIndex((message) => message.role === "system");
  if (index === -1) return [{ role: "system", content: toolPrompt }, ...result];
  result[index] = { role: "system", content: `${result[index]!.content}\n\n${toolPrompt}` };
  return result;
}

function renderPromptWith(defaultThinking: boolean) {
  return (
    messages: readonly ChatMessage[],
    tools: readonly ToolSpec[],
    options: RenderOptions = {},
  ): string => {
    const thinking = options.thinking ?? defaultThinking;
    const toolPrompt = deepSeekV31ToolPrompt(tools);
    const system = [...systemTexts(messages), ...(toolPrompt ? [toolPrompt] : [])].join("\n\n");
    const parts = [options.bosToken ?? "", system];
    let lastUser = false;
    let inTool = false;
    for (const message of messages) {
      if (message.role === "user") {
        inTool = false;
        lastUser = true;
        parts.push(DS.user, message.content);
      } else if (message.role === "assistant" && message.toolCalls?.length) {
        if (lastUser) parts.push(DS.assistant, "</think>");
        lastUser = false;
        inTool = false;
        parts.push(message.content, renderCalls(message.toolCalls), DS.eos);
      } else if (message.role === "assistant") {
        if (lastUser) parts.push(DS.assistant, "</think>");
        lastUser = false;
        parts.push(inTool ? message.content : afterFirstThink(message.content), DS.eos);
        inTool = false;
      } else if (message.role === "tool") {
        lastUser = false;
        inTool = true;
        parts.push(DS.outputBegin, message.content, DS.outputEnd);
      }
    }
    if ((options.addGenerationPrompt ?? true) && lastUser && !inTool) {
      parts.push(DS.assistant, thinking ? "<think>" : "</think>");
    }
    return parts.join("");
  };
}

const base = {
  family: "DeepSeek V3.1",
  format: "deepseek_v31",
  capabilities: { contextLength: 131072, reasoning: true, nativeTools: true, parallelCalls: true },
  formatMessages,
} as const;

/** Thinking off (the template's default): the prompt closes reasoning with `</think>`. */
export const deepSeekV31Adapter: ModelAdapter = defineAdapter({
  ...base,
  id: "deepseek-v3.1",
  startsInReasoning: false,
  modelPatterns: [/deepseek-v3\.1/i, /deepseek-ai\/deepseek-v3\.1/i],
  renderPrompt: renderPromptWith(false),
});

/** Thinking on: the prompt opens `<think>`, so the output starts inside reasoning. Chosen by id. */
export const deepSeekV31ThinkingAdapter: ModelAdapter = defineAdapter({
  ...base,
  id: "deepseek-v3.1-thinking",
  startsInReasoning: true,
  modelPatterns: [],
  renderPrompt: renderPromptWith(true),
});
