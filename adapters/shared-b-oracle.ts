/**
 * Test support: renders an official chat template (read from ../shared/templates, next to the
 * repository) with @huggingface/jinja for one of our conversations, in the OpenAI message shape
 * servers pass to templates. Only tests import this module.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Template } from "@huggingface/jinja";
import type { ChatMessage } from "../src/messages.ts";
import type { ToolSpec } from "../src/parser/types.ts";

/** Where the oracles live: ../shared/templates relative to the repository root. */
export const TEMPLATES_DIR = fileURLToPath(new URL("../../shared/templates/", import.meta.url));

export function templatePath(file: string): string {
  return TEMPLATES_DIR + file;
}

export function templateExists(file: string): boolean {
  return existsSync(templatePath(file));
}

/** The fixed date the oracle tests use, and what strftime_now prints for it. */
export const FIXED_DATE = new Date(Date.UTC(2025, 2, 7, 12, 0, 0));
const FIXED_STRFTIME: Readonly<Record<string, string>> = {
  "%B %d, %Y": "March 07, 2025",
  "%Y-%m-%d": "2025-03-07",
  "%d %b %Y": "07 Mar 2025",
};

export interface OracleInput {
  /** Call arguments as a JSON string (DeepSeek, Functionary, Firefunction) instead of an object. */
  readonly argumentsAsString?: boolean;
  /** Assistant content when it has calls and no text: null (OpenAI) or "" (templates that concatenate it). */
  readonly emptyCallContent?: null | "";
  /** The key that carries assistant reasoning ("reasoning_content", "thinking"); omitted when unset. */
  readonly reasoningKey?: string;
  /** The key that carries the text of an assistant turn with calls (Command R7B: "tool_plan"). */
  readonly callTextKey?: string;
  /** Extra template variables. */
  readonly extra?: Readonly<Record<string, unknown>>;
  readonly addGenerationPrompt?: boolean;
  readonly bosToken?: string;
  readonly eosToken?: string;
  /** Rewrites of the template source for constructs @huggingface/jinja cannot run (each test says why). */
  readonly patch?: (source: string) => string;
}

/** A message as servers hand it to chat templates (OpenAI shape). */
export function openAiMessage(message: ChatMessage, input: OracleInput): Record<string, unknown> {
  switch (message.role) {
    case "system":
    case "user":
      return { role: message.role, content: message.content };
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, name: message.name, content: message.content };
    case "assistant": {
      const calls = message.toolCalls ?? [];
      const result: Record<string, unknown> = {
        role: "assistant",
        content:
          calls.length > 0 && message.content === "" ? (input.emptyCallContent ?? null) : message.content,
      };
      if (calls.length > 0) {
        result.tool_calls = calls.map((call) => ({
          id: call.id,
          type: "function",
          function: {
            name: call.name,
            arguments: input.argumentsAsString ? pythonJson(call.arguments) : call.arguments,
          },
        }));
      }
      if (input.callTextKey && calls.length > 0) {
        result.content = null;
        result[input.callTextKey] = message.content;
      }
      if (input.reasoningKey && message.reasoning !== undefined)
        result[input.reasoningKey] = message.reasoning;
      return result;
    }
  }
}

/**
 * `json.dumps` as a Python server would write the arguments string (", " and ": "), written here
 * independently of the adapters' own JSON helper.
 */
export function pythonJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(pythonJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonJson(item)}`);
    return `{${entries.join(", ")}}`;
  }
  return JSON.stringify(value);
}

/** Renders `file` with @huggingface/jinja for the conversation. */
export function renderOracle(
  file: string,
  messages: readonly ChatMessage[],
  tools: readonly ToolSpec[] | undefined,
  input: OracleInput = {},
): string {
  // @huggingface/jinja defines strftime_now itself and refuses to have it replaced in the
  // context, so the source calls a fixed-date stand-in instead.
  const original = readFileSync(templatePath(file), "utf8").replaceAll(
    "strftime_now(",
    "fixed_strftime_now(",
  );
  const source = input.patch ? input.patch(original) : original;
  const context: Record<string, unknown> = {
    messages: messages.map((message) => openAiMessage(message, input)),
    add_generation_prompt: input.addGenerationPrompt ?? true,
    bos_token: input.bosToken ?? "<BOS>",
    eos_token: input.eosToken ?? "<EOS>",
    fixed_strftime_now: (format: string) => {
      const text = FIXED_STRFTIME[format];
      if (text === undefined) throw new Error(`no fixed strftime_now text for ${format}`);
      return text;
    },
    ...input.extra,
  };
  if (tools !== undefined) context.tools = tools.map((tool) => ({ type: "function", function: { ...tool } }));
  return new Template(source).render(context);
}

/** The messages with `preamble` put in front of the (first) system prompt, or as a new system message. */
export function withPreamble(messages: readonly ChatMessage[], preamble: string): ChatMessage[] {
  const index = messages.findIndex((message) => message.role === "system");
  if (index === -1) return [{ role: "system", content: preamble }, ...messages];
  return messages.map((message, i) =>
    i === index ? { role: "system", content: preamble + message.content } : message,
  );
}
