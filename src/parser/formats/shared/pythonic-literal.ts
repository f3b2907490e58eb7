/**
 * A small, safe reader of Python literal values as models write them in pythonic tool calls
 * (`fn(a='x', b=1, c=[1, {'k': None}], d=True)`): strings in every quote style with their
 * escapes and prefixes, numbers (ints, floats, hex/octal/binary, underscores), True/False/None
 * and JSON's true/false/null, lists, tuples, dicts and sets, nested. Nothing is ever evaluated.
 *
 * Two kinds of failure are kept apart:
 * - a syntax failure (`ReadFailure`): the text is not a literal; `incomplete` says the text ended
 *   first (a truncated generation);
 * - an unconvertible value (bytes, f-strings, complex or overflowing numbers, names, nested
 *   calls): read structurally so the reader can go on, and recorded in `unconvertible` so the
 *   caller can drop just the call that holds it.
 */

/** The text is not a literal at `at`; `incomplete` when it ended before the literal did. */
export class ReadFailure extends Error {
  constructor(
    message: string,
    readonly at: number,
    readonly incomplete: boolean,
  ) {
    super(message);
  }
}

const CONSTANTS: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ["True", true],
  ["False", false],
  ["None", null],
  ["true", true],
  ["false", false],
  ["null", null],
]);

const STRING_PREFIX = /^(?:[rRuUbBfF]|[bBfF][rR]|[rR][bBfF])$/;
const IDENTIFIER_START = /[A-Za-z_]/;
const IDENTIFIER_PART = /[\w]/;
const NUMBER =
  /(?:0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*\.?[\d_]*|\.\d[\d_]*)(?:[eE][-+]?\d[\d_]*)?)[jJ]?/y;

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\u0007",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
  "/": "/",
};

/** A cursor over `text` reading Python literals; see the module comment. */
export class PythonLiteralReader {
  pos: number;
  /** The first unconvertible value met since the last `resetIssues()`. */
  unconvertible: string | undefined;

  constructor(
    readonly text: string,
    start = 0,
  ) {
    this.pos = start;
  }

