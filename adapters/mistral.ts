/**
 * Mistral, two tokenizer generations:
 * - v3 (Mistral-7B-Instruct-v0.3, Mistral-Nemo, Mixtral, Ministral): `[AVAILABLE_TOOLS][…]` before the
 *   last user turn, calls as `[TOOL_CALLS][{"name", "arguments", "id"}]`, results as
 *   `[TOOL_RESULTS]{"content": …, "call_id": …}[/TOOL_RESULTS]`. Template:
 *   mistralai-Mistral-Nemo-Instruct-2407.jinja (it moves the system prompt into the LAST user turn,
 *   and drops it when the conversation does not end with a user turn).
 * - v11 (Mistral Small 3.2): `[SYSTEM_PROMPT]` (a dated default when none is given), calls as
 *   `[TOOL_CALLS]name[CALL_ID]id[ARGS]{…}`, results as `[TOOL_RESULTS]id[TOOL_CONTENT]…[/TOOL_RESULTS]`.
 *   Template: Mistral-Small-3.2-24B-Instruct-2506.jinja.
 *
 * Both templates raise when user/assistant turns do not alternate and renderPrompt does too. Call
 * ids become 9 alphanumerics (mistralCallId). Neither template has a generation prompt. bosToken
 * defaults to "" (servers add BOS when tokenizing), eosToken to "</s>".
 */
import type { ChatMessage } from "../src/messages.ts";
import type { ToolCall, ToolSpec } from "../src/parser/types.ts";
import type { ModelAdapter, RenderOptions } from "./model-adapter.ts";
import { isoDay } from "./shared-a-dates.ts";
import { templateJson } from "./shared-a-json.ts";
import {
  type AssistantMessage,
  formatWithStyle,
  hasCalls,
  splitSystem,
  type ToolMessage,
} from "./shared-a-messages.ts";
import { checkAlternation, lastUserIndex, mistralCallId } from "./shared-a-mistral.ts";
import { parserMethods } from "./shared-a-parse.ts";
import { promptText } from "./shared-a-prompt.ts";
import { functionShape, openAiTool } from "./shared-a-tools.ts";

const EOS = "</s>";

// ---------------------------------------------------------------- v3 / Nemo

/** One tool as the Nemo template writes it: string values are quoted WITHOUT escaping (a template quirk). */
function nemoTool(tool: ToolSpec): string {
  const fields = Object.entries(functionShape(tool)).map(([key, value]) =>
    typeof value === "string" ? `"${key}": "${value}"` : `"${key}": ${templateJson(value)}`,
  );
  return `{"type": "function", "function": {${fields.join(", ")}}}`;
}

function nemoTools(tools: readonly ToolSpec[]): string {
  return `[AVAILABLE_TOOLS][${tools.map(nemoTool).join(", ")}][/AVAILABLE_TOOLS]`;
}

function nemoCalls(calls: readonly ToolCall[]): string {
  const items = calls.map((call) => {
    const fn = templateJson({ name: call.name, arguments: call.arguments });
    return `${fn.slice(0, -1)}, "id": "${mistralCallId(call.id)}"}`;
  });
  return `[TOOL_CALLS][${items.join(", ")}]`;
}

const nemoResult = (message: ToolMessage): string =>
  `[TOOL_RESULTS]{"content": ${message.content}, "call_id": "${mistralCallId(message.toolCallId)}"}[/TOOL_RESULTS]`;

function renderNemo(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const { system, rest } = splitSystem(messages);
  checkAlternation(rest);
  const eos = options.eosToken ?? EOS;
  const lastUser = lastUserIndex(rest);
  let out = options.bosToken ?? "";
  rest.forEach((message, index) => {
    if (message.role === "user") {
      if (tools.length > 0 && index === lastUser) out += nemoTools(tools);
      const text =
        index === rest.length - 1 && system !== undefined
          ? `${system}\n\n${message.content}`
          : message.content;
      out += `[INST]${text}[/INST]`;
    } else if (message.role === "assistant") {
      out += hasCalls(message) ? `${nemoCalls(message.toolCalls ?? [])}${eos}` : `${message.content}${eos}`;
    } else if (message.role === "tool") {
      out += nemoResult(message);
    } else {
      throw new Error(
        "Only user and assistant roles are supported, with the exception of an initial optional system message!",
      );
    }
  });
  return out;
}

