/**
 * Off-template shapes of the `<tool_call><function=NAME><parameter=KEY>..` body that models
 * write when prompted with the Qwen3-Coder template (captured from Qwen2.5, GLM-4.7 and Llama 3.1
 * by ai-sdk's middleware), rewritten into the canonical shape so the one reader handles them:
 *
 * - `function=NAME>` with the `<` dropped;
 * - `<function NAME>` / `<functionNAME>` with the `=` dropped, NAME a declared tool (Step-3.5; sglang's
 *   step3p5 detector repairs it);
 * - `<function=NAME/>` (no arguments);
 * - arguments as elements named after the tool's declared parameters: `<path>x</path>`;
 * - a bare tool name after the opener: `<tool_call>NAME\n<path>x</path>..</NAME>`;
 * - the name and keys as element text: `<function>NAME</function><parameter>KEY</parameter>VALUE`;
 * - the parameters before the header: `<parameter=K>v</parameter><function=NAME></function>` (MiMo-V2-Flash);
 * - the name as element text and JSON arguments: `<function>NAME</function>\n{"k": "v"}` (Qwen3.6,
 *   Gemma 3 under mlx-omni-server; read by `jsonArgumentsCall`);
 * - nameless parameter tags after a proper header, `<function=NAME><parameter>KEY</parameter>\nVALUE`
 *   (Qwen2.5-7B; a tag whose text is no key, and its value, are dropped);
 * - attribute headers, `<function name="NAME"><parameter name="KEY">V</parameter>`;
 * - the name as a `<name>NAME</name>` element before the parameters.
 *
 * Only declared parameter names are read as element arguments, so values holding markup stay text.
 */
import { parseJsonLoose } from "../../json-loose.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { declaredKeys } from "./xml-function-calls.ts";
import {
  FUNCTION_CLOSE,
  FUNCTION_OPEN,
  PARAMETER_CLOSE,
  PARAMETER_OPEN,
  rewriteKeyHeaders,
} from "./xml-parameters.ts";

const NAME = "[A-Za-z_][\\w.-]*";

/** Whether a `<tool_call>` body looks like one of the variants (for auto-detection sniffing). */
export function looksLikeFunctionVariant(body: string): boolean {
  return (
    new RegExp(
      `^\\s*(?:function=${NAME}\\s*>|<function[ \\t]+${NAME}\\s*>|<function${NAME}\\s*>\\s*<parameter=|<function=${NAME}\\s*/>|<function>\\s*${NAME}\\s*</function>\\s*(?:<parameter>|\\{)|${NAME}[ \\t]*\\r?\\n\\s*<(?!arg_key>)${NAME}>[\\s\\S]*</${NAME}>)`,
    ).test(body) ||
    PARAMETERS_FIRST.test(body) ||
    new RegExp(`^\\s*(?:<function\\s+name\\s*=\\s*["']|<name>\\s*${NAME}\\s*</name>\\s*<parameter=)`).test(
      body,
    )
  );
}

/** `<function>NAME</function>` followed by a JSON object of arguments (and nothing else). */
const NAME_THEN_JSON = new RegExp(`^\\s*<function>\\s*(${NAME})\\s*</function>\\s*(\\{[\\s\\S]*\\})\\s*$`);

/**
 * `<function>NAME</function>{json}`: the call it writes (the arguments JSON-decoded leniently),
 * or undefined when the body is not that shape or its arguments are not a JSON object.
 */
export function jsonArgumentsCall(body: string): { name: string; arguments: unknown } | undefined {
  const match = NAME_THEN_JSON.exec(body);
  if (!match) return undefined;
  const parsed = parseJsonLoose(match[2]!);
  if (!parsed.ok || !parsed.value || typeof parsed.value !== "object" || Array.isArray(parsed.value))
    return undefined;
  return { name: match[1]!, arguments: parsed.value };
}

/** `<parameter=K>v</parameter>..<function=NAME>`: the arguments written before the header (MiMo). */
const PARAMETERS_FIRST = new RegExp(
  `^\\s*((?:<parameter=${NAME}\\s*>[\\s\\S]*?</parameter>\\s*)+)(<function=${NAME}\\s*>)`,
);

/**
 * The canonical `<function=NAME>..</function>` text for a variant body, or undefined when the
 * body is not one (the caller then reads it as written).
 */
