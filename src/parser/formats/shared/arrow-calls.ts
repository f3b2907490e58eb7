/**
 * The Perl-hash call shape MiniMax-M2.x models fall back to when their native XML is not
 * prompted (hermes-agent#35935, zeroclaw's MiniMax parser, LM Studio#1177):
 *
 *   {tool => "terminal", args => {
 *     --command "echo test"
 *     --timeout 30
 *   }}
 *
 * A call is an object whose entries are `KEY => VALUE`, `"KEY": VALUE` (JSON, as in
 * `{"tool": "write", "args": {...}}`) or `--KEY VALUE` (command-line flags, the commonest form of
 * the arguments), separated by commas, spaces or newlines. The name is under `tool` (or `name`,
 * `function`, ...), the arguments under `args` (or `arguments`, `parameters`, ...).
 *
 * Values: `"..."` and `'...'` strings (JSON escapes decoded, unknown ones kept as written, a quote
 * that does not end the value kept as text, so they may span lines), `{...}` objects and `[...]`
 * lists in any of the entry styles, and bare text up to the end of its line (or `,` / `}` / `]`).
 * A flag with no value (`--force` before a newline, `}` or the next flag) is `true`. Strings
 * stay strings unless the declared schema wants another type; bare text is typed by the schema,
 * or without one read as a number, boolean, null or JSON value where it is one.
 */
import { coerceValue, inferValue, schemaTypes } from "../../coerce.ts";
import type { RawCall } from "../../format-spec.ts";
import type { ToolIndex } from "../../tool-index.ts";
import type { JsonSchema } from "../../types.ts";
import { ARGUMENT_KEYS, NAME_KEYS } from "./json-calls.ts";
import { ReadFailure } from "./pythonic-literal.ts";
import { propertiesOf } from "./xml-elements.ts";
import { skipSpaces } from "./xml-parameters.ts";

/** Bare text as written, typed only once the schema is known. */
class Bare {
  constructor(readonly text: string) {}
}

type Value = string | Bare | Value[] | Entries;
type Entries = Map<string, Value>;

const NAME_KEY_SET: ReadonlySet<string> = new Set(NAME_KEYS);

const KEY = /[A-Za-z_$][\w.$-]*/y;
const FLAG = /--([A-Za-z_][\w.-]*)/y;
/** What may start the next entry after a value: `--key`, `key =>`, `"key":` / `'key':`. */
const NEXT_ENTRY = /(?:--[A-Za-z_]|[A-Za-z_$][\w.$-]*\s*=>|"[^"\n]*"\s*:|'[^'\n]*'\s*:)/y;
const ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  b: "\b",
  f: "\f",
  "/": "/",
  "\\": "\\",
  '"': '"',
  "'": "'",
};

/** How an entry's key was written, which decides where its bare value ends. */
type Style = "flag" | "hash";

class ArrowReader {
  pos = 0;
  /** Parameter names of the tool being read (from its `tool =>` entry), when declared. */
  parameters: ReadonlySet<string> | undefined;

  constructor(
    readonly text: string,
    /** The block ended at its closer: a last call missing its final `}` is complete. */
    readonly closed: boolean,
  ) {}

  fail(message: string, incomplete = this.pos >= this.text.length): never {
    throw new ReadFailure(message, this.pos, incomplete);
  }

