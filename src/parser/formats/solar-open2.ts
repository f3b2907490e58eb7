/**
 * solar_open2 (Upstage Solar Open 2): one block per call, the name on the opener's line, then
 * one `<|tool_arg:start|>` pair per argument, values as raw text:
 *
 *   <|think:start|>...<|think:end|>
 *   <|tool_call:start|>get_weather
 *   <|tool_arg:start|>city<|tool_arg:value|>Seoul<|tool_arg:end|>
 *   <|tool_call:end|>
 *
 * Source: vLLM's `solar_open2` parser (solar_open2_tool_parser.py, test
 * tests/tool_parsers/test_solar_open2_tool_parser.py). Values are typed by the tool's schema and
 * stay strings without one; a string-typed value keeps its text as written (multi-line file
 * contents). A repeated argument keeps its first value, as vLLM (a stream cannot take it back).
 *
 * Leniencies, as vLLM's: a value missing its `<|tool_arg:end|>` ends at the call's end; a call
 * missing its `<|tool_call:end|>` ends where the next `<|tool_call:start|>` begins; an argument
 * whose name runs into a boundary (no `<|tool_arg:value|>`) is skipped. A call whose name line
 * never ends (`<|tool_call:start|>oops<|tool_call:end|>`) is a malformed call; one cut off by the
 * end of the output a truncated call. `<|tool_call:` without `start|>` inside a value is text.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import type { RawArgument } from "./shared/glm-typed-arguments.ts";
import { typeArguments } from "./shared/glm-typed-arguments.ts";

const CALL_OPEN = "<|tool_call:start|>";
const CALL_CLOSE = "<|tool_call:end|>";
const ARG_OPEN = "<|tool_arg:start|>";
const ARG_VALUE = "<|tool_arg:value|>";
const ARG_CLOSE = "<|tool_arg:end|>";

function parseCall(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (ctx.truncated) {
    return { problems: [{ code: "truncated-call", message: "the output ended inside a tool call", raw }] };
  }
  const newline = body.indexOf("\n");
  const name = (newline < 0 ? "" : body.slice(0, newline)).trim();
  if (newline < 0 || name.length === 0 || name.includes("<|")) {
    const message = newline < 0 ? "the call's name line never ends" : "the call has no name";
    return { problems: [{ code: "malformed-call", message, raw }] };
  }
  const pairs: RawArgument[] = [];
  const seen = new Set<string>();
  const segments = body.slice(newline + 1).split(ARG_OPEN);
  if (segments[0]!.trim().length > 0) {
    return {
      problems: [
        { code: "malformed-call", message: `expected ${ARG_OPEN} after the name`, raw, toolName: name },
      ],
    };
  }
  for (const segment of segments.slice(1)) {
    const valueAt = segment.indexOf(ARG_VALUE);
    if (valueAt < 0) continue;
    const key = segment.slice(0, valueAt).trim();
    const end = segment.indexOf(ARG_CLOSE, valueAt);
    const written = segment.slice(valueAt + ARG_VALUE.length, end < 0 ? segment.length : end);
    if (key.length === 0 || seen.has(key)) continue;
    seen.add(key);
    pairs.push({ key, value: written.trim(), verbatim: written });
  }
  return { calls: [{ name, arguments: typeArguments(name, pairs, ctx.tools, "string") }] };
}

export const solarOpen2: FormatSpec = {
  id: "solar_open2",
  description:
    "<|tool_call:start|>NAME\\n<|tool_arg:start|>K<|tool_arg:value|>V<|tool_arg:end|>\\n<|tool_call:end|> (Solar Open 2)",
  blocks: [
    {
      open: CALL_OPEN,
      end: { kind: "close", close: [CALL_CLOSE], stopBefore: [CALL_OPEN] },
      parse: parseCall,
    },
  ],
  reasoning: [{ open: "<|think:start|>", close: ["<|think:end|>"], promptOpened: true }],
};
