/**
 * The Gemma call syntax shared by Gemma 4 and FunctionGemma: `call:NAME{key:VALUE,...}` where
 * keys are bare, strings sit between a delimiter token (`<|"|>` for Gemma 4, `<escape>` for
 * FunctionGemma) and are kept verbatim (no escapes), and numbers, booleans and null are bare;
 * objects `{..}` and lists `[..]` nest. One reader, parameterised by the string delimiter.
 *
 * Leniencies: the `call:` prefix may be missing (or preceded by a stray `:`), a lone call may put its
 * arguments in parentheses (`call:NAME(key: value)`), several calls may share one block, keys may be
 * quoted, JSON strings ("..") are decoded, a bare word is a string, a string may lack its opening
 * delimiter (`key:text<|"|>`), a JSON call object is read as JSON, and string values are typed by
 * the declared schema where it wants another type.
 */
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";
import { callsFromJsonText } from "./json-calls.ts";
import { coerceStrings } from "./pythonic-calls.ts";
import { ReadFailure } from "./pythonic-literal.ts";
import { readerFailureProblem } from "./reader-failure.ts";
import { propertiesOf } from "./xml-elements.ts";

const JSON_STRING = /"(?:[^"\\]|\\.)*"/sy;
const BARE_VALUE = /[^,}\]]*/y;
const SINGLE_QUOTED = /'((?:[^'\\\n]|\\.)*)'/y;
const BARE_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
const BARE_CONSTANTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["true", true],
  ["false", false],
  ["null", null],
  ["True", true],
  ["False", false],
  ["None", null],
]);

/** A cursor reading Gemma values with the given string delimiter; throws ReadFailure. */
export class GemmaValueReader {
  pos = 0;

  constructor(
    readonly text: string,
    readonly delimiter: string,
    /** Repair what a complete body shows to be a slip (an unclosed string before the final `}`). */
    readonly lenient = false,
  ) {}

  private fail(message: string, incomplete = this.pos >= this.text.length): never {
    throw new ReadFailure(message, this.pos, incomplete);
  }

  skipSpace(): void {
    while (/\s/.test(this.text[this.pos] ?? "")) this.pos++;
  }

  /** A `{key:value,...}` object; the `{` is next. */
  readObject(): Record<string, unknown> {
    this.expect("{");
    const record: Record<string, unknown> = {};
    for (;;) {
      this.skipSeparators();
      if (this.take("}")) return record;
      if (this.pos >= this.text.length) this.fail("expected '}'");
      const key = this.readKey();
      record[key] = this.readValue();
    }
  }

