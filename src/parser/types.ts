/**
 * Public data types of the parser: what goes in (text, tools, options) and what comes out
 * (calls, content, reasoning, problems, stream events).
 */

/** A JSON Schema object as models see it (a plain JSON value; we read only what we need). */
export type JsonSchema = { readonly [key: string]: unknown };

/** A tool the model may call: its name and, optionally, the JSON schema of its arguments. */
export interface ToolSpec {
  readonly name: string;
  readonly description?: string;
  readonly parameters?: JsonSchema;
}

/**
 * A tool as callers pass it around: a name, a `ToolSpec`, or OpenAI's
 * `{type: "function", function: {name, description, parameters}}` (`input_schema` as Anthropic
 * spells `parameters` is read too).
 */
export type ToolInput =
  | string
  | ToolSpec
  | { readonly type: "function"; readonly function: ToolSpec }
  | { readonly name: string; readonly description?: string; readonly input_schema?: JsonSchema };

/** One parsed tool call. `arguments` is always a JSON object. */
export interface ToolCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Record<string, unknown>;
}

/** Stable problem codes: model mistakes reported as data, never thrown. */
export type ProblemCode =
  /** A call block was recognised but its body could not be read as a call. */
  | "malformed-call"
  /** The output ended inside a call block that cannot be completed (truncated generation). */
  | "truncated-call"
  /** A call names a tool that was not declared (see `suggestion`). */
  | "unknown-tool"
  /** A call was written inside reasoning; see `detail` for what was done with it. */
  | "call-in-reasoning"
  /** The arguments were not a JSON object (or could not be decoded). */
  | "invalid-arguments";

export interface ParseProblem {
  readonly code: ProblemCode;
  /** Human-readable reason: what was expected and what arrived. */
  readonly message: string;
  /** The raw text the problem is about (a block, a name, ...). */
  readonly raw: string;
  /** The format whose rules found the problem. */
  readonly format?: FormatId;
  /** For unknown tools: the closest declared tool name, when one is close. */
  readonly suggestion?: string;
  /** The tool name involved, when known. */
  readonly toolName?: string;
}

export interface ParseResult {
  readonly toolCalls: ToolCall[];
  /** Text outside call blocks and reasoning, special tokens removed. */
  readonly content: string;
  /** Reasoning / thinking text (think tags, analysis channels, ...). */
  readonly reasoning: string;
  /** The format the calls were written in: the given one, or the detected one (null: none found). */
  readonly format: FormatId | null;
  readonly problems: ParseProblem[];
}

/** Stream events, a union on `type` (noun-action names). */
export type ParserEvent =
  | { readonly type: "text-delta"; readonly text: string }
  | { readonly type: "reasoning-delta"; readonly text: string }
  | { readonly type: "tool-call-start"; readonly id: string; readonly name: string }
  | { readonly type: "tool-call-delta"; readonly id: string; readonly argumentsDelta: string }
  | { readonly type: "tool-call-end"; readonly call: ToolCall }
  | { readonly type: "problem"; readonly problem: ParseProblem }
  /**
   * An orphan reasoning closer (`</think>` with no opener: the template opened it in the prompt)
   * showed that the text and calls emitted so far were reasoning. Pass `startInReasoning` (the
   * adapters do) to avoid it.
   */
  | { readonly type: "retract"; readonly text: string; readonly callIds: readonly string[] };

/** Format ids: the corpus names, plus `tool_use` (our own protocol). */
export const FORMAT_IDS = [
  "tool_use",
  "hermes",
  "longcat",
  "qwen3_coder",
  "llama3_json",
  "llama3_builtin",
  "pythonic",
  "llama4_pythonic",
  "lfm2",
  "lfm2_json",
  "olmo3",
  "mistral",
  "mistral_v11",
  "mistral_args",
  "granite",
  "granite_20b_fc",
  "internlm",
  "jamba",
  "phi4_mini",
  "firefunction_v2",
  "xlam",
  "json",
  "json_list",
  "generic_json",
  "deepseek_v3",
  "deepseek_r1",
  "deepseek_v31",
  "deepseek_v32",
  "deepseek_v4",
  "kimi_k2",
  "kimi_k3",
  "seed_oss",
  "glm4_moe",
  "glm47",
  "minimax_m1",
  "minimax_m2",
  "minimax_m3",
  "command_r",
  "command_r7b",
  "command_a",
  "functionary_v3_1",
  "functionary_v3_2",
  "gpt_oss",
  "nemotron_v2",
  "apertus",
  "hunyuan_a13b",
  "hy_v3",
  "hy_v4",
  "iquest_coder_v2",
  "dots",
  "solar_open2",
  "k2_horizon",
  "step3",
  "functiongemma",
  "gemma4",
  "gigachat3",
  "morph_xml",
  "minicpm",
  "react",
  "lmstudio",
  "glm4",
  "muse_glimmer",
  "inkling",
  "plamo3",
  "gigachat35",
  "glm53_flash",
] as const;

export type FormatId = (typeof FORMAT_IDS)[number];

export function isFormatId(value: string): value is FormatId {
  return (FORMAT_IDS as readonly string[]).includes(value);
}

export interface ParseOptions {
  /**
   * A format id, or "auto" (the default) to detect it from the text. Other projects' names for
   * a format (vLLM's `--tool-call-parser`, sglang's, llama.cpp's) are accepted too.
   */
  readonly format?: FormatId | "auto" | (string & {});
  /** Declared tools: used for type coercion, name checks and bare-JSON detection. */
  readonly tools?: readonly ToolInput[];
  /** Prefix of generated call ids (default "call_"); ids are `${prefix}${index}`. */
  readonly idPrefix?: string;
}
