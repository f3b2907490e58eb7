/**
 * Test support for group-a adapters: renders an official chat template, read from
 * ../shared/templates (next to the repository), with @huggingface/jinja for one of our
 * conversations in the OpenAI message shape that servers hand to templates. Only tests import it.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";

export const TEMPLATES_DIR = fileURLToPath(new URL("../../shared/templates/", import.meta.url));

/**
 * The template's path, whether it is there, and a suite title that says so: tests use
 * `describe.skipIf(!exists)(title, ...)`, so a missing oracle shows up as a named skip.
 */
export function oracleTemplate(
  file: string,
  name: string,
): { readonly path: string; readonly exists: boolean; readonly title: string } {
  const path = TEMPLATES_DIR + file;
  const exists = existsSync(path);
  return {
    path,
    exists,
    title: exists
      ? `${name} renderPrompt vs ${path}`
      : `${name} renderPrompt: SKIPPED, oracle ${path} is missing`,
  };
}

/** A suite title for tests that need a parser format another group registers. */
export function formatTitle(name: string, format: string, registered: boolean): string {
  return registered ? name : `${name}: SKIPPED, format ${format} is not registered yet`;
}

export interface OracleOptions {
  /** Put `tool_calls: []` on messages without calls (Phi-4-mini's loop needs it). */
  readonly emptyToolCalls?: boolean;
  readonly addGenerationPrompt?: boolean;
  /** Extra template variables (bos_token, eos_token, date_string, enable_thinking, ...). */
  readonly extra?: Readonly<Record<string, unknown>>;
  /**
   * What the template's `strftime_now` is. @huggingface/jinja defines its own (today's date) and
   * refuses a replacement in the context, so the source is read with `strftime_now` renamed and
   * this function (or nothing: the name is then undefined) stands in for it.
   */
  readonly strftimeNow?: (format: string) => string;
}

/** Our conversation in the OpenAI shape (written out here, independent of the adapters' code). */
export function oracleMessages(messages: readonly ChatMessage[], options: OracleOptions = {}): unknown[] {
  return messages.map((message) => {
    const empty = options.emptyToolCalls ? { tool_calls: [] } : {};
    if (message.role === "system" || message.role === "user") {
      return { role: message.role, content: message.content, ...empty };
    }
    if (message.role === "tool") {
      return {
        role: "tool",
        tool_call_id: message.toolCallId,
        name: message.name,
        content: message.content,
        ...empty,
      };
    }
    const calls = message.toolCalls ?? [];
    const reasoning = message.reasoning === undefined ? {} : { reasoning_content: message.reasoning };
    if (calls.length === 0) return { role: "assistant", content: message.content, ...reasoning, ...empty };
    return {
      role: "assistant",
      content: message.content,
      ...reasoning,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: "function",
        function: { name: call.name, arguments: call.arguments },
      })),
    };
  });
}

/** Tools in the OpenAI shape, keys in the order name, description, parameters. */
export function oracleTools(tools: readonly ToolSpec[]): unknown[] {
  return tools.map((tool) => {
    const fn: Record<string, unknown> = { name: tool.name };
    if (tool.description !== undefined) fn.description = tool.description;
    if (tool.parameters !== undefined) fn.parameters = tool.parameters;
    return { type: "function", function: fn };
  });
}

const sources = new Map<string, Template>();

/** Renders `file` for the conversation; `tools` undefined leaves the variable undefined. */
export function renderOracle(
  file: string,
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[] | undefined,
  options: OracleOptions = {},
): string {
  let template = sources.get(file);
  if (!template) {
    const source = readFileSync(TEMPLATES_DIR + file, "utf8").replaceAll(
      "strftime_now",
      "oracle_strftime_now",
    );
    template = new Template(source);
    sources.set(file, template);
  }
  return template.render({
    messages: oracleMessages(messages, options),
    ...(tools === undefined ? {} : { tools: oracleTools(tools) }),
    add_generation_prompt: options.addGenerationPrompt ?? true,
    ...(options.strftimeNow === undefined ? {} : { oracle_strftime_now: options.strftimeNow }),
    ...options.extra,
  });
}
