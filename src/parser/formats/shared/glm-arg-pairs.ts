/**
 * GLM's argument list: `<arg_key>K</arg_key>` then `<arg_value>V</arg_value>`, repeated, with
 * optional whitespace between the tags (GLM-4.5/4.6 put newlines, GLM-4.7 may not). Also read by
 * hy_v3, which uses the same pairs. Keys and values are trimmed, as vLLM's GLM parser does.
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

/**
 * Reads the pairs in `text`. A last value missing its `</arg_value>` runs to the end of the text
 * (the block closed, so the model only forgot the tag); callers decide about truncation.
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
      return fail(`expected ${VALUE_OPEN} after the key ${JSON.stringify(key)}`, false);
    }
    const valueStart = at + VALUE_OPEN.length;
    const valueEnd = text.indexOf(VALUE_CLOSE, valueStart);
    const end = valueEnd < 0 ? text.length : valueEnd;
    pairs.push({ key, value: text.slice(valueStart, end).trim() });
    if (valueEnd < 0) break;
    at = skipSpaces(text, valueEnd + VALUE_CLOSE.length);
  }
  return { ok: true, pairs };
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
