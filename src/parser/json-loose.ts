/**
 * Lenient JSON for one call body: strict JSON.parse first, then jsonrepair (single quotes,
 * trailing commas, unquoted keys, Python literals, missing closing brackets), applied per block
 * and never to a whole output.
 */
import { jsonrepair } from "jsonrepair";

export type LooseJson =
  | { readonly ok: true; readonly value: unknown; readonly repaired: boolean }
  | { readonly ok: false };

const FENCE = /^```[\w-]*[ \t]*\r?\n?([\s\S]*?)\r?\n?[ \t]*```$/;

/** Parses `text` as JSON, repairing common model mistakes. Never throws. */
export function parseJsonLoose(text: string): LooseJson {
  let source = text.trim();
  if (source.length === 0) return { ok: false };
  const fenced = FENCE.exec(source);
  if (fenced) source = fenced[1]!.trim();
  try {
    return { ok: true, value: JSON.parse(source), repaired: false };
  } catch {
    // fall through to the repairs
  }
  // Doubled braces, as in a template's escaped `{{...}}` copied verbatim: the outer pair only,
  // or every brace (a `str.format` example copied whole).
  if (source.startsWith("{{") && source.endsWith("}}")) {
    const inner = parseJsonLoose(source.slice(1, -1));
    if (inner.ok) return { ok: true, value: inner.value, repaired: true };
    const undoubled = parseJsonLoose(source.replace(/\{\{/g, "{").replace(/\}\}/g, "}"));
    if (undoubled.ok) return { ok: true, value: undoubled.value, repaired: true };
  }
  // A backslash that starts no JSON escape is a literal one (`"C:\Users\me"`, `"\d+"`):
  // jsonrepair would drop it.
  const escaped = escapeStrayBackslashes(source);
  if (escaped !== source) {
    try {
      return { ok: true, value: JSON.parse(escaped), repaired: true };
    } catch {
      source = escaped;
    }
  }
  try {
    const repaired = jsonrepair(source);
    // A repair that fills a missing value with null (`{"a": }`, `{word`, a cut-off `"b":`)
    // invents data: not a reading of what the model wrote.
    if (countWords(repaired, NULL_WORD) > countWords(source, NULLISH_WORD)) return { ok: false };
    return { ok: true, value: JSON.parse(repaired), repaired: true };
  } catch {
    return { ok: false };
  }
}

const NULL_WORD = /\bnull\b/g;
/** What jsonrepair turns into null: JSON's null, Python's None, JavaScript's undefined. */
const NULLISH_WORD = /\b(?:null|None|undefined)\b/g;

function countWords(text: string, word: RegExp): number {
  if (!text.includes("null") && !text.includes("None") && !text.includes("undefined")) return 0;
  return text.match(word)?.length ?? 0;
}

/**
 * A double-quoted string holding a backslash that starts no JSON escape was written without
 * escaping its backslashes (a Windows path, a regex): every backslash in it is literal, except
 * in an escaped quote. Other strings, and text outside strings, are left as they are. Returns the
 * same text when nothing changes.
 */
function escapeStrayBackslashes(text: string): string {
  if (!text.includes("\\")) return text;
  let out = "";
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 34) continue;
    // A string from i to its closing quote, noting whether an escape in it is invalid.
    let j = i + 1;
    let stray = false;
    for (; j < text.length; j++) {
      const code = text.charCodeAt(j);
      if (code === 34) break;
      if (code !== 92) continue;
      const next = text.charCodeAt(j + 1);
      if (next === 117 ? !/^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6)) : !VALID_ESCAPE.has(next)) {
        stray = true;
      }
      j++;
    }
    if (stray) {
      out += text.slice(from, i + 1) + literalBackslashes(text.slice(i + 1, j));
      from = j;
    }
    i = j;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A string body (its escape pairs as JSON reads them) with every backslash literal, except in an escaped quote or apostrophe. */
function literalBackslashes(body: string): string {
  let out = "";
  for (let k = 0; k < body.length; k++) {
    const code = body.charCodeAt(k);
    if (code !== 92) out += body[k];
    else if (body.charCodeAt(k + 1) === 34) {
      out += '\\"';
      k++;
    } else if (body.charCodeAt(k + 1) === 39) {
      out += "'";
      k++;
    } else if (body.charCodeAt(k + 1) === 92) {
      out += "\\\\\\\\";
      k++;
    } else out += "\\\\";
  }
  return out;
}

/**
 * The characters that may follow a backslash in JSON (`u` is checked with its four digits), and
 * the apostrophe models escape as in Python (`"Bob\'s"`, read as an apostrophe).
 */
const VALID_ESCAPE = new Set([34, 39, 92, 47, 98, 102, 110, 114, 116]);

/**
 * True when `text` is one bracketed value that only lacks its final closing bracket, written
 * right after a closed inner value (`{"name": "a", "arguments": {"q": 1}`): a forgotten brace,
 * not output cut off mid-value (`{"name": "a", "arguments": {` or `..."q": 1`).
 */
export function lacksOnlyFinalBracket(text: string): boolean {
  const scanner = new ValueScanner();
  const start = firstNonSpace(text);
  if (start < 0 || scanner.scan(text, start, text.length) >= 0) return false;
  if (!scanner.missesOneBracket) return false;
  const last = text.trimEnd().charCodeAt(text.trimEnd().length - 1);
  return last === 125 || last === 93;
}

/** True when `text` holds one bracketed value whose brackets all close (string-aware). */
export function isCompleteValue(text: string): boolean {
  const scanner = new ValueScanner();
  const start = firstNonSpace(text);
  if (start < 0) return false;
  const end = scanner.scan(text, start, text.length);
  return end >= 0 && firstNonSpace(text, end) < 0;
}

export function firstNonSpace(text: string, from = 0): number {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code !== 32 && code !== 10 && code !== 13 && code !== 9) return i;
  }
  return -1;
}

/**
 * Incremental, string-aware bracket matcher for JSON and Python-literal values. Feed it text
 * in pieces with `scan`; it returns the index just past the value's closing bracket, or -1.
 * A single quote opens a string only in value position (after a bracket, comma, colon, `=` or
 * `(`), so apostrophes in words do not derail it.
 */
export class ValueScanner {
  private depth = 0;
  private quote = 0;
  private escaped = false;
  /** Last non-space code point outside strings. */
  private last = 0;
  started = false;

  /** Outside any string, with exactly one bracket still open. */
  get missesOneBracket(): boolean {
    return this.quote === 0 && this.depth === 1;
  }

  scan(text: string, from: number, to: number): number {
    for (let i = from; i < to; i++) {
      const code = text.charCodeAt(i);
      if (this.quote !== 0) {
        if (this.escaped) this.escaped = false;
        else if (code === 92) this.escaped = true;
        else if (code === this.quote) {
          this.quote = 0;
          this.last = code;
        }
        continue;
      }
      switch (code) {
        case 123: // {
        case 91: // [
        case 40: // (
          this.depth++;
          this.started = true;
          break;
        case 125: // }
        case 93: // ]
        case 41: // )
          this.depth--;
          if (this.depth <= 0 && this.started) return i + 1;
          break;
        case 34: // "
          this.quote = 34;
          break;
        case 39: // '
          if (VALUE_POSITION.has(this.last)) this.quote = 39;
          break;
        default:
          break;
      }
      if (code !== 32 && code !== 10 && code !== 13 && code !== 9) this.last = code;
    }
    return -1;
  }
}

// { [ ( , : = and nothing yet
const VALUE_POSITION = new Set([123, 91, 40, 44, 58, 61, 0]);