  private readList(): unknown[] {
    this.expect("[");
    const items: unknown[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.take("]")) return items;
      if (this.pos >= this.text.length) this.fail("expected ']'");
      items.push(this.readValue());
    }
  }

  private readKey(): string {
    const colon = this.text.indexOf(":", this.pos);
    if (colon < 0) this.fail("expected 'key:'", true);
    const key = unquote(this.text.slice(this.pos, colon).trim(), this.delimiter);
    this.pos = colon + 1;
    return key;
  }

  private readValue(): unknown {
    this.skipSpace();
    const text = this.text;
    if (text.startsWith(this.delimiter, this.pos)) return this.readDelimited();
    const char = text[this.pos];
    if (char === undefined) return this.fail("expected a value");
    if (char === "{") return this.readObject();
    if (char === "[") return this.readList();
    if (char === '"') return this.readJsonString();
    if (char === "'") {
      const quoted = this.readSingleQuoted();
      if (quoted !== undefined) return quoted;
    }
    return this.readOpenerlessString() ?? this.readBare();
  }

  /**
   * A string whose opening delimiter was left out but whose closing one is there
   * (`query:weather in Tokyo<|"|>}`, Gemma 4; sglang reads it): the text up to that delimiter,
   * when the delimiter ends the value (`,`, `}`, `]` or the end follow) and the text before it
   * holds no bracket and no `,key:` of a next argument. Undefined otherwise.
   */
  private readOpenerlessString(): string | undefined {
    const end = this.text.indexOf(this.delimiter, this.pos);
    if (end < 0) return undefined;
    const span = this.text.slice(this.pos, end);
    if (/[{}[\]]/.test(span) || /,\s*["']?[A-Za-z_][\w.-]*["']?\s*:/.test(span)) return undefined;
    const after = end + this.delimiter.length;
    if (!/^\s*(?:[,}\]]|$)/.test(this.text.slice(after, after + 64))) return undefined;
    this.pos = after;
    return span;
  }

  /**
   * A delimited string. One left unclosed before the closing braces that end the text
   * (`{command:<|"|>ls}`, Gemma 4 in ollama#15315) ends there, when the reader is lenient.
   */
  private readDelimited(): string {
    const start = this.pos + this.delimiter.length;
    const end = this.text.indexOf(this.delimiter, start);
    if (end < 0) {
      const closing = this.lenient ? /\}[\s}\]]*$/.exec(this.text.slice(start)) : null;
      if (!closing) this.fail("unterminated string", true);
      this.pos = start + closing.index;
      return this.text.slice(start, this.pos);
    }
    this.pos = end + this.delimiter.length;
    return this.text.slice(start, end);
  }

  /**
   * A Python-style `'..'` string (Gemma 4 writes `pattern:'abc'`), kept verbatim; a delimiter
   * left dangling after it (`'abc'<|"|>`) is dropped. Undefined (read as a bare word) unless the
   * closing quote is followed by `,`, `}`, `]` or the end.
   */
  private readSingleQuoted(): string | undefined {
    SINGLE_QUOTED.lastIndex = this.pos;
    const match = SINGLE_QUOTED.exec(this.text);
    if (!match) return undefined;
    let after = this.pos + match[0].length;
    if (this.text.startsWith(this.delimiter, after)) after += this.delimiter.length;
    if (!/^\s*(?:[,}\]]|$)/.test(this.text.slice(after, after + 64))) return undefined;
    this.pos = after;
    return match[1]!;
  }

  private readJsonString(): unknown {
    JSON_STRING.lastIndex = this.pos;
    const match = JSON_STRING.exec(this.text);
    if (!match) return this.fail("unterminated string", true);
    this.pos += match[0].length;
    try {
      return JSON.parse(match[0]);
    } catch {
      return match[0].slice(1, -1);
    }
  }

  /** A number, boolean, null, or a bare word (a string), up to `,`, `}` or `]`. */
  private readBare(): unknown {
    BARE_VALUE.lastIndex = this.pos;
    const match = BARE_VALUE.exec(this.text)!;
    this.pos += match[0].length;
    if (this.pos >= this.text.length) this.fail("the value is not closed", true);
    const word = match[0].trim();
    if (BARE_CONSTANTS.has(word)) return BARE_CONSTANTS.get(word);
    if (BARE_NUMBER.test(word)) return Number(word);
    return word;
  }

  private skipSeparators(): void {
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== ",") return;
      this.pos++;
    }
  }

  private take(char: string): boolean {
    if (this.text[this.pos] !== char) return false;
    this.pos++;
    return true;
  }

  private expect(char: string): void {
    this.skipSpace();
    if (!this.take(char)) this.fail(`expected '${char}'`);
  }
}