  get atEnd(): boolean {
    return this.pos >= this.text.length;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos]!)) this.pos++;
  }

  /** Spaces and tabs only. */
  skipInline(): void {
    while (this.text[this.pos] === " " || this.text[this.pos] === "\t") this.pos++;
  }

  /**
   * Entries up to the closing `}` (consumed), which a block ended by its closer may lack. `top`:
   * the call object itself (an empty one is no call).
   */
  readEntries(top: boolean, onName?: (name: string) => void): Entries {
    const entries: Entries = new Map();
    for (;;) {
      this.skipSeparators();
      if (this.atEnd) {
        if (this.closed && (entries.size > 0 || !top)) return entries;
        this.fail("expected '}'", true);
      }
      if (this.text[this.pos] === "}") {
        this.pos++;
        return entries;
      }
      const { key, style } = this.readKey();
      const value = this.readValue(style);
      entries.set(key, value);
      if (onName && NAME_KEY_SET.has(key) && !(value instanceof Map) && !Array.isArray(value)) {
        onName(value instanceof Bare ? value.text : value);
      }
    }
  }

  private skipSeparators(): void {
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== "," && this.text[this.pos] !== ";") return;
      this.pos++;
    }
  }

  private readKey(): { key: string; style: Style } {
    FLAG.lastIndex = this.pos;
    const flag = FLAG.exec(this.text);
    if (flag) {
      this.pos += flag[0].length;
      this.skipInline();
      // `--key: value`, `--key=value`, `--key => value`
      const separator = /^(?:=>|:|=)/.exec(this.text.slice(this.pos, this.pos + 2));
      if (separator) this.pos += separator[0].length;
      return { key: flag[1]!, style: "flag" };
    }
    let key: string;
    const quote = this.text[this.pos];
    if (quote === '"' || quote === "'") {
      const end = this.text.indexOf(quote, this.pos + 1);
      if (end < 0) this.fail("unterminated key", true);
      key = this.text.slice(this.pos + 1, end);
      this.pos = end + 1;
    } else {
      KEY.lastIndex = this.pos;
      const match = KEY.exec(this.text);
      if (!match)
        this.fail(`expected a key, got ${JSON.stringify(this.text.slice(this.pos, this.pos + 20))}`);
      key = match[0];
      this.pos += key.length;
    }
    this.skipSpace();
    const separator = /^(?:=>|:|=)/.exec(this.text.slice(this.pos, this.pos + 2));
    if (!separator) {
      if (this.atEnd) this.fail("expected '=>'", true);
      this.fail(`expected '=>' or ':' after ${key}`);
    }
    this.pos += separator[0].length;
    return { key, style: "hash" };
  }

  private readValue(style: Style): Value {
    this.skipInline();
    const char = this.text[this.pos];
    if (char === undefined) this.fail("expected a value", true);
    // A flag with no value: `--force` before a newline, the closing brace or the next flag.
    if (
      style === "flag" &&
      (char === "\n" || char === "\r" || char === "}" || char === "," || this.nextEntryAt(this.pos))
    ) {
      if (char === "\n" || char === "\r") {
        const after = this.peekAfterSpace();
        // `--content\n"long text"`: the value on the next line
        if (after === '"' || after === "'" || after === "{" || after === "[") {
          this.skipSpace();
          return this.readValue(style);
        }
      }
      return new Bare("true");
    }
    if (style === "hash") this.skipSpace();
    const start = this.text[this.pos];
    if (start === undefined) this.fail("expected a value", true);
    if (start === '"' || start === "'") return this.readString(start);
    if (start === "{") return style === "flag" ? this.readObjectOrText() : this.readObject();
    if (start === "[") return this.readList();
    return this.readBare(style);
  }

  private peekAfterSpace(): string | undefined {
    let at = this.pos;
    while (at < this.text.length && /\s/.test(this.text[at]!)) at++;
    return this.text[at];
  }

  private nextEntryAt(at: number): boolean {
    NEXT_ENTRY.lastIndex = at;
    return NEXT_ENTRY.test(this.text);
  }

  private readObject(): Entries {
    this.pos++;
    return this.readEntries(false);
  }

  /**
   * A flag's `{...}` value; braces around text that is no object (`--query {city} weather`) are
   * bare text.
   */
  private readObjectOrText(): Value {
    const start = this.pos;
    try {
      return this.readObject();
    } catch (error) {
      if (!(error instanceof ReadFailure) || error.incomplete) throw error;
      this.pos = start;
      return this.readBare("flag");
    }
  }

  /** A `[...]` list of call objects (a body written as a JSON list of calls). */
  readCallList(): Entries[] | undefined {
    const items = this.readList();
    return items.every((item) => item instanceof Map) ? (items as Entries[]) : undefined;
  }

  private readList(): Value[] {
    this.pos++;
    const items: Value[] = [];
    for (;;) {
      this.skipSeparators();
      if (this.atEnd) this.fail("expected ']'", true);
      if (this.text[this.pos] === "]") {
        this.pos++;
        return items;
      }
      const char = this.text[this.pos]!;
      if (char === '"' || char === "'") items.push(this.readString(char));
      else if (char === "{") {
        this.pos++;
        items.push(this.readEntries(false));
      } else if (char === "[") items.push(this.readList());
      else items.push(this.readBare("list"));
    }
  }

  /**
   * A quoted string. Its closing quote is the first unescaped one that ends the value: followed
   * (past spaces and newlines) by `,`, `}`, `]`, the end or the next entry. Other quotes are text
   * (`--command "grep "x" f"`); with none that ends the value, the first unescaped one closes it.
   */
  private readString(quote: string): string {
    const text = this.text;
    const start = this.pos + 1;
    let first = -1;
    for (let at = start; at < text.length; at++) {
      const char = text[at];
      if (char === "\\") {
        at++;
        continue;
      }
      if (char !== quote) continue;
      if (first < 0) first = at;
      if (this.endsValue(at + 1)) return this.finishString(start, at);
    }
    if (first < 0 || !this.closed) this.fail("unterminated string", true);
    return this.finishString(start, first);
  }

  private endsValue(at: number): boolean {
    const text = this.text;
    while (at < text.length && /\s/.test(text[at]!)) at++;
    if (at >= text.length) return true;
    const char = text[at]!;
    return char === "," || char === "}" || char === "]" || char === ";" || this.nextEntryAt(at);
  }

  private finishString(start: number, end: number): string {
    this.pos = end + 1;
    return decodeEscapes(this.text.slice(start, end));
  }

  /**
   * Bare text up to the end of its line or a closing bracket it did not open; in a hash or list
   * also up to `,`.
   * A flag's value also ends before ` --key` of a declared parameter or, with none declared,
   * of a next flag that itself has a quoted, numeric or bracketed value.
   */
  private readBare(style: Style | "list"): Bare {
    const text = this.text;
    let at = this.pos;
    let depth = 0;
    for (; at < text.length; at++) {
      const char = text[at]!;
      if (char === "\n" || char === "\r") break;
      if (char === "{" || char === "[") depth++;
      else if (char === "}" || char === "]") {
        if (depth === 0) break;
        depth--;
      }
      if (char === "," && (style !== "flag" || this.nextEntryAt(skipSpaces(text, at + 1)))) break;
      if (style === "flag" && /\s/.test(char) && text.startsWith("--", at + 1) && this.flagEndsValue(at + 1))
        break;
    }
    if (at >= text.length && !this.closed) {
      this.pos = at;
      this.fail("the value is not closed", true);
    }
    const value = text.slice(this.pos, at).trim();
    this.pos = at;
    if (value === "") this.fail("expected a value");
    return new Bare(value);
  }

  private flagEndsValue(at: number): boolean {
    FLAG.lastIndex = at;
    const flag = FLAG.exec(this.text);
    if (!flag) return false;
    if (this.parameters) return this.parameters.has(flag[1]!);
    return /^(?:[ \t]*[:=]|[ \t]+["'{[\d-])/.test(
      this.text.slice(at + flag[0].length, at + flag[0].length + 3),
    );
  }
}

