/**
 * Calls inside a markdown code fence (```json ... ```), as Qwen2.5-Coder and other code models
 * write them: the fence body is parsed with the same format's rules; a fence without calls is
 * left as content. A ```tool_code body wrapped in `print(..)` (Gemma 3) is read without it.
 */
import type { BlockRule, FormatSpec } from "../../format-spec.ts";
import { parseToolCalls } from "../../parse-tool-calls.ts";
import { unwrapToolCode } from "./pythonic-bare.ts";

export function fencedCallsRule(format: () => FormatSpec, auto = true): BlockRule {
  return {
    open: "```",
    end: { kind: "close", close: ["```"] },
    lineStart: "always",
    auto,
    decide: (head, final) => {
      // A JSON value right after the language tag, on its line (```json{"name": ..}```).
      if (INLINE_JSON.test(head)) return undefined;
      // Only fences whose language is absent or JSON/XML-ish can hold calls.
      const newline = head.indexOf("\n");
      if (final && !fenceCanHoldCalls(head, newline)) return "reject";
      if (newline < 0) return head.length > 32 ? "reject" : undefined;
      const language = head.slice(0, newline).trim().toLowerCase();
      return /^(|json|jsonc|json5|xml|tool_call|tool_code|javascript|js)$/.test(language)
        ? undefined
        : "reject";
    },
    parse: (body, ctx) => {
      const { language, inner: raw } = fenceParts(body);
      const inner = unwrapPrint(language, raw);
      const spec = format();
      const result = parseToolCalls(inner, {
        format: ctx.auto ? "auto" : spec.id,
        tools: ctx.tools.declared ? ctx.tools.names.map((name) => ctx.tools.get(name)!) : undefined,
      });
      if (result.toolCalls.length === 0 || result.content.trim().length > 0) return { reject: true };
      return { calls: result.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })) };
    },
  };
}

/**
 * A JSON fence whose value starts on the language line, ```json{"name": ..}``` with no newline
 * (DeepSeek-V3 output as xinference records it): the language tag, if any, is a JSON one.
 */
const INLINE_JSON = /^(?:json5?|jsonc)?[ \t]*[{[]/i;

/** The fence's language tag and its body: the line after the tag, or a JSON value on the tag's line. */
function fenceParts(body: string): { language: string; inner: string } {
  const inline = /^((?:json5?|jsonc)?)[ \t]*(?=[{[])/i.exec(body);
  if (inline) return { language: inline[1]!.toLowerCase(), inner: body.slice(inline[0].length) };
  const newline = body.indexOf("\n");
  if (newline < 0) return { language: "", inner: "" };
  return { language: body.slice(0, newline).trim().toLowerCase(), inner: body.slice(newline + 1) };
}

/**
 * A fence still open at the end of the output, often the closing ``` of a code block that was not
 * ours read as an opener again (```python ... ``` then text): it is text, scanned as text, unless
 * its language line ended and its body starts like a call (a JSON value, a tag, `name(`), as a
 * fence cut off by the end of the generation does.
 */
function fenceCanHoldCalls(head: string, newline: number): boolean {
  if (newline < 0) return false;
  const body = head.slice(newline + 1).trimStart();
  return body.length === 0 || /^(?:[{[<]|[A-Za-z_][\w.-]*\s*\()/.test(body);
}

/** Gemma 3 writes `print(default_api.get_weather(city="Paris"))` in a ```tool_code fence: the call is inside. */
function unwrapPrint(language: string, inner: string): string {
  return language === "tool_code" ? unwrapToolCode(inner) : inner;
}
