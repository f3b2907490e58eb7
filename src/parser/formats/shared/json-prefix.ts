/**
 * Where a tagged JSON body stands, for closers and trailing text:
 *
 * - `endsInsideJsonString`: the body so far is a well-formed start of a JSON value that stops
 *   inside a string, so a close tag found there is quoted text (`{"cmd":"echo '</tool_call>'"}`),
 *   not the end of the block. A body that has already gone wrong (an unescaped inner quote, prose)
 *   is not, so its close tag still ends the block.
 * - `leadingJsonCalls`: complete JSON values at the start of a body, and what follows them.
 */
import { firstNonSpace, ValueScanner } from "../../json-loose.ts";

/** What the prefix expects next. */
const Want = {
  /** A value (after `:`, `[`, `,` in an array, or at the start). */
  Value: 0,
  /** A key or `}` (after `{`). */
  KeyOrEnd: 1,
  /** A key (after `,` in an object). */
  Key: 2,
  /** `:` after a key. */
  Colon: 3,
  /** `,` or the container's close after a value. */
  Next: 4,
} as const;
type Want = (typeof Want)[keyof typeof Want];

/** True when `body` is a well-formed prefix of a JSON value that ends inside a string. */
export function endsInsideJsonString(body: string): boolean {
  // A quick pass first: a body whose quotes are all closed (the common case, a whole call
  // before its close tag) cannot end inside a string.
  let open = false;
  for (let k = 0; k < body.length; k++) {
    const code = body.charCodeAt(k);
    if (!open) open = code === 34;
    else if (code === 92) k++;
    else if (code === 34) open = false;
  }
  if (!open) return false;
  let i = firstNonSpace(body);
  if (i < 0) return false;
  const stack: number[] = [];
  let want: Want = Want.Value;
  while (i < body.length) {
    const code = body.charCodeAt(i);
    if (code === 32 || code === 10 || code === 13 || code === 9) {
      i++;
      continue;
    }
    if (code === 34) {
      if (want !== Want.Value && want !== Want.KeyOrEnd && want !== Want.Key) return false;
      const end = stringEnd(body, i + 1);
      if (end < 0) return true;
      want = want === Want.Value ? Want.Next : Want.Colon;
      i = end;
      continue;
    }
    switch (want) {
      case Want.Value:
        if (code === 123 || code === 91) {
          stack.push(code);
          want = code === 123 ? Want.KeyOrEnd : Want.Value;
          i++;
          if (code === 91) {
            const next = firstNonSpace(body, i);
            if (next >= 0 && body.charCodeAt(next) === 93) {
              stack.pop();
              want = Want.Next;
              i = next + 1;
            }
          }
          continue;
        }
        if (!isWordChar(code)) return false;
        i = wordEnd(body, i);
        want = Want.Next;
        continue;
      case Want.KeyOrEnd:
      case Want.Key:
        if (code === 125 && want === Want.KeyOrEnd) {
          stack.pop();
          want = Want.Next;
          i++;
          continue;
        }
        if (!isWordChar(code)) return false;
        i = wordEnd(body, i);
        want = Want.Colon;
        continue;
      case Want.Colon:
        if (code !== 58) return false;
        want = Want.Value;
        i++;
        continue;
      case Want.Next: {
        const top = stack.at(-1);
        if (top === undefined) return false;
        if (code === 44) {
          want = top === 123 ? Want.Key : Want.Value;
          i++;
          continue;
        }
        if ((top === 123 && code === 125) || (top === 91 && code === 93)) {
          stack.pop();
          want = Want.Next;
          i++;
          continue;
        }
        return false;
      }
    }
  }
  return false;
}

/** Index just past the closing quote of a string whose content starts at `from`, or -1. */
function stringEnd(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 92) i++;
    else if (code === 34) return i + 1;
  }
  return -1;
}

/** Number, literal or unquoted-key characters. */
function isWordChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45 ||
    code === 43 ||
    code === 46 ||
    code === 36
  );
}

function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && isWordChar(text.charCodeAt(i))) i++;
  return i;
}

/** The strictly valid JSON values at the start of `text` (separated by spaces, `,` or `;`), and the rest. */
export function leadingJsonValues(text: string): { values: unknown[]; rest: string } {
  const values: unknown[] = [];
  let at = firstNonSpace(text);
  while (at >= 0) {
    const code = text.charCodeAt(at);
    if (code !== 123 && code !== 91) break;
    const end = new ValueScanner().scan(text, at, text.length);
    if (end < 0) break;
    let value: unknown;
    try {
      value = JSON.parse(text.slice(at, end));
    } catch {
      break;
    }
    values.push(value);
    let next = firstNonSpace(text, end);
    // Calls listed with a separator: `{..}, {..}` (sglang), `{..}; {..}` (Llama).
    const separator = next < 0 ? 0 : text.charCodeAt(next);
    if (separator === 44 || separator === 59) {
      const after = firstNonSpace(text, next + 1);
      const opens = after < 0 ? 0 : text.charCodeAt(after);
      if (opens === 123 || opens === 91) next = after;
    }
    if (next < 0) return { values, rest: "" };
    at = next;
  }
  return { values, rest: at < 0 ? "" : text.slice(at) };
}

/**
 * Text that only closes things: close tags (a wrong one, as `</think>`, or one cut short at the
 * end of the output, as `</tool`), stray `}`/`]` and spaces.
 */
export function isClosingJunk(text: string): boolean {
  const stripped = text.replace(/<\/[\w:.|-]*>/g, "").replace(/<\/?[\w:.|-]*$/, "");
  return /^[\s}\]]*$/.test(stripped);
}
