/**
 * Reader for the `<function=NAME>` / `<parameter=KEY>VALUE</parameter>` body that Qwen3-Coder,
 * Nemotron-3-Nano and Seed-OSS write (and other XML-ish families can reuse).
 *
 * Values are raw text, so a value may itself contain `<parameter=..>`, `</parameter>`,
 * `</function>` or a whole quoted `<tool_call>`. The reader follows vLLM's structural rules:
 * - a `</parameter>` closes the value only when what follows it (after spaces) is another
 *   `<parameter=KEY>` of the tool (any key without a schema), `</function>`, `</tool_call>` or
 *   the end of the body; `<parameter=` openers at the start of a line inside the value nest, so a
 *   quoted parameter pair stays literal;
 * - a parameter without `</parameter>` ends at the next line-start `<parameter=KEY>` of a key not
 *   yet seen (a declared key, when there is a schema), else at the structural `</function>`.
 */

export const PARAMETER_OPEN = "<parameter=";
export const PARAMETER_CLOSE = "</parameter>";
export const FUNCTION_OPEN = "<function=";
export const FUNCTION_CLOSE = "</function>";
const TOOL_CALL_CLOSE = "</tool_call>";

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

/** Walks the parameters of a function body (the text right after `<function=NAME>`). */
export function walkParameters(text: string, options: WalkOptions = {}): ParameterWalk {
  const { validNames, implicitEnds = true } = options;
  const parameters: RawParameter[] = [];
  const seen = new Set<string>();
  let pos = 0;
  for (;;) {
    pos = skipSpaces(text, pos);
    if (pos >= text.length) return { parameters, functionEnd: -1 };
    if (text.startsWith(FUNCTION_CLOSE, pos)) return { parameters, functionEnd: pos };
    if (!text.startsWith(PARAMETER_OPEN, pos)) {
      // Stray text between parameters: skip to the next parameter or the function's end.
      const next = nextParameterStart(text, pos + 1, undefined);
      const end = structuralFunctionEnd(text, pos);
      if (end >= 0 && (next < 0 || end < next)) return { parameters, functionEnd: end };
      if (next < 0) return { parameters, functionEnd: -1 };
      pos = next;
      continue;
    }
    const nameEnd = headerNameEnd(text, pos + PARAMETER_OPEN.length);
    if (nameEnd < 0) return { parameters, functionEnd: -1, openValue: "" };
    const name = cleanName(text.slice(pos + PARAMETER_OPEN.length, nameEnd));
    const valueStart = nameEnd + 1;
    const close = parameterEnd(text, valueStart, validNames);
    if (close >= 0) {
      parameters.push({ name, value: text.slice(valueStart, close), closed: true });
      seen.add(name);
      pos = close + PARAMETER_CLOSE.length;
      continue;
    }
    if (!implicitEnds) return { parameters, functionEnd: -1, openValue: text.slice(valueStart) };
    const unseen = validNames
      ? new Set([...validNames].filter((key) => !seen.has(key) && key !== name))
      : undefined;
    const next = nextParameterStart(text, valueStart, unseen);
    seen.add(name);
    if (next >= 0) {
      parameters.push({ name, value: text.slice(valueStart, next), closed: false });
      pos = next;
      continue;
    }
    const end = structuralFunctionEnd(text, valueStart);
    parameters.push({ name, value: text.slice(valueStart, end >= 0 ? end : text.length), closed: false });
    return { parameters, functionEnd: end };
  }
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
): boolean {
  const next = skipSpaces(text, after);
  if (next >= text.length) return true;
  if (text.startsWith(FUNCTION_CLOSE, next) || text.startsWith(TOOL_CALL_CLOSE, next)) return true;
  if (!text.startsWith(PARAMETER_OPEN, next)) return false;
  if (!validNames) return true;
  const nameEnd = text.indexOf(">", next + PARAMETER_OPEN.length);
  return nameEnd >= 0 && validNames.has(cleanName(text.slice(next + PARAMETER_OPEN.length, nameEnd)));
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
