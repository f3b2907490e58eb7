/**
 * Reader for the `<function=NAME>` / `<parameter=KEY>VALUE</parameter>` body that Qwen3-Coder,
 * Nemotron-3-Nano and Seed-OSS write (and other XML-ish families can reuse).
 *
 * Values are raw text, so a value may itself contain `<parameter=..>`, `</parameter>`,
 * `</function>` or a whole quoted `<tool_call>`. The reader follows vLLM's structural rules:
 * - a `</parameter>` closes the value only when what follows it (after spaces) is another
 *   `<parameter=KEY>` of the tool (any key without a schema; a key outside the schema when its
 *   own value closes and is followed by one of these), `</function>`, `</tool_call>` or the end
 *   of the body; `<parameter=` openers at the start of a line inside the value nest, so a
 *   quoted parameter pair stays literal;
 * - a parameter without `</parameter>` ends at the next line-start `<parameter=KEY>` of a key not
 *   yet seen (a declared key, when there is a schema), else at the structural `</function>`; an
 *   inline `<parameter=KEY>` of such a key that its value leaves unclosed also ends it (vLLM's
 *   regex ends a value at any `<parameter=`: `<parameter=city>Dallas<parameter=state>TX</parameter>`);
 * - an unclosed value loses a close tag the model garbled at its end (`</parameter1>`,
 *   `</parameter_x>`, a bare `</parameter`: grammar drift, sglang), and a header that repeats its
 *   prefix (`<parameter=parameter=KEY>`, Step-3.5) names KEY.
 */

export const PARAMETER_OPEN = "<parameter=";
export const PARAMETER_CLOSE = "</parameter>";
export const FUNCTION_OPEN = "<function=";
export const FUNCTION_CLOSE = "</function>";
const TOOL_CALL_CLOSE = "</tool_call>";

/** MiniMax's parameter header, `<parameter name="KEY">`, that models mix into this body. */
const ATTRIBUTE_PARAMETER = /<parameter\s+name\s*=\s*["']\s*([^"'<>\s]+)\s*["']\s*>/g;

/**
 * The body with MiniMax-style `<parameter name="KEY">` headers written as `<parameter=KEY>`, when
 * it uses only those (`<function=NAME><parameter name="k">v</parameter>`, MiniMax under the
 * Qwen3-Coder template, usestrix/strix #439); the body itself otherwise.
 */
export function withKeyHeaders(body: string): string {
  if (body.includes(PARAMETER_OPEN) || !/<parameter\s+name\s*=/.test(body)) return body;
  return rewriteKeyHeaders(body);
}

/** Every `<parameter name="KEY">` header written as `<parameter=KEY>`. */
export function rewriteKeyHeaders(body: string): string {
  return body.replace(ATTRIBUTE_PARAMETER, `${PARAMETER_OPEN}$1>`);
}

/** One `<parameter=KEY>` as written: the raw value text, not yet trimmed or typed. */
export interface RawParameter {
  readonly name: string;
  readonly value: string;
  /** Its `</parameter>` was found. */
  readonly closed: boolean;
}

export interface ParameterWalk {
  readonly parameters: RawParameter[];
  /** Index of the structural `</function>`, or -1 when the text ended first. */
  readonly functionEnd: number;
  /**
   * The function ended without `</function>` where the next `<function=` starts (at
   * `functionEnd`): `<parameter=x>1</parameter><function=beta>..`.
   */
  readonly nextFunction?: boolean;
  /** The walk stopped inside this value (no structural end found and no implicit one allowed). */
  readonly openValue?: string;
}

export interface WalkOptions {
  /** The tool's declared parameter names, when it has a schema. */
  readonly validNames?: ReadonlySet<string>;
  /** End a value that lacks `</parameter>` at the next parameter or `</function>` (default true). */
  readonly implicitEnds?: boolean;
}

/**
 * End of the name in a `<parameter=NAME>` / `<function=NAME>` header that starts at `from`: its
 * `>`, or the line break when the model dropped the `>` (`<parameter=path\n/etc/hosts`, as
 * mlx-lm recovers it) and the text before it is a plain name. -1 while neither has arrived.
 */
