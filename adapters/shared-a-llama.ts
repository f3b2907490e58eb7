/**
 * The Llama 3.1 / 3.2 chat template in TypeScript (meta-llama-Llama-3.1-8B-Instruct.jinja and
 * meta-llama-Llama-3.2-3B-Instruct.jinja render the same bytes when no built-in tools are set):
 * header/eot turns, "Environment: ipython" when tools are given, the tool list in the first user
 * message (tools_in_user_message), calls as `{"name": ..., "parameters": ...}`, results in the
 * `ipython` role as a JSON string.
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { RenderOptions } from "./model-adapter.ts";
import { dayMonthYear } from "./shared-a-dates.ts";
import { templateJson } from "./shared-a-json.ts";
import { hasCalls, splitSystem } from "./shared-a-messages.ts";
import { promptText } from "./shared-a-prompt.ts";
import { openAiTool } from "./shared-a-tools.ts";

export const EOT = "<|eot_id|>";

/** The date both templates fall back to when no date is given. */
export const FALLBACK_DATE = "26 Jul 2024";

export function header(role: string): string {
  return `<|start_header_id|>${role}<|end_header_id|>\n\n`;
}

/** `{"name": "NAME", "parameters": {...}}`: one call as the templates print it. */
export function llamaJsonCall(call: Pick<ToolCall, "name" | "arguments">): string {
  return `{"name": "${call.name}", "parameters": ${templateJson(call.arguments)}}`;
}

/** The first user message with the tool list before it (tools_in_user_message). */
export function toolsInUserMessage(tools: readonly ToolSpec[], message: string): string {
  const list = tools.map((tool) => `${templateJson(openAiTool(tool), 4)}\n\n`).join("");
  return promptText("llama3/tools-in-user.md", { tools: list, message });
}

/**
 * The template without built-in tools. An empty tool list counts as no tools (servers pass
 * none). Several calls in one turn (the template raises) become one assistant turn per call.
 */
export function renderLlama3(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const { system, rest } = splitSystem(messages);
  const withTools = tools.length > 0;
  const date = options.date ? dayMonthYear(options.date) : FALLBACK_DATE;
  let out = `${options.bosToken ?? ""}${header("system")}`;
  if (withTools) out += "Environment: ipython\n";
  out += `${promptText("llama3/knowledge-date.md")}\nToday Date: ${date}\n\n${(system ?? "").trim()}${EOT}`;
  let loop = rest;
  if (withTools) {
    const first = rest[0];
    if (!first)
      throw new Error("Cannot put tools in the first user message when there's no first user message!");
    out += `${header("user")}${toolsInUserMessage(tools, first.content.trim())}${EOT}`;
    loop = rest.slice(1);
  }
  for (const message of loop) {
    if (message.role === "tool") {
      out += `${header("ipython")}${templateJson(message.content)}${EOT}`;
    } else if (message.role === "assistant" && hasCalls(message)) {
      for (const call of message.toolCalls ?? []) out += `${header("assistant")}${llamaJsonCall(call)}${EOT}`;
    } else {
      out += `${header(message.role)}${message.content.trim()}${EOT}`;
    }
  }
  if (options.addGenerationPrompt ?? true) out += header("assistant");
  return out;
}
