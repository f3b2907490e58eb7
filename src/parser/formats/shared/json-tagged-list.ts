/**
 * A tag pair (or a lone opener) around JSON calls, for the json group's tagged formats
 * (`<TOOLCALL>`, `<tool_calls>`, `<|tool_call_start|>`, `<longcat_tool_call>`, ...).
 */
import type { BlockRule, EndRule } from "../../format-spec.ts";
import { blockRaw, parseCallJson } from "./json-call-list.ts";
import { quotedClose } from "./tagged-json.ts";

export interface TaggedCallsOptions {
  readonly open: string;
  /** Close markers; none means the block is the JSON value right after the opener. */
  readonly close?: readonly string[];
  readonly auto?: boolean;
  /** Auto-mode sniffing among formats that share the opener. */
  readonly accepts?: (body: string) => boolean;
  readonly lineStart?: "always" | "auto";
}

/** The body starts with a JSON object or list (optionally fenced). */
export const startsWithJson = (body: string): boolean => /^\s*(?:```(?:json)?\s*)?[[{]/.test(body);

/** The body starts with a JSON list of objects. */
export const startsWithObjectList = (body: string): boolean => /^\s*\[\s*(?:\{|$)/.test(body);

export function taggedCallsRule(options: TaggedCallsOptions): BlockRule {
  // A close tag inside a JSON string (`{"value": "</tool_calls> kept"}`) is quoted text, as in
  // taggedJsonRule.
  const end: EndRule = options.close
    ? { kind: "close", close: options.close, literalClose: quotedClose }
    : { kind: "value" };
  return {
    open: options.open,
    end,
    auto: options.auto ?? true,
    ...(options.lineStart ? { lineStart: options.lineStart } : {}),
    accepts: options.accepts ?? startsWithJson,
    parse: (body, ctx) => parseCallJson(body, ctx, blockRaw(body, ctx)),
  };
}
