/**
 * The Gemma call syntax shared by Gemma 4 and FunctionGemma: `call:NAME{key:VALUE,...}` where
 * keys are bare, strings sit between a delimiter token (`<|"|>` for Gemma 4, `<escape>` for
 * FunctionGemma) and are kept verbatim (no escapes), and numbers, booleans and null are bare;
 * objects `{..}` and lists `[..]` nest. One reader, parameterised by the string delimiter.
 *
 * Leniencies: the `call:` prefix may be missing (or preceded by a stray `:`), several calls may share one block, keys may be
 * quoted, JSON strings ("..") are decoded, a bare word is a string, a JSON call object is read
 * as JSON, and string values are typed by the declared schema where it wants another type.
 */
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";
import { callsFromJsonText } from "./json-calls.ts";
import { coerceStrings } from "./pythonic-calls.ts";
import { ReadFailure } from "./pythonic-literal.ts";

const JSON_STRING = /"(?:[^"\\]|\\.)*"/sy;
const BARE_VALUE = /[^,}\]]*/y;
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
    return this.readBare();
  }

  private readDelimited(): string {
    const start = this.pos + this.delimiter.length;
    const end = this.text.indexOf(this.delimiter, start);
    if (end < 0) this.fail("unterminated string", true);
    this.pos = end + this.delimiter.length;
    return this.text.slice(start, end);
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

/** One or more `call:NAME{...}` calls in a block body; what follows them is returned as rest. */
export function readGemmaCalls(
  body: string,
  delimiter: string,
): { calls: RawCall[]; failure?: ReadFailure; rest: string } {
  const calls: RawCall[] = [];
  let offset = 0;
  for (;;) {
    const remaining = body.slice(offset);
    const head = CALL_HEAD.exec(remaining);
    if (!head) return { calls, rest: remaining };
    const reader = new GemmaValueReader(remaining, delimiter);
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
  const read = readGemmaCalls(body, delimiter);
  const calls = read.calls.map((call) => ({
    name: call.name,
    arguments: coerceStrings(call.arguments as Record<string, unknown>, call.name, ctx.tools),
  }));
  const problems: ProblemDraft[] = [];
  if (read.failure) {
    const truncated = read.failure.incomplete && ctx.truncated;
    problems.push({
      code: truncated ? "truncated-call" : "malformed-call",
      message: truncated
        ? "the output ended inside a call (truncated generation)"
        : `the call's arguments cannot be read (${read.failure.message})`,
      raw,
    });
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
