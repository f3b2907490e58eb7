/**
 * kimi_k3 (Kimi K3 "XTML", sglang/vLLM): one assistant message in channels built from the
 * special tokens `<|open|>`, `<|close|>`, `<|sep|>`:
 *
 *   <|open|>think<|sep|>reasoning<|close|>think<|sep|>
 *   <|open|>response<|sep|>visible text<|close|>response<|sep|>
 *   <|open|>tools<|sep|>
 *   <|open|>call tool="get_weather" index="1"<|sep|>
 *   <|open|>argument key="city" type="string"<|sep|>Paris<|close|>argument<|sep|>
 *   <|open|>argument key="days" type="number"<|sep|>3<|close|>argument<|sep|>
 *   <|close|>call<|sep|>
 *   <|close|>tools<|sep|>
 *   <|close|>message<|sep|>
 *
 * `type="string"` values are raw text, other types JSON-decoded (the raw text when that fails);
 * a declared schema types them where it disagrees. Attribute values are entity-decoded
 * (`&quot;`, `&amp;`, ...); values are not. A call body may instead be one raw JSON object in
 * `<|open|>json<|sep|>{...}<|close|>json<|sep|>`. The response/tools/message wrappers and
 * `<|end_of_msg|>` are dropped, so the response text streams as content.
 *
 * The chat template prefills `<|open|>think<|sep|>` in thinking mode (the default), so the
 * output starts inside reasoning and only closes it (or opens the response channel); in
 * instruct mode (the prompt ends with `<|open|>response<|sep|>`) pass `startInReasoning: false`.
 * Leniencies: a call outside a tools channel, a missing `<|close|>call<|sep|>` (the call ends
 * at the next call or the end of the tools channel) or `<|close|>argument<|sep|>` when the text
 * around it is complete. Output that ends inside a call header, an argument or a JSON body is a
 * truncated call.
 */
import type { BlockContext, BlockOutcome, FormatSpec, RawCall } from "../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import { parseAttributes } from "./shared/dsml-attributes.ts";
import { parameterSchemaOf, typeMarkedValue } from "./shared/dsml-values.ts";

const SEP = "<|sep|>";
const RESPONSE_OPEN = "<|open|>response<|sep|>";
const CALL_OPEN = "<|open|>call";
const CALL_CLOSE = "<|close|>call<|sep|>";
const ARGUMENT_OPEN = "<|open|>argument";
const ARGUMENT_CLOSE = "<|close|>argument<|sep|>";
const RESPONSE_CLOSE = "<|close|>response<|sep|>";
const JSON_OPEN = "<|open|>json";
const JSON_CLOSE = "<|close|>json<|sep|>";
const TOOLS_CLOSE = "<|close|>tools<|sep|>";
const MESSAGE_CLOSE = "<|close|>message<|sep|>";
const END_OF_MESSAGE = "<|end_of_msg|>";

type CallOutcome =
  | { readonly call: RawCall }
  | { readonly truncated: string }
  | { readonly malformed: string };

function parseCall(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const outcome = readCall(body, ctx);
  if ("call" in outcome) return { calls: [outcome.call] };
  if ("truncated" in outcome) {
    return { problems: [{ code: "truncated-call", message: outcome.truncated, raw }] };
  }
  return { problems: [{ code: "malformed-call", message: outcome.malformed, raw }] };
}

function readCall(body: string, ctx: BlockContext): CallOutcome {
  const headerEnd = body.indexOf(SEP);
  if (headerEnd < 0) {
    return ctx.truncated
      ? { truncated: "the output ended inside a call header" }
      : { malformed: `expected ${CALL_OPEN} tool="NAME"${SEP}` };
  }
  const name = parseAttributes(body.slice(0, headerEnd)).get("tool")?.trim() ?? "";
  if (name.length === 0) return { malformed: 'a call has no tool="..." attribute' };
  const content = body.slice(headerEnd + SEP.length);
  if (content.trimStart().startsWith(JSON_OPEN)) return readJsonBody(name, content, ctx.truncated);
  const args = readArguments(name, content, ctx.tools);
  if (ctx.truncated && (!args.complete || (args.count === 0 && ctx.close === null))) {
    return { truncated: `the output ended inside the call to ${name} (truncated generation)` };
  }
  // Neither closed nor followed by arguments: text after a call header (prose that quotes one).
  if (ctx.close === null && args.count === 0 && !args.complete) {
    return { malformed: `the call to ${name} has neither arguments nor ${CALL_CLOSE}` };
  }
  return { call: { name, arguments: args.values } };
}