export function headerNameEnd(text: string, from: number): number {
  const close = text.indexOf(">", from);
  const newline = text.indexOf("\n", from);
  if (newline < 0 || (close >= 0 && close < newline)) return close;
  return /^[^\s<>=/"']+$/.test(text.slice(from, newline).trim()) ? newline : close;
}

/**
 * Walks the parameters of a function body (the text right after `<function=NAME>`). Markup inside
 * a `<![CDATA[..]]>` section is text: the walk looks for tags in a copy with those sections
 * blanked, and takes the values from the text as written.
 */
export function walkParameters(original: string, options: WalkOptions = {}): ParameterWalk {
  const { validNames, implicitEnds = true } = options;
  const text = blankCdata(original);
  const parameters: RawParameter[] = [];
  const seen = new Set<string>();
  let pos = 0;
  for (;;) {
    pos = skipSpaces(text, pos);
    if (pos >= text.length) return { parameters, functionEnd: -1 };
    if (text.startsWith(FUNCTION_CLOSE, pos)) return { parameters, functionEnd: pos };
    if (parameters.length > 0 && text.startsWith(FUNCTION_OPEN, pos))
      return { parameters, functionEnd: pos, nextFunction: true };
    if (!text.startsWith(PARAMETER_OPEN, pos)) {
      // Stray text between parameters: skip to the next parameter or the function's end.
      const next = nextParameterStart(text, pos + 1, undefined);
      const end = structuralFunctionEnd(text, pos);
      if (end >= 0 && (next < 0 || end < next)) return { parameters, functionEnd: end };
      if (next < 0) return { parameters, functionEnd: -1 };
      pos = next;
      continue;
    }
    let nameStart = pos + PARAMETER_OPEN.length;
    while (text.startsWith(REPEATED_PREFIX, nameStart)) nameStart += REPEATED_PREFIX.length;
    const nameEnd = headerNameEnd(text, nameStart);
    if (nameEnd < 0) return { parameters, functionEnd: -1, openValue: "" };
    const name = cleanName(text.slice(nameStart, nameEnd));
    const valueStart = nameEnd + 1;
    const close = parameterEnd(text, valueStart, validNames);
    const inline =
      close >= 0 && implicitEnds ? inlineUnclosedStart(text, valueStart, close, name, seen, validNames) : -1;
    if (inline >= 0) {
      parameters.push({
        name,
        value: withoutDriftedClose(original.slice(valueStart, inline)),
        closed: false,
      });
      seen.add(name);
      pos = inline;
      continue;
    }
    if (close >= 0) {
      parameters.push({ name, value: original.slice(valueStart, close), closed: true });
      seen.add(name);
      pos = close + PARAMETER_CLOSE.length;
      continue;
    }
    if (!implicitEnds) return { parameters, functionEnd: -1, openValue: original.slice(valueStart) };
    const unseen = validNames
      ? new Set([...validNames].filter((key) => !seen.has(key) && key !== name))
      : undefined;
    const next = nextParameterStart(text, valueStart, unseen);
    seen.add(name);
    if (next >= 0) {
      parameters.push({ name, value: withoutDriftedClose(original.slice(valueStart, next)), closed: false });
      pos = next;
      continue;
    }
    const end = structuralFunctionEnd(text, valueStart);
    const value = original.slice(valueStart, end >= 0 ? end : text.length);
    parameters.push({ name, value: withoutDriftedClose(value), closed: false });
    return { parameters, functionEnd: end };
  }
}

/** `text` with every CDATA section's characters (but line breaks) replaced, lengths kept. */
function blankCdata(text: string): string {
  if (!text.includes("<![CDATA[")) return text;
  return text.replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, (section) => section.replace(/[^\n]/g, "_"));
}

/** `<parameter=parameter=KEY>`: a header that repeats its own prefix. */
const REPEATED_PREFIX = "parameter=";

/** A garbled close tag ending an unclosed value: `</parameter1>`, `</parameter_x>`, `</parameter`. */
const DRIFTED_CLOSE = /\r?\n?[ \t]*<\/parameter[^\s<>]*>?\s*$/;

function withoutDriftedClose(value: string): string {
  return value.replace(DRIFTED_CLOSE, "");
}

/**
 * Where an inline `<parameter=KEY>` inside the value `text[from, close)` starts the next
 * parameter: the value holds more parameter openers than closers (one was left open), and KEY is
 * another key not yet seen (a declared one, when there is a schema). -1 when there is none.
 */
function inlineUnclosedStart(
  text: string,
  from: number,
  close: number,
  name: string,
  seen: ReadonlySet<string>,
  validNames: ReadonlySet<string> | undefined,
): number {
  const value = text.slice(from, close);
  if (countOf(value, PARAMETER_OPEN) <= countOf(value, PARAMETER_CLOSE)) return -1;
  for (let at = value.indexOf(PARAMETER_OPEN); at >= 0; at = value.indexOf(PARAMETER_OPEN, at + 1)) {
    const nameEnd = value.indexOf(">", at + PARAMETER_OPEN.length);
    if (nameEnd < 0) return -1;
    const key = cleanName(value.slice(at + PARAMETER_OPEN.length, nameEnd));
    if (key !== name && !seen.has(key) && (!validNames || validNames.has(key))) return from + at;
  }
  return -1;
}