/** Chat text: content (if any) then the calls; results as user turns (the server's alternation check holds). */
const callsAfterContent =
  (render: (calls: readonly ToolCall[]) => string) =>
  (message: AssistantMessage): string =>
    hasCalls(message) ? `${message.content}${render(message.toolCalls ?? [])}` : message.content;

export const mistralAdapter: ModelAdapter = {
  id: "mistral",
  family: "Mistral v3 / Nemo ([TOOL_CALLS] JSON list, [TOOL_RESULTS])",
  format: "mistral",
  capabilities: { contextLength: 32_768, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/mistral/i, /mixtral/i, /ministral/i],
  formatMessages: (messages, tools) =>
    formatWithStyle(messages, tools, {
      system: (system, list) =>
        list.length === 0
          ? system
          : [system, nemoTools(list)].filter((part) => part !== undefined).join("\n\n"),
      assistant: callsAfterContent(nemoCalls),
      results: { role: "user", render: (run) => run.map(nemoResult).join("") },
    }),
  renderPrompt: renderNemo,
  ...parserMethods("mistral", false),
};

// ---------------------------------------------------------------- v11 / Small 3.2

function smallDefaultSystem(date: Date): string {
  return promptText("mistral/small-3.2-system.md", { today: isoDay(date) });
}

const smallTools = (tools: readonly ToolSpec[]): string =>
  `[AVAILABLE_TOOLS]${templateJson(tools.map(openAiTool))}[/AVAILABLE_TOOLS]`;

const smallCalls = (calls: readonly ToolCall[]): string =>
  calls
    .map(
      (call) =>
        `[TOOL_CALLS]${call.name}[CALL_ID]${mistralCallId(call.id)}[ARGS]${templateJson(call.arguments)}`,
    )
    .join("");

const smallResult = (message: ToolMessage): string =>
  `[TOOL_RESULTS]${mistralCallId(message.toolCallId)}[TOOL_CONTENT]${message.content}[/TOOL_RESULTS]`;

function renderSmall(
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[],
  options: RenderOptions = {},
): string {
  const { system, rest } = splitSystem(messages);
  checkAlternation(rest);
  const eos = options.eosToken ?? EOS;
  const lastUser = lastUserIndex(rest);
  let out = `${options.bosToken ?? ""}[SYSTEM_PROMPT]${system ?? smallDefaultSystem(options.date ?? new Date())}[/SYSTEM_PROMPT]`;
  rest.forEach((message, index) => {
    if (message.role === "system") {
      out += `[SYSTEM_PROMPT]${message.content}[/SYSTEM_PROMPT]`;
    } else if (message.role === "user") {
      if (tools.length > 0 && index === lastUser) out += smallTools(tools);
      out += `[INST]${message.content}[/INST]`;
    } else if (message.role === "assistant") {
      out += hasCalls(message) ? `${smallCalls(message.toolCalls ?? [])}${eos}` : `${message.content}${eos}`;
    } else {
      out += smallResult(message);
    }
  });
  return out;
}

export const mistralSmallAdapter: ModelAdapter = {
  id: "mistral-small-3.2",
  family: "Mistral Small 3.2 / tokenizer v11 ([TOOL_CALLS]name[ARGS]{…})",
  format: "mistral_v11",
  capabilities: { contextLength: 131_072, reasoning: false, nativeTools: true, parallelCalls: true },
  startsInReasoning: false,
  modelPatterns: [/mistral[-_]?small[-_]?3\.2/i],
  formatMessages: (messages, tools) =>
    formatWithStyle(messages, tools, {
      system: (system, list) =>
        list.length === 0 ? system : `${system ?? smallDefaultSystem(new Date())}\n\n${smallTools(list)}`,
      assistant: callsAfterContent(smallCalls),
      results: { role: "user", render: (run) => run.map(smallResult).join("") },
    }),
  renderPrompt: renderSmall,
  ...parserMethods("mistral_v11", false),
};