export function canonicalFunctionBody(body: string, tools: ToolIndex): string | undefined {
  const lead = /^\s*/.exec(body)![0].length;
  const text = body.slice(lead);
  const attributes = ATTRIBUTE_FUNCTION.exec(text);
  if (attributes) {
    const fixed = `${FUNCTION_OPEN}${attributes[1]}>${rewriteKeyHeaders(text.slice(attributes[0].length))}`;
    return canonicalFunctionBody(fixed, tools) ?? fixed;
  }
  const nameElement = new RegExp(`^<name>\\s*(${NAME})\\s*</name>\\s*(?=<parameter=)`).exec(text);
  if (nameElement) return `${FUNCTION_OPEN}${nameElement[1]}>${text.slice(nameElement[0].length)}`;
  const header = new RegExp(`^<function=(${NAME})\\s*>`).exec(text);
  if (header && NAMELESS.test(text)) return `${header[0]}${namelessParameters(text.slice(header[0].length))}`;
  const parametersFirst = PARAMETERS_FIRST.exec(text);
  if (parametersFirst)
    return `${parametersFirst[2]}${parametersFirst[1]}${text.slice(parametersFirst[0].length)}`;
  if (new RegExp(`^function=${NAME}\\s*>`).test(text)) {
    return canonicalFunctionBody(`<${text}`, tools) ?? `<${text}`;
  }
  const noEquals = new RegExp(`^<function(?:[ \\t]+|(?=[A-Za-z_]))(${NAME})\\s*>`).exec(text);
  if (noEquals && tools.resolve(noEquals[1]!) !== undefined) {
    const fixed = `${FUNCTION_OPEN}${noEquals[1]}>${text.slice(noEquals[0].length)}`;
    return canonicalFunctionBody(fixed, tools) ?? fixed;
  }
  const nameAsText = new RegExp(`^<function>\\s*(${NAME})\\s*</function>\\s*(?=<parameter>)`).exec(text);
  if (nameAsText) return keysAsText(nameAsText[1]!, text.slice(nameAsText[0].length));
  const bare = new RegExp(`^(${NAME})[ \\t]*\\r?\\n(?=\\s*<)`).exec(text);
  if (bare && tools.resolve(bare[1]!) !== undefined) {
    const name = bare[1]!;
    let rest = text.slice(bare[0].length);
    const close = new RegExp(`</${escapeRegExp(name)}>\\s*$`).exec(rest);
    if (close) rest = rest.slice(0, close.index);
    const rewritten = elementArguments(rest, declaredKeys(tools, name));
    return rewritten === undefined ? undefined : `${FUNCTION_OPEN}${name}>${rewritten}${FUNCTION_CLOSE}`;
  }
  if (!text.startsWith(FUNCTION_OPEN) || text.includes(PARAMETER_OPEN)) return undefined;
  if (!header) return undefined;
  const rewritten = elementArguments(text.slice(header[0].length), declaredKeys(tools, header[1]!));
  return rewritten === undefined ? undefined : `${header[0]}${rewritten}`;
}

/** `<KEY>v</KEY>` for declared keys rewritten as `<parameter=KEY>v</parameter>`; undefined if none. */
function elementArguments(text: string, keys: ReadonlySet<string> | undefined): string | undefined {
  if (!keys || keys.size === 0) return undefined;
  let found = false;
  let out = "";
  let pos = 0;
  for (;;) {
    const open = nextElement(text, pos, keys);
    if (!open) return found ? out + text.slice(pos) : undefined;
    const closeTag = `</${open.key}>`;
    const close = text.lastIndexOf(closeTag, nextElement(text, open.end, keys)?.start ?? text.length);
    if (close < open.end) return found ? out + text.slice(pos) : undefined;
    found = true;
    out += `${text.slice(pos, open.start)}${PARAMETER_OPEN}${open.key}>${text.slice(open.end, close)}${PARAMETER_CLOSE}`;
    pos = close + closeTag.length;
  }
}

function nextElement(
  text: string,
  from: number,
  keys: ReadonlySet<string>,
): { key: string; start: number; end: number } | undefined {
  const pattern = /<([A-Za-z_][\w.-]*)>/g;
  pattern.lastIndex = from;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (keys.has(match[1]!) && /(?:^|\n)[ \t]*$/.test(text.slice(0, match.index))) {
      return { key: match[1]!, start: match.index, end: match.index + match[0].length };
    }
  }
  return undefined;
}

/** `<function name="NAME">` (spaces around the name allowed). */
const ATTRIBUTE_FUNCTION = /^<function\s+name\s*=\s*["']\s*([^"'<>\s]+)\s*["']\s*>/;

/** A parameter tag without a key: `<parameter>KEY</parameter>` or `<parameter/>`. */
const NAMELESS = /<parameter\s*\/>|<parameter>[^<>]*<\/parameter>/;

/**
 * `<parameter>KEY</parameter>VALUE` pairs (the value running to the next parameter tag or
 * `</function>`) rewritten as `<parameter=KEY>VALUE</parameter>`; a nameless tag whose text is not
 * a key, or `<parameter/>`, is dropped with its value.
 */
function namelessParameters(text: string): string {
  const pattern = new RegExp(NAMELESS.source, "g");
  const key = new RegExp(`^\\s*(${NAME})\\s*$`);
  let out = "";
  let pos = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    if (match.index < pos) continue;
    out += text.slice(pos, match.index);
    const valueStart = match.index + match[0].length;
    const next = text.slice(valueStart).search(/<parameter[\s=>/]|<\/function>/);
    const valueEnd = next < 0 ? text.length : valueStart + next;
    const name = key.exec(match[0].replace(/^<parameter>|<\/parameter>$/g, ""));
    if (name && !match[0].endsWith("/>")) {
      out += `${PARAMETER_OPEN}${name[1]}>${text.slice(valueStart, valueEnd)}${PARAMETER_CLOSE}`;
    }
    pos = valueEnd;
    pattern.lastIndex = valueEnd;
  }
  return out + text.slice(pos);
}

/** `<parameter>KEY</parameter>VALUE ...` (keys as element text) rewritten canonically. */
function keysAsText(name: string, text: string): string {
  const marker = /<parameter>\s*([^<>\s]+)\s*<\/parameter>/g;
  const heads = [...text.matchAll(marker)];
  let out = `${FUNCTION_OPEN}${name}>`;
  heads.forEach((head, i) => {
    const start = head.index + head[0].length;
    const end = heads[i + 1]?.index ?? text.length;
    let value = text.slice(start, end);
    if (i === heads.length - 1) {
      const close = value.lastIndexOf(FUNCTION_CLOSE);
      if (close >= 0) value = value.slice(0, close);
    }
    out += `${PARAMETER_OPEN}${head[1]}>${value}${PARAMETER_CLOSE}\n`;
  });
  return `${out}${FUNCTION_CLOSE}`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