/**
 * Index of the `</parameter>` that really ends the value starting at `from`, or -1. Line-start
 * `<parameter=` openers inside the value nest (whatever their key), so their closers pair up.
 */
export function parameterEnd(
  text: string,
  from: number,
  validNames: ReadonlySet<string> | undefined,
): number {
  let depth = 0;
  let pos = from;
  for (;;) {
    const close = text.indexOf(PARAMETER_CLOSE, pos);
    if (close < 0) return -1;
    const open = nextParameterStart(text, pos, undefined, from);
    if (open >= 0 && open < close) {
      depth++;
      pos = open + PARAMETER_OPEN.length;
      continue;
    }
    if (depth > 0) {
      depth--;
      pos = close + PARAMETER_CLOSE.length;
      continue;
    }
    if (isStructuralAfterParameter(text, close + PARAMETER_CLOSE.length, validNames)) return close;
    pos = close + PARAMETER_CLOSE.length;
  }
}

function isStructuralAfterParameter(
  text: string,
  after: number,
  validNames: ReadonlySet<string> | undefined,
  nested = false,
): boolean {
  const next = skipSpaces(text, after);
  if (next >= text.length) return true;
  if (
    text.startsWith(FUNCTION_CLOSE, next) ||
    text.startsWith(TOOL_CALL_CLOSE, next) ||
    text.startsWith(FUNCTION_OPEN, next)
  )
    return true;
  if (!text.startsWith(PARAMETER_OPEN, next)) return false;
  if (!validNames) return true;
  const nameEnd = text.indexOf(">", next + PARAMETER_OPEN.length);
  if (nameEnd < 0) return false;
  if (validNames.has(cleanName(text.slice(next + PARAMETER_OPEN.length, nameEnd)))) return true;
  // A key outside the schema: a parameter of its own (kept as a string) when its value closes
  // and the call goes on structurally after it (`</parameter><parameter=extra>1</parameter></function>`);
  // otherwise quoted text inside the value (`use </parameter><parameter=x>y</parameter> here`).
  if (nested) return false;
  const close = text.indexOf(PARAMETER_CLOSE, nameEnd);
  return close >= 0 && isStructuralAfterParameter(text, close + PARAMETER_CLOSE.length, validNames, true);
}

/**
 * The next `<parameter=` at or after `from` that starts a line (only spaces before it on its
 * line, or nothing since `lineFrom`); with `names`, only one whose key is among them.
 */
export function nextParameterStart(
  text: string,
  from: number,
  names: ReadonlySet<string> | undefined,
  lineFrom = from,
): number {
  let at = from;
  for (;;) {
    at = text.indexOf(PARAMETER_OPEN, at);
    if (at < 0) return -1;
    if (startsLine(text, at, lineFrom)) {
      if (!names) return at;
      const nameEnd = text.indexOf(">", at + PARAMETER_OPEN.length);
      if (nameEnd >= 0 && names.has(cleanName(text.slice(at + PARAMETER_OPEN.length, nameEnd)))) return at;
    }
    at += 1;
  }
}

function startsLine(text: string, at: number, lineFrom: number): boolean {
  for (let k = at - 1; k >= lineFrom; k--) {
    const code = text.charCodeAt(k);
    if (code === 10) return true;
    if (code !== 32 && code !== 9 && code !== 13) return false;
  }
  return true;
}

/** The first `</function>` from `from` followed only by spaces, `</tool_call>` or another call. */
export function structuralFunctionEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    at = text.indexOf(FUNCTION_CLOSE, at);
    if (at < 0) return -1;
    const next = skipSpaces(text, at + FUNCTION_CLOSE.length);
    if (
      next >= text.length ||
      text.startsWith(TOOL_CALL_CLOSE, next) ||
      text.startsWith(FUNCTION_OPEN, next) ||
      text.startsWith("<tool_call>", next)
    ) {
      return at;
    }
    at += FUNCTION_CLOSE.length;
  }
}

/** A key or name as written, without surrounding spaces or quotes. */
export function cleanName(text: string): string {
  return text.trim().replace(/^["']|["']$/g, "");
}

export function skipSpaces(text: string, from: number): number {
  let at = from;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) break;
    at++;
  }
  return at;
}

export function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}