function readJsonBody(name: string, content: string, truncated: boolean): CallOutcome {
  const start = content.indexOf(JSON_OPEN);
  const headerEnd = content.indexOf(SEP, start);
  const close = content.indexOf(JSON_CLOSE, headerEnd);
  const text = headerEnd < 0 ? "" : content.slice(headerEnd + SEP.length, close < 0 ? undefined : close);
  if (truncated && close < 0 && (headerEnd < 0 || !isCompleteValue(text))) {
    return { truncated: `the output ended inside the JSON arguments of ${name}` };
  }
  const parsed = parseJsonLoose(text);
  if (!parsed.ok) return { malformed: `the JSON arguments of ${name} are not valid JSON` };
  return { call: { name, arguments: parsed.value } };
}

interface Arguments {
  readonly values: Record<string, unknown>;
  readonly count: number;
  /** Every argument closed and nothing but (part of) a closing token after the last one. */
  readonly complete: boolean;
}

function readArguments(toolName: string, content: string, tools: ToolIndex): Arguments {
  const values: Record<string, unknown> = {};
  const starts = indexesOf(content, ARGUMENT_OPEN);
  let complete = true;
  let tail = starts.length === 0 ? content : "";
  for (const [index, start] of starts.entries()) {
    const end = starts[index + 1] ?? content.length;
    const segment = content.slice(start + ARGUMENT_OPEN.length, end);
    const headerEnd = segment.indexOf(SEP);
    if (headerEnd < 0) {
      complete = false;
      continue;
    }
    // The last argument close before the next argument: an earlier one is quoted in the value.
    // Without one, a response close ends the value (the model closed its message inside it).
    let close = segment.lastIndexOf(ARGUMENT_CLOSE);
    let closer = ARGUMENT_CLOSE;
    if (close < headerEnd) {
      close = segment.indexOf(RESPONSE_CLOSE, headerEnd);
      closer = RESPONSE_CLOSE;
    }
    if (close < 0) complete = false;
    if (index === starts.length - 1 && close >= 0) tail = segment.slice(close + closer.length);
    const attributes = parseAttributes(segment.slice(0, headerEnd));
    const key = attributes.get("key");
    if (key === undefined) continue;
    const value = segment.slice(headerEnd + SEP.length, close < 0 ? undefined : close);
    const mark = (attributes.get("type") ?? "string").trim().toLowerCase() === "string" ? "string" : "json";
    values[key] = typeMarkedValue(value, mark, parameterSchemaOf(tools, toolName, key));
  }
  const rest = tail.replace(RESPONSE_CLOSE, "").trim();
  if (rest.length > 0 && !CALL_CLOSE.startsWith(rest)) complete = false;
  return { values, count: starts.length, complete };
}

function indexesOf(text: string, marker: string): number[] {
  const indexes: number[] = [];
  for (let at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + marker.length))
    indexes.push(at);
  return indexes;
}

/** The body ends inside an argument value: its header is complete and no argument close follows. */
function insideOpenArgument(body: string): boolean {
  const start = body.lastIndexOf(ARGUMENT_OPEN);
  if (start < 0) return false;
  const headerEnd = body.indexOf(SEP, start);
  return headerEnd >= 0 && body.indexOf(ARGUMENT_CLOSE, headerEnd) < 0;
}

/** `<|open|>call` must be followed by its attributes or `<|sep|>`; `<|open|>caller` is not a call. */
function decideCall(head: string): "reject" | undefined {
  if (head.length === 0 || /^\s/.test(head)) return undefined;
  return SEP.startsWith(head.slice(0, SEP.length)) ? undefined : "reject";
}

export const kimiK3: FormatSpec = {
  id: "kimi_k3",
  description:
    '<|open|>tools<|sep|><|open|>call tool="..."<|sep|><|open|>argument key="..." type="..."<|sep|>',
  blocks: [
    {
      open: CALL_OPEN,
      end: {
        kind: "close",
        // The tools close also ends a call that lacks its own close, unless an argument value is
        // still open: then it is quoted text in that value (`echo '<|close|>tools<|sep|>'`).
        close: [CALL_CLOSE, TOOLS_CLOSE],
        stopBefore: [CALL_OPEN, MESSAGE_CLOSE, END_OF_MESSAGE],
        literalClose: (body, close) => close === TOOLS_CLOSE && insideOpenArgument(body),
      },
      decide: decideCall,
      parse: parseCall,
    },
  ],
  // A response channel also ends reasoning whose close the model skipped. The tools channel does
  // not: in instruct mode it follows the response text, which must not turn into reasoning.
  reasoning: [{ open: "<|open|>think<|sep|>", close: ["<|close|>think<|sep|>", RESPONSE_OPEN] }],
  thinkTags: false,
  startsInReasoning: true,
  strip: [
    RESPONSE_OPEN,
    "<|close|>response<|sep|>",
    "<|open|>tools<|sep|>",
    TOOLS_CLOSE,
    MESSAGE_CLOSE,
    END_OF_MESSAGE,
  ],
};