/** JSON escapes decoded; an escape JSON does not define is kept as written (`\d` in a regex). */
function decodeEscapes(text: string): string {
  if (!text.includes("\\")) return text;
  return text.replace(/\\(u[0-9a-fA-F]{4}|[\s\S])/g, (whole, code: string) => {
    if (code.length === 5) return String.fromCharCode(Number.parseInt(code.slice(1), 16));
    return ESCAPES[code] ?? whole;
  });
}

/** One call read from a block body, or the failure that stopped the reading. */
export interface ArrowRead {
  readonly calls: RawCall[];
  readonly failure?: ReadFailure;
  /** Text after the last call that is not one (content). */
  readonly rest: string;
}

/**
 * The calls in a block body: `{tool => ..., args => {...}}` objects one after another (a lone
 * call may leave out its outer braces). `closed`: the block ended at its closer, so a value
 * running to the end of the body is complete.
 */
export function readArrowCalls(body: string, tools: ToolIndex, closed: boolean): ArrowRead {
  const calls: RawCall[] = [];
  const reader = new ArrowReader(body, closed);
  for (;;) {
    reader.skipSpace();
    const start = reader.pos;
    if (calls.length === 0 && body[start] === "[") return readCallList(reader, body, tools);
    const braced = body[start] === "{";
    if (
      !braced &&
      !(calls.length === 0 && /^[A-Za-z_$"'][^\n]*?=>|^["']\w+["']\s*:/.test(body.slice(start)))
    ) {
      return { calls, rest: body.slice(start) };
    }
    if (braced) reader.pos++;
    reader.parameters = undefined;
    let entries: Entries;
    try {
      entries = reader.readEntries(true, (name) => {
        const declared = tools.resolve(name);
        const properties = declared === undefined ? undefined : propertiesOf(tools.get(declared)?.parameters);
        reader.parameters = properties ? new Set(Object.keys(properties)) : undefined;
      });
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      return { calls, failure: error, rest: "" };
    }
    const call = toCall(entries, tools);
    if (!call) {
      reader.pos = start;
      return { calls, rest: body.slice(start) };
    }
    calls.push(call);
    // Stray closing braces after a call (`}}}`) are the call's own slips.
    while (/[\s}]/.test(body[reader.pos] ?? "")) reader.pos++;
  }
}

