/**
 * minicpm (OpenBMB MiniCPM5): XML calls written with special tokens, no wrapper,
 *
 *   <function name="get_weather"><param name="city">Paris</param></function>
 *
 * as vLLM's `minicpm5` tool parser (minicpm5xml_tool_parser.py), llama.cpp's MiniCPM5 parser
 * and ollama's `minicpm5` parser read it. Several calls per output, text around them is content;
 * reasoning in `<think>...</think>`; the end-of-turn `<|im_end|>` is dropped from content.
 * Values are typed by the tool's schema and from their text
 * without one (vLLM); a `<![CDATA[...]]>` value is kept verbatim (a `</param>` or `</function>`
 * inside it included, as llama.cpp and xinference read it), others are trimmed.
 *
 * Leniencies (from those parsers): an `<arguments>` element around the params (ollama), the
 * tag and attribute run together (`<functionname="..">`, `<paramname="..">`) or joined by the
 * tokenizer's `Ġ` / `Ċ` space and newline markers (vLLM), and a single `arguments` or `properties`
 * param holding the arguments as a JSON or Python dict when the declared tool has no such
 * parameter (vLLM). A call cut off by the end of the output is a truncated call; a `<param>`
 * without a name makes the call malformed. When auto-detecting with declared tools, only a call
 * to a declared tool counts (ollama and vLLM keep other blocks as text).
 *
 * A server that decodes with special tokens skipped drops `<function`, `<param`, `</param>` and
 * `</function>` (they are MiniCPM5 tokens), leaving ` name="python"> name="code">print(1)`;
 * llama.cpp's MiniCPM5 grammar reads that. With the format given, for a declared tool, such a
 * ` name="TOOL">` opens a call whose values run to the next ` name="PARAM">` of that tool's
 * declared parameters, to another such call, or to the end.
 */
import type { BlockContext, BlockOutcome, BlockRule, DecideContext, FormatSpec } from "../format-spec.ts";
import { parseJsonLoose } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import { type RawArgument, typeArguments } from "./shared/glm-typed-arguments.ts";
import { isRecord } from "./shared/json-calls.ts";
import { PythonLiteralReader } from "./shared/pythonic-literal.ts";
import { propertiesOf } from "./shared/xml-elements.ts";

const CLOSE = "</function>";
const TOKENIZER_SPACE = "\u0120";
const TOKENIZER_NEWLINE = "\u010a";
const OPENERS = ["<function name=", "<functionname=", `<function${TOKENIZER_SPACE}name=`];