function unquote(key: string, delimiter: string): string {
  if (key.startsWith(delimiter) && key.endsWith(delimiter) && key.length >= 2 * delimiter.length) {
    return key.slice(delimiter.length, -delimiter.length);
  }
  const quoted = /^(["'])(.*)\1$/s.exec(key);
  return quoted ? quoted[2]! : key;
}

// A stray `:` before `call:` (`<|tool_call>:call:NAME{`, seen from Gemma 4) is skipped.
const CALL_HEAD = /^\s*(?::\s*)?(?:call\s*:\s*)?([A-Za-z_][\w.:-]*?)\s*(?=\{)/;

/** A whole block body `call:NAME(...)` (parentheses where braces belong). */
const PAREN_CALL = /^\s*(?::\s*)?(?:call\s*:\s*)?([A-Za-z_][\w.:-]*?)\s*\(([\s\S]*)\)\s*$/;

/** One or more `call:NAME{...}` calls in a block body; what follows them is returned as rest. */
export function readGemmaCalls(
  body: string,
  delimiter: string,
  lenient = false,
): { calls: RawCall[]; failure?: ReadFailure; rest: string } {
  const calls: RawCall[] = [];
  let offset = 0;
  for (;;) {
    const remaining = body.slice(offset);
    const head = CALL_HEAD.exec(remaining);
    if (!head) return { calls, rest: remaining };
    const reader = new GemmaValueReader(remaining, delimiter, lenient);
    reader.pos = head[0].length;
    try {
      const args = reader.readObject();
      calls.push({ name: head[1]!, arguments: args });
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      return { calls, failure: error, rest: "" };
    }
    offset += reader.pos;
  }
}

/** A Gemma call block: calls, problems for what cannot be read, and trailing text as content. */
export function parseGemmaBody(body: string, ctx: BlockContext, delimiter: string): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (/^\s*[[{]/.test(body)) {
    const calls = callsFromJsonText(body);
    if (calls) return { calls };
  }
  let read = readGemmaCalls(body, delimiter, !ctx.truncated);
  if (read.calls.length === 0 && !read.failure) {
    // `call:NAME(key: value)`: the arguments in parentheses instead of braces (Gemma 4 via the Nous
    // API, hermes-agent#7457); read only when the parentheses hold the whole body's arguments.
    const paren = PAREN_CALL.exec(body);
    const retry = paren
      ? readGemmaCalls(`call:${paren[1]}{${paren[2]}}`, delimiter, !ctx.truncated)
      : undefined;
    if (retry && !retry.failure && retry.calls.length === 1 && retry.rest.trim() === "") read = retry;
  }
  if (read.failure && !ctx.truncated) {
    const repaired = wrapRawStringValues(body, delimiter, ctx);
    const retry = repaired === undefined ? undefined : readGemmaCalls(repaired, delimiter, true);
    if (retry && !retry.failure && retry.calls.length > 0) read = retry;
  }
  const calls = read.calls.map((call) => ({
    name: call.name,
    arguments: coerceStrings(call.arguments as Record<string, unknown>, call.name, ctx.tools),
  }));
  const problems: ProblemDraft[] = [];
  if (read.failure) {
    problems.push(readerFailureProblem(read.failure, ctx.truncated, raw, "the call's arguments"));
  } else if (calls.length === 0) {
    problems.push({
      code: "malformed-call",
      message: `expected call:NAME{key:value,...} in ${ctx.open}, got ${JSON.stringify(body.slice(0, 120))}`,
      raw,
    });
    return { problems };
  }
  const rest = read.rest.trim().length > 0 && calls.length > 0 ? read.rest : undefined;
  return { calls, problems, ...(rest ? { content: rest } : {}) };
}

/**
 * Gemma 4 sometimes writes a string argument with no delimiters at all, up to the end of the call
 * (`call:write{content:\n\n# Title ...`, ollama#15315). When the body cannot be read, a value
 * of a parameter the tool declares as a string that starts raw is wrapped in delimiters: up to
 * the next declared parameter's `,key:`, or to the end (less the object's `}`), and the missing
 * `}` is added. Undefined when the tool declares no such parameter.
 */
function wrapRawStringValues(body: string, delimiter: string, ctx: BlockContext): string | undefined {
  const head = CALL_HEAD.exec(body);
  if (!head) return undefined;
  const declared = ctx.tools.resolve(head[1]!);
  const properties = propertiesOf(declared === undefined ? undefined : ctx.tools.get(declared)?.parameters);
  if (!properties) return undefined;
  const keys = Object.keys(properties);
  const isString = (key: string) => {
    const type = properties[key]?.type;
    return type === "string" || (Array.isArray(type) && type.includes("string"));
  };
  const keyAlternation = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
  const keyAt = new RegExp(`([{,]\\s*)(${keyAlternation})\\s*:`, "g");
  const text = body.slice(head[0].length);
  const found = [...text.matchAll(keyAt)];
  let out = "";
  let last = 0;
  let changed = false;
  for (let i = 0; i < found.length; i++) {
    const match = found[i]!;
    const valueStart = match.index + match[0].length;
    if (valueStart < last) continue;
    const valueEnd = i + 1 < found.length ? found[i + 1]!.index : text.length;
    const raw = text.slice(valueStart, valueEnd);
    if (!isString(match[2]!) || RAW_START_EXCLUDED.test(raw) || raw.startsWith(delimiter)) continue;
    const isLast = i + 1 === found.length;
    const value = isLast ? raw.replace(/\}\s*$/, "") : raw;
    out += text.slice(last, valueStart) + delimiter + value + delimiter;
    last = isLast ? text.length : valueEnd;
    changed = true;
  }
  if (!changed) return undefined;
  const repaired = out + text.slice(last);
  return head[0] + repaired + (/\}\s*$/.test(repaired) ? "" : "}");
}

/** A value start that is not a raw string: a quote, a bracket, a number or a JSON constant. */
const RAW_START_EXCLUDED = /^\s*(?:["'{[]|-?\d|(?:true|false|null)\s*[,}]|(?:true|false|null)\s*$)/;
