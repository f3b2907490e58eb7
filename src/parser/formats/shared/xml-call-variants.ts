/**
 * Off-template shapes of the `<tool_call><function=NAME><parameter=KEY>..` body that models
 * write when prompted with the Qwen3-Coder template (captured from Qwen2.5, GLM-4.7 and Llama 3.1
 * by ai-sdk's middleware), rewritten into the canonical shape so the one reader handles them:
 *
 * - `function=NAME>` with the `<` dropped;
 * - `<function=NAME/>` (no arguments);
 * - arguments as elements named after the tool's declared parameters: `<path>x</path>`;
 * - a bare tool name after the opener: `<tool_call>NAME\n<path>x</path>..</NAME>`;
 * - the name and keys as element text: `<function>NAME</function><parameter>KEY</parameter>VALUE`;
 * - the parameters before the header: `<parameter=K>v</parameter><function=NAME></function>` (MiMo-V2-Flash).
 *
 * Only declared parameter names are read as element arguments, so values holding markup stay text.
 */
import type { ToolIndex } from "../../tool-index.ts";
import { declaredKeys } from "./xml-function-calls.ts";
import { FUNCTION_CLOSE, FUNCTION_OPEN, PARAMETER_CLOSE, PARAMETER_OPEN } from "./xml-parameters.ts";

const NAME = "[A-Za-z_][\\w.-]*";

/** Whether a `<tool_call>` body looks like one of the variants (for auto-detection sniffing). */
export function looksLikeFunctionVariant(body: string): boolean {
  return (
    new RegExp(
      `^\\s*(?:function=${NAME}\\s*>|<function=${NAME}\\s*/>|<function>\\s*${NAME}\\s*</function>\\s*<parameter>|${NAME}[ \\t]*\\r?\\n\\s*<(?!arg_key>)${NAME}>[\\s\\S]*</${NAME}>)`,
    ).test(body) || PARAMETERS_FIRST.test(body)
  );
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
  const parametersFirst = PARAMETERS_FIRST.exec(text);
  if (parametersFirst)
    return `${parametersFirst[2]}${parametersFirst[1]}${text.slice(parametersFirst[0].length)}`;
  if (new RegExp(`^function=${NAME}\\s*>`).test(text)) {
    return canonicalFunctionBody(`<${text}`, tools) ?? `<${text}`;
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
  const header = new RegExp(`^<function=(${NAME})\\s*>`).exec(text);
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
