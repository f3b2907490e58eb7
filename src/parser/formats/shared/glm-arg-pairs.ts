/**
 * GLM's argument list: `<arg_key>K</arg_key>` then `<arg_value>V</arg_value>`, repeated, with
 * optional whitespace between the tags (GLM-4.5/4.6 put newlines, GLM-4.7 may not). Also read by
 * hy_v3, which uses the same pairs. Keys and values are trimmed, as vLLM's GLM parser does; a
 * value closed by its `</arg_value>` also keeps its text as written (`verbatim`), which a
 * string-typed parameter takes (code whose indentation and final newline matter).
 */
import type { RawArgument } from "./glm-typed-arguments.ts";

export type ArgPairs =
  | { readonly ok: true; readonly pairs: RawArgument[] }
  /** `incomplete`: the text ended inside a pair (a truncated generation if the block did not close). */
  | { readonly ok: false; readonly message: string; readonly incomplete: boolean };

const KEY_OPEN = "<arg_key>";
const KEY_CLOSE = "</arg_key>";
const VALUE_OPEN = "<arg_value>";
const VALUE_CLOSE = "</arg_value>";
const CALL_CLOSE = "</tool_call>";

/**
 * Reads the pairs in `text`. A last value missing its `</arg_value>` runs to the end of the text
 * (the block closed, so the model only forgot the tag), one followed by a whole next pair ends
 * there, and a value missing only its `<arg_value>` opener runs from `</arg_key>` to its
 * `</arg_value>`; callers decide about truncation.
 */
export function readArgPairs(text: string): ArgPairs {
  const pairs: RawArgument[] = [];
  let at = skipSpaces(text, 0);
  while (at < text.length) {
    if (!text.startsWith(KEY_OPEN, at)) {
      return fail(`expected ${KEY_OPEN}, got ${JSON.stringify(text.slice(at, at + 40))}`, false);
    }
    const keyEnd = text.indexOf(KEY_CLOSE, at + KEY_OPEN.length);
    if (keyEnd < 0) return fail(`${KEY_OPEN} is not closed`, true);
    const key = text.slice(at + KEY_OPEN.length, keyEnd).trim();
    at = skipSpaces(text, keyEnd + KEY_CLOSE.length);
    if (at >= text.length) return fail(`${KEY_OPEN}${key}${KEY_CLOSE} has no ${VALUE_OPEN}`, true);
    if (!text.startsWith(VALUE_OPEN, at)) {
      // The opener alone missing (`</arg_key>VALUE</arg_value>`): the value runs to its closer,
      // provided no other tag of the pair list starts before it.
      const close = text.indexOf(VALUE_CLOSE, at);
      const between = close < 0 ? "" : text.slice(at, close);
      if (
        close < 0 ||
        between.includes(KEY_OPEN) ||
        between.includes(VALUE_OPEN) ||
        between.includes(KEY_CLOSE)
      ) {
        return fail(`expected ${VALUE_OPEN} after the key ${JSON.stringify(key)}`, false);
      }
      pairs.push({ key, value: between.trim() });
      at = skipSpaces(text, close + VALUE_CLOSE.length);
      continue;
    }
    const valueStart = at + VALUE_OPEN.length;
    const valueEnd = valueCloseIndex(text, valueStart);
    const nextPair = unclosedBefore(text, valueStart, valueEnd);
    if (nextPair >= 0) {
      pairs.push({ key, value: text.slice(valueStart, nextPair).trim() });
      at = nextPair;
      continue;
    }
    if (valueEnd < 0) {
      // Not closed: the text runs to the block's end, whose trailing line break is the layout
      // before `</tool_call>`, so only the trimmed value counts (no verbatim text).
      pairs.push({ key, value: text.slice(valueStart).trim() });
      break;
    }
    const written = text.slice(valueStart, valueEnd);
    pairs.push({ key, value: written.trim(), verbatim: written });
    at = skipSpaces(text, valueEnd + VALUE_CLOSE.length);
  }
  return { ok: true, pairs };
}

/** A whole next pair, `<arg_key>K</arg_key>` then `<arg_value>`, with nothing but spaces between. */
const NEXT_PAIR = /<arg_key>[^<]*<\/arg_key>\s*<arg_value>/g;

/**
 * Where a value missing its `</arg_value>` ends because the next pair starts (ollama's GLM parser
 * repairs `<arg_value>Paris<arg_key>unit</arg_key><arg_value>..` the same way): the start of a
 * whole next pair before the value's closing tag, or -1.
 */
function unclosedBefore(text: string, from: number, valueEnd: number): number {
  NEXT_PAIR.lastIndex = from;
  const next = NEXT_PAIR.exec(text);
  if (!next || (valueEnd >= 0 && next.index > valueEnd)) return -1;
  return next.index;
}

/**
 * Where the value whose text starts at `valueStart` ends, by the rules `readArgPairs` applies: at
 * its own `</arg_value>` (`closed`), where a whole next pair starts first (not closed), or nowhere
 * (`end` -1: it runs to the end of the text).
 */
export function valueExtent(text: string, valueStart: number): { end: number; closed: boolean } {
  const valueEnd = valueCloseIndex(text, valueStart);
  const nextPair = unclosedBefore(text, valueStart, valueEnd);
  if (nextPair >= 0) return { end: nextPair, closed: false };
  return { end: valueEnd, closed: valueEnd >= 0 };
}

/**
 * The `</arg_value>` that closes the value starting at `valueStart`. The tags have no escaping,
 * so a value may quote the closer (`let s = "</arg_value>"`, code about GLM's own markup): a
 * closer counts when what follows it is structure, the next `<arg_key>`, the call's
 * `</tool_call>` or the end of the text (TRT-LLM's GLM parsers, from recorded GLM-5 traffic).
 * Without such a closer the first one counts; -1 when there is none.
 */
export function valueCloseIndex(text: string, valueStart: number): number {
  const first = text.indexOf(VALUE_CLOSE, valueStart);
  for (let close = first; close >= 0; close = text.indexOf(VALUE_CLOSE, close + 1)) {
    const after = skipSpaces(text, close + VALUE_CLOSE.length);
    if (after >= text.length || text.startsWith(KEY_OPEN, after) || text.startsWith(CALL_CLOSE, after)) {
      return close;
    }
  }
  return first;
}

function fail(message: string, incomplete: boolean): ArgPairs {
  return { ok: false, message, incomplete };
}

/** Skips whitespace and literal `\n` / `\r` / `\t` escapes between tags. */
function skipSpaces(text: string, from: number): number {
  let at = from;
  for (;;) {
    if (at < text.length && /\s/.test(text[at]!)) at++;
    else if (text[at] === "\\" && /[nrt]/.test(text[at + 1] ?? "")) at += 2;
    else return at;
  }
}