/** `[{"tool": ..., "args": ...}, ...]`: every item must be a call. */
function readCallList(reader: ArrowReader, body: string, tools: ToolIndex): ArrowRead {
  try {
    const list = reader.readCallList();
    const calls = list?.map((entries) => toCall(entries, tools));
    if (!calls || calls.some((call) => call === undefined)) return { calls: [], rest: body };
    return { calls: calls as RawCall[], rest: body.slice(reader.pos) };
  } catch (error) {
    if (!(error instanceof ReadFailure)) throw error;
    return { calls: [], failure: error, rest: "" };
  }
}

function toCall(entries: Entries, tools: ToolIndex): RawCall | undefined {
  // OpenAI's nesting: `{"type": "function", "function": {"name": ..., "arguments": ...}}`
  const nested = entries.get("function");
  if (nested instanceof Map) return toCall(nested, tools);
  const nameKey = NAME_KEYS.find((key) => {
    const value = entries.get(key);
    return typeof value === "string" || value instanceof Bare;
  });
  if (nameKey === undefined) return undefined;
  const nameValue = entries.get(nameKey) as string | Bare;
  const name = (nameValue instanceof Bare ? nameValue.text : nameValue).trim();
  if (name === "") return undefined;
  const argsKey = ARGUMENT_KEYS.find((key) => entries.has(key));
  const declared = tools.resolve(name);
  const schema = declared === undefined ? undefined : tools.get(declared)?.parameters;
  if (argsKey === undefined) {
    // `{tool => "x", path => "a"}`: the arguments written beside the name
    const rest = new Map([...entries].filter(([key]) => key !== nameKey));
    return { name, arguments: typeValue(rest, schema) };
  }
  return { name, arguments: typeValue(entries.get(argsKey)!, schema) };
}

/** A read value typed by its schema (or, bare text without one, by its text). */
function typeValue(value: Value, schema: JsonSchema | undefined): unknown {
  if (value instanceof Bare) {
    return schemaTypes(schema).length > 0
      ? coerceValue(value.text, schema, { untyped: "infer" })
      : inferValue(value.text);
  }
  if (typeof value === "string") {
    const types = schemaTypes(schema);
    return types.length > 0 && !types.includes("string")
      ? coerceValue(value, schema, { untyped: "string" })
      : value;
  }
  if (Array.isArray(value)) {
    const items = schema?.items;
    const itemSchema =
      items && typeof items === "object" && !Array.isArray(items) ? (items as JsonSchema) : undefined;
    return value.map((item) => typeValue(item, itemSchema));
  }
  const properties = propertiesOf(schema);
  const record: Record<string, unknown> = {};
  for (const [key, item] of value) record[key] = typeValue(item, properties?.[key]);
  return record;
}