const NAME = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))[^>]*>/;
const PARAM = /<param(?:\s+name\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?[^>]*>/g;
const CDATA = /^<!\[CDATA\[([\s\S]*)\]\]>$/;
const WRAPPERS = new Set(["arguments", "properties"]);

function normalize(text: string): string {
  return text
    .replaceAll(TOKENIZER_SPACE, " ")
    .replaceAll(TOKENIZER_NEWLINE, "\n")
    .replaceAll("<paramname=", "<param name=")
    .replaceAll("<arguments>", "")
    .replaceAll("</arguments>", "");
}

function parseFunction(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (ctx.truncated) {
    return { problems: [{ code: "truncated-call", message: `the output ended inside ${ctx.open}`, raw }] };
  }
  const text = normalize(body);
  const match = NAME.exec(text);
  const name = (match?.[1] ?? match?.[2] ?? match?.[3] ?? "").trim();
  if (!match || name.length === 0) {
    return { problems: [{ code: "malformed-call", message: 'expected <function name="...">', raw }] };
  }
  if (ctx.auto && ctx.tools.declared && ctx.tools.resolve(name) === undefined) return { reject: true };
  const rest = text.slice(match[0].length);
  if (/^\s*\{/.test(rest) && !rest.includes("<param")) {
    // A JSON object in place of the params (the hermes-style body other templates ask for).
    const json = parseJsonLoose(rest);
    if (json.ok && isRecord(json.value)) return { calls: [{ name, arguments: json.value }] };
  }
  const pairs = readParams(rest);
  if (typeof pairs === "string") {
    return { problems: [{ code: "malformed-call", message: `${name}: ${pairs}`, raw, toolName: name }] };
  }
  const wrapped = unwrapArguments(name, pairs, ctx.tools);
  const args = typeArguments(name, wrapped?.rest ?? pairs, ctx.tools, "infer");
  return { calls: [{ name, arguments: wrapped ? { ...wrapped.values, ...args } : args }] };
}

/** The params: each value runs to its `</param>` (or, missing that, to the next param). */
function readParams(text: string): RawArgument[] | string {
  const pairs: RawArgument[] = [];
  const tags = [...text.matchAll(PARAM)];
  for (const [index, tag] of tags.entries()) {
    const key = (tag[1] ?? tag[2] ?? tag[3])?.trim();
    if (!key) return "a <param> has no name";
    const start = tag.index + tag[0].length;
    const next = tags[index + 1]?.index ?? text.length;
    const close = text.indexOf("</param>", cdataEnd(text, start));
    const value = text.slice(start, close >= 0 && close < next ? close : next).trim();
    pairs.push({ key, value: CDATA.exec(value)?.[1] ?? value });
  }
  return pairs;
}

/** Where a `<![CDATA[..]]>` value starting at `start` ends (its `</param>` may sit inside). */
function cdataEnd(text: string, start: number): number {
  const open = text.slice(start).search(/\S/);
  if (open < 0 || !text.startsWith("<![CDATA[", start + open)) return start;
  const end = text.indexOf("]]>", start + open);
  return end < 0 ? start : end + 3;
}

/**
 * An OpenAI-style wrapper param (`<param name="arguments">{"city": "Paris"}</param>`) whose key
 * the declared tool does not have: its dict's entries are the arguments.
 */
function unwrapArguments(
  name: string,
  pairs: readonly RawArgument[],
  tools: ToolIndex,
): { values: Record<string, unknown>; rest: RawArgument[] } | undefined {
  const declared = tools.resolve(name);
  if (declared === undefined) return undefined;
  const wrapper = pairs.find(
    (pair) => WRAPPERS.has(pair.key) && tools.parameterSchema(declared, pair.key) === undefined,
  );
  if (!wrapper) return undefined;
  const values = readDict(wrapper.value);
  return values ? { values, rest: pairs.filter((pair) => pair !== wrapper) } : undefined;
}

function readDict(text: string): Record<string, unknown> | undefined {
  const json = parseJsonLoose(text);
  if (json.ok) return isRecord(json.value) ? json.value : undefined;
  try {
    const reader = new PythonLiteralReader(text);
    const value = reader.readValue();
    reader.skipSpace();
    return reader.atEnd && reader.unconvertible === undefined && isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** When auto-detecting with declared tools, the named tool must be one of them. */
function decideFunction(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.auto || !ctx.tools.declared) return undefined;
  const match = NAME.exec(normalize(head));
  if (!match) return final || head.includes(">") ? "reject" : undefined;
  const name = (match[1] ?? match[2] ?? match[3] ?? "").trim();
  return ctx.tools.resolve(name) !== undefined ? undefined : "reject";
}

/** A name attribute closed by `>`, then params (an `<arguments>` wrapper dropped) or nothing. */
function acceptsFunction(body: string): boolean {
  return /^\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+)[^>]*>\s*(?:<param|$)/.test(normalize(body));
}

/** A `</function>` inside a `<![CDATA[` value not yet closed by `]]>` is value text (xinference). */
function insideCdata(body: string): boolean {
  return body.lastIndexOf("<![CDATA[") > body.lastIndexOf("]]>");
}

function functionRule(open: string): BlockRule {
  return {
    open,
    end: { kind: "close", close: [CLOSE], literalClose: (body) => insideCdata(body) },
    decide: decideFunction,
    accepts: acceptsFunction,
    parse: parseFunction,
  };
}

/**
 * `<function  name = "get_weather" >`: spaces around the attribute (LiteRT-LM reads them). The
 * literal openers above take the usual spelling.
 */
const SPACED_NAME = /^\s*name\s*=\s*/;
const SPACED_NAME_PREFIX = /^\s*(?:n(?:a(?:m(?:e\s*)?)?)?)?$/;

function spacedFunctionRule(): BlockRule {
  const rule = functionRule("<function ");
  return {
    ...rule,
    decide: (head, final, ctx) => {
      const name = SPACED_NAME.exec(head);
      if (name) return decideFunction(head.slice(name[0].length), final, ctx);
      return !final && SPACED_NAME_PREFIX.test(head) ? undefined : "reject";
    },
    accepts: (body) => SPACED_NAME.test(body) && acceptsFunction(body.replace(SPACED_NAME, "")),
    parse: (body, ctx) => {
      const name = SPACED_NAME.exec(body);
      return name ? parseFunction(body.slice(name[0].length), ctx) : { reject: true };
    },
  };
}

const TAGGED_RULES = [...OPENERS.map(functionRule), spacedFunctionRule()];
const STRIPPED_NAME = /^[A-Za-z_][\w.-]*$/;

/** The call of a declared tool whose special tokens the server stripped (format given only). */
function strippedRule(name: string, others: readonly string[], tools: ToolIndex): BlockRule {
  const declared = tools.resolve(name) ?? name;
  const keys = Object.keys(propertiesOf(tools.get(declared)?.parameters) ?? {}).filter((key) =>
    STRIPPED_NAME.test(key),
  );
  return {
    open: ` name="${name}">`,
    auto: false,
    end: { kind: "close", close: [], stopBefore: others.map((other) => ` name="${other}">`) },
    parse: (body, ctx) => {
      const raw = ctx.open + body;
      const marker = new RegExp(`\\s?name="(${keys.map(escapeRegExp).join("|")})">`, "g");
      const found = keys.length > 0 ? [...body.matchAll(marker)] : [];
      if ((found[0]?.index ?? body.length) > 0 && body.slice(0, found[0]?.index).trim().length > 0) {
        return { reject: true };
      }
      const pairs: RawArgument[] = found.map((match, index) => ({
        key: match[1]!,
        value: body.slice(match.index + match[0].length, found[index + 1]?.index ?? body.length).trim(),
      }));
      if (ctx.truncated && pairs.length === 0 && keys.length > 0 && body.trim().length > 0) {
        return { problems: [{ code: "malformed-call", message: `${name}: unreadable parameters`, raw }] };
      }
      return { calls: [{ name, arguments: typeArguments(name, pairs, ctx.tools, "infer") }] };
    },
  };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function minicpmBlocks(tools: ToolIndex): readonly BlockRule[] {
  if (!tools.declared) return TAGGED_RULES;
  const names = tools.names.filter((name) => STRIPPED_NAME.test(name));
  return [...TAGGED_RULES, ...names.map((name) => strippedRule(name, names, tools))];
}

export const minicpm: FormatSpec = {
  id: "minicpm",
  description: '<function name="NAME"><param name="K">V</param></function> (MiniCPM5)',
  blocks: minicpmBlocks,
  // MiniCPM5's chat template ends a turn with ChatML's `<|im_end|>` (servers that keep special
  // tokens pass it through, OVMS's tests feed it).
  strip: ["<|im_end|>"],
};