  resetIssues(): void {
    this.unconvertible = undefined;
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  peek(): string {
    return this.text[this.pos] ?? "";
  }

  fail(message: string): never {
    throw new ReadFailure(message, this.pos, this.atEnd);
  }

  /** Skips spaces, newlines and `#` comments. */
  skipSpace(): void {
    const text = this.text;
    while (this.pos < text.length) {
      const char = text[this.pos]!;
      if (char === " " || char === "\t" || char === "\n" || char === "\r") this.pos++;
      else if (char === "#") {
        const newline = text.indexOf("\n", this.pos);
        this.pos = newline < 0 ? text.length : newline;
      } else return;
    }
  }

  expect(char: string): void {
    this.skipSpace();
    if (this.peek() !== char) this.fail(`expected '${char}'`);
    this.pos++;
  }

  /** Consumes `char` (after spaces) when it is next. */
  accept(char: string): boolean {
    this.skipSpace();
    if (this.peek() !== char) return false;
    this.pos++;
    return true;
  }

  /** An identifier (no dots), or undefined when none starts here. */
  readIdentifier(): string | undefined {
    const start = this.pos;
    if (!IDENTIFIER_START.test(this.peek())) return undefined;
    this.pos++;
    while (IDENTIFIER_PART.test(this.peek())) this.pos++;
    return this.text.slice(start, this.pos);
  }

  /** Records a value that was read but cannot be converted (the first one wins). */
  noteUnconvertible(reason: string): void {
    this.unconvertible ??= reason;
  }

  /** Reads one literal value (adjacent strings are concatenated, as in Python). */
  readValue(): unknown {
    this.skipSpace();
    const char = this.peek();
    if (char === "") this.fail("expected a value");
    if (char === "'" || char === '"') return this.readStrings("");
    if (char === "[") return this.readSequence("]");
    if (char === "(") return this.readParenthesized();
    if (char === "{") return this.readBraced();
    if (char === "-" || char === "+") return this.readSigned();
    if (/[\d.]/.test(char)) return this.readNumber();
    if (IDENTIFIER_START.test(char)) return this.readNamed();
    return this.fail(`unexpected '${char}'`);
  }

  private readSigned(): unknown {
    const sign = this.peek();
    this.pos++;
    this.skipSpace();
    if (!/[\d.]/.test(this.peek())) {
      const value = this.readValue();
      this.noteUnconvertible(`'${sign}' before a value that is not a number`);
      return value;
    }
    const value = this.readNumber();
    return typeof value === "number" && sign === "-" ? -value : value;
  }

  private readNumber(): unknown {
    NUMBER.lastIndex = this.pos;
    const match = NUMBER.exec(this.text);
    if (!match || match[0] === ".") return this.fail("expected a number");
    this.pos += match[0].length;
    const source = match[0].replaceAll("_", "");
    if (/[jJ]$/.test(source)) {
      this.noteUnconvertible(`complex number ${source}`);
      return source;
    }
    const value = /^0[xXoObB]/.test(source)
      ? Number.parseInt(source.slice(2), { x: 16, o: 8, b: 2 }[source[1]!.toLowerCase()] ?? 10)
      : Number(source);
    if (!Number.isFinite(value)) {
      this.noteUnconvertible(`number ${source} is out of range`);
      return source;
    }
    return value;
  }

  /** Constants, string prefixes (r'..', b'..'), and names or nested calls (unconvertible). */
  private readNamed(): unknown {
    const start = this.pos;
    const name = this.readIdentifier()!;
    const quote = this.peek();
    if ((quote === "'" || quote === '"') && STRING_PREFIX.test(name)) {
      this.pos = start;
      return this.readStrings("");
    }
    if (CONSTANTS.has(name)) return CONSTANTS.get(name);
    let dotted = name;
    while (this.peek() === "." && IDENTIFIER_START.test(this.text[this.pos + 1] ?? "")) {
      this.pos++;
      dotted += `.${this.readIdentifier()!}`;
    }
    this.skipSpace();
    if (this.peek() === "(") {
      this.readSequence(")");
      this.noteUnconvertible(`a call to ${dotted}() is not a literal`);
      return dotted;
    }
    this.noteUnconvertible(`the name ${dotted} is not a literal`);
    return dotted;
  }

  /** One or more adjacent string literals, joined. */
  private readStrings(initial: string): string {
    let value = initial;
    for (;;) {
      value += this.readString();
      const save = this.pos;
      this.skipSpace();
      if (!this.startsString()) {
        this.pos = save;
        return value;
      }
    }
  }

  private startsString(): boolean {
    const char = this.peek();
    if (char === "'" || char === '"') return true;
    const prefix = /^[rRuUbBfF]{1,2}(?=['"])/.exec(this.text.slice(this.pos, this.pos + 3));
    return prefix !== null && STRING_PREFIX.test(prefix[0]);
  }

  private readString(): string {
    const prefixStart = this.pos;
    while (/[rRuUbBfF]/.test(this.peek())) this.pos++;
    const prefix = this.text.slice(prefixStart, this.pos).toLowerCase();
    if (prefix.includes("b")) this.noteUnconvertible("a bytes literal is not text");
    if (prefix.includes("f")) this.noteUnconvertible("an f-string is not a literal");
    const raw = prefix.includes("r");
    const quote = this.peek();
    const triple = this.text.startsWith(quote.repeat(3), this.pos);
    const delimiter = triple ? quote.repeat(3) : quote;
    this.pos += delimiter.length;
    let value = "";
    const text = this.text;
    while (this.pos < text.length) {
      if (text.startsWith(delimiter, this.pos)) {
        this.pos += delimiter.length;
        return value;
      }
      const char = text[this.pos]!;
      if (char === "\\") {
        value += raw ? this.readRawEscape() : this.readEscape();
        continue;
      }
      value += char;
      this.pos++;
    }
    return this.fail("unterminated string");
  }

  private readRawEscape(): string {
    const pair = this.text.slice(this.pos, this.pos + 2);
    this.pos += pair.length;
    return pair;
  }

  private readEscape(): string {
    const text = this.text;
    const next = text[this.pos + 1];
    if (next === undefined) {
      this.pos++;
      return this.fail("unterminated string");
    }
    this.pos += 2;
    if (next === "\n") return "";
    if (next === "\r") {
      if (text[this.pos] === "\n") this.pos++;
      return "";
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) return simple;
    if (next === "x") return this.readCodePoint(2, "\\x");
    if (next === "u") return this.readCodePoint(4, "\\u");
    if (next === "U") return this.readCodePoint(8, "\\U");
    if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{0,2}/.exec(text.slice(this.pos, this.pos + 2))![0];
      this.pos += octal.length;
      return String.fromCodePoint(Number.parseInt(next + octal, 8));
    }
    // Python keeps unknown escapes (and \N{...}) as written.
    return `\\${next}`;
  }

  private readCodePoint(digits: number, written: string): string {
    const hex = this.text.slice(this.pos, this.pos + digits);
    if (!/^[0-9a-fA-F]+$/.test(hex) || hex.length < digits) return written;
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) return written;
    this.pos += digits;
    return String.fromCodePoint(code);
  }

  /** Items up to `close` (trailing comma allowed); the opener is at `pos`. */
  private readSequence(close: "]" | ")" | "}"): unknown[] {
    this.pos++;
    const items: unknown[] = [];
    for (;;) {
      if (this.accept(close)) return items;
      items.push(this.readValue());
      if (this.accept(",")) continue;
      this.expect(close);
      return items;
    }
  }

  /** `()` and `(a, b)` are tuples (JSON lists); `(a)` is just `a`. */
  private readParenthesized(): unknown {
    this.pos++;
    if (this.accept(")")) return [];
    const first = this.readValue();
    if (this.accept(")")) return first;
    this.expect(",");
    const items = [first];
    for (;;) {
      if (this.accept(")")) return items;
      items.push(this.readValue());
      if (this.accept(",")) continue;
      this.expect(")");
      return items;
    }
  }

  /** A dict (`{k: v}`, bare-name keys allowed) or a set (read as a list). */
  private readBraced(): unknown {
    const open = this.pos;
    this.pos++;
    if (this.accept("}")) return {};
    const firstKey = this.readKey();
    if (!this.accept(":")) {
      this.pos = open;
      return this.readSequence("}");
    }
    const record: Record<string, unknown> = {};
    let key = firstKey;
    for (;;) {
      record[key] = this.readValue();
      if (!this.accept(",")) break;
      if (this.accept("}")) return record;
      key = this.readKey();
      this.expect(":");
    }
    this.expect("}");
    return record;
  }

  /** A dict key: a literal (as JSON would write it) or a bare name followed by ':'. */
  private readKey(): string {
    this.skipSpace();
    const start = this.pos;
    const name = this.readIdentifier();
    if (name !== undefined && !CONSTANTS.has(name)) {
      this.skipSpace();
      if (this.peek() === ":") return name;
    }
    this.pos = start;
    const key = this.readValue();
    return typeof key === "string" ? key : JSON.stringify(key);
  }
}

/** What may follow a string's closing quote in a call list (sglang's LFM2 detector's set). */
const QUOTE_FOLLOWERS = ",)]}:";
/** Re-reads of the whole text one nested-quote repair may cost before giving up. */
const MAX_REPAIR_READS = 64;

type Repair =
  | { readonly kind: "none" }
  | { readonly kind: "one"; readonly text: string }
  | { readonly kind: "many" };

/**
 * Unescaped same-style quotes nested in a quoted argument, as models write shell commands
 * (`query='sed -n '360,450p' f.py'`): Python reads string/number juxtaposition. A string is broken
 * when its first closing quote is followed by none of `,)]}:` (nor by another string, which
 * Python joins). Each later quote that such a character follows is tried as its end, with the
 * quotes inside escaped, and `valid` judges the whole rewritten text (later broken strings are
 * repaired the same way). Only a single valid reading is returned: none or several (`'echo 'hi',
 * unit='c'` could end at either quote) leave the text alone, as sglang's LFM2 detector does.
 */
export function repairNestedQuotes(text: string, valid: (candidate: string) => boolean): string | undefined {
  const repair = repairFrom(text, 0, valid, { left: MAX_REPAIR_READS });
  return repair.kind === "one" ? repair.text : undefined;
}

function repairFrom(
  text: string,
  from: number,
  valid: (candidate: string) => boolean,
  budget: { left: number },
): Repair {
  const broken = findBrokenString(text, from);
  if (broken === undefined) return { kind: "none" };
  let found: string | undefined;
  for (const close of quotePositions(text, broken.first + 1, broken.quote)) {
    if (!followedByCloser(text, close)) continue;
    if (budget.left-- <= 0) return { kind: "many" };
    const interior = escapeQuotes(text.slice(broken.open + 1, close), broken.quote);
    const candidate = text.slice(0, broken.open + 1) + interior + text.slice(close);
    const result: Repair = valid(candidate)
      ? { kind: "one", text: candidate }
      : repairFrom(candidate, broken.open + interior.length + 2, valid, budget);
    if (result.kind === "many" || (result.kind === "one" && found !== undefined)) return { kind: "many" };
    if (result.kind === "one") found = result.text;
  }
  return found === undefined ? { kind: "none" } : { kind: "one", text: found };
}

/** The first string from `from` whose first closing quote cannot end it (raw strings excluded). */
function findBrokenString(
  text: string,
  from: number,
): { open: number; first: number; quote: string } | undefined {
  let at = from;
  while (at < text.length) {
    const char = text[at]!;
    if (char === "#") {
      const newline = text.indexOf("\n", at);
      at = newline < 0 ? text.length : newline;
      continue;
    }
    if (char !== "'" && char !== '"') {
      at++;
      continue;
    }
    if (text.startsWith(char.repeat(3), at)) {
      const end = text.indexOf(char.repeat(3), at + 3);
      if (end < 0) return undefined;
      at = end + 3;
      continue;
    }
    const first = quotePositions(text, at + 1, char).next();
    if (first.done) return undefined;
    const close = first.value;
    const raw = /[rR][bBfFuU]?$|[bBfFuU][rR]$/.test(text.slice(Math.max(0, at - 2), at));
    if (raw || followedByCloser(text, close) || followedByString(text, close)) {
      at = close + 1;
      continue;
    }
    return { open: at, first: close, quote: char };
  }
  return undefined;
}

/** Positions of `quote` from `from` on that no backslash escapes. */
function* quotePositions(text: string, from: number, quote: string): Generator<number> {
  for (let at = from; at < text.length; at++) {
    const char = text[at];
    if (char === "\\") at++;
    else if (char === quote) yield at;
  }
}

function nextVisible(text: string, after: number): string {
  let at = after + 1;
  while (at < text.length && /\s/.test(text[at]!)) at++;
  return text[at] ?? "";
}

function followedByCloser(text: string, close: number): boolean {
  const next = nextVisible(text, close);
  return next !== "" && QUOTE_FOLLOWERS.includes(next);
}

function followedByString(text: string, close: number): boolean {
  const next = nextVisible(text, close);
  return next === "'" || next === '"';
}

function escapeQuotes(interior: string, quote: string): string {
  let out = "";
  for (let at = 0; at < interior.length; at++) {
    const char = interior[at]!;
    if (char === "\\") {
      out += interior.slice(at, at + 2);
      at++;
    } else out += char === quote ? `\\${char}` : char;
  }
  return out;
}
