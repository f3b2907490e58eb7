/**
 * Pythonic call blocks: `[fn(a='x', b=1), fn2()]` lists (Llama 3.2/4, LFM2) and bare call
 * sequences, one per line (Olmo 3). Calls are read with the safe literal reader; a call with an
 * unconvertible argument is dropped with a problem while its siblings are kept; a syntax error
 * ends a list (calls before it are kept) and skips to the next line in a sequence.
 *
 * Leniencies: Python and JSON literals alike, bare calls without the list brackets, `;` or `,`
 * between calls, dotted names (`brave_search.call`), positional arguments mapped onto the
 * declared schema's parameters in order, string values typed by the declared schema, `**{..}`
 * keyword unpacking, and unescaped quotes nested in a string argument when only one reading
 * of the whole block works (`repairNestedQuotes`; sglang's LFM2 detector recovers both).
 */
import { coerceValue, schemaTypes } from "../../coerce.ts";
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";
import type { ToolIndex } from "../../tool-index.ts";
import { PythonLiteralReader, ReadFailure, repairNestedQuotes } from "./pythonic-literal.ts";

/** One call as written: keyword and positional arguments, and the first unconvertible value. */
export interface PythonicCall {
  readonly name: string;
  readonly keywords: Record<string, unknown>;
  readonly positional: readonly unknown[];
  readonly unconvertible: string | undefined;
  readonly raw: string;
}

/** What reading a block found: the calls, the syntax failures, and text after a closed list. */
export interface PythonicRead {
  readonly calls: PythonicCall[];
  readonly failures: { readonly failure: ReadFailure; readonly raw: string }[];
  readonly rest: string;
}

const CALL_NAME = /[A-Za-z_][\w.-]*/y;

/** True when `text` starts (after spaces and an optional `[`) with `name(`. */
export function looksPythonic(text: string): boolean {
  return /^\s*\[?\s*[A-Za-z_][\w.-]*\s*\(/.test(text);
}

/**
 * Early verdict for the head after a `[` opener: "reject" as soon as it cannot be `name(`;
 * undefined while it still could be (or is).
 */
export function decidePythonicList(head: string): "reject" | undefined {
  const match = /^\s*(?:[A-Za-z_][\w.-]*\s*)?/.exec(head)!;
  const rest = head.slice(match[0].length);
  if (rest.length === 0) return undefined;
  return rest[0] === "(" && match[0].trim().length > 0 ? undefined : "reject";
}

/** Reads one `name(args)` call at the reader's position; throws ReadFailure. */
export function readCall(reader: PythonLiteralReader): PythonicCall {
  reader.skipSpace();
  const start = reader.pos;
  CALL_NAME.lastIndex = start;
  const match = CALL_NAME.exec(reader.text);
  if (!match) reader.fail("expected a call name");
  reader.pos += match[0].length;
  reader.expect("(");
  reader.resetIssues();
  const keywords: Record<string, unknown> = {};
  const positional: unknown[] = [];
  while (!reader.accept(")")) {
    if (readUnpacked(reader, keywords)) {
      if (!reader.accept(",")) {
        reader.expect(")");
        break;
      }
      continue;
    }
    const keyword = readKeyword(reader);
    const value = reader.readValue();
    if (keyword === undefined) positional.push(value);
    else keywords[keyword] = value;
    if (!reader.accept(",")) {
      reader.expect(")");
      break;
    }
  }
  return {
    name: match[0],
    keywords,
    positional,
    unconvertible: reader.unconvertible,
    raw: reader.text.slice(start, reader.pos),
  };
}

/**
 * `**{..}` keyword unpacking: a dict literal's entries join the keywords in order (a later
 * binding wins, as sglang merges them); any other operand makes the call unconvertible.
 */
function readUnpacked(reader: PythonLiteralReader, keywords: Record<string, unknown>): boolean {
  reader.skipSpace();
  if (!reader.text.startsWith("**", reader.pos)) return false;
  reader.pos += 2;
  const value = reader.readValue();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) Object.assign(keywords, value);
  else reader.noteUnconvertible("** unpacks something that is not a dict");
  return true;
}

/** `name=` (not `==`) before a value, or undefined for a positional argument. */
function readKeyword(reader: PythonLiteralReader): string | undefined {
  reader.skipSpace();
  const start = reader.pos;
  const name = reader.readIdentifier();
  if (name !== undefined) {
    reader.skipSpace();
    if (reader.peek() === "=" && reader.text[reader.pos + 1] !== "=") {
      reader.pos++;
      return name;
    }
  }
  reader.pos = start;
  return undefined;
}

/**
 * Reads a `[call, ...]` list or a sequence of bare calls (newlines, `,` or `;` between them). A
 * text that fails is retried with its nested unescaped quotes repaired, when exactly one repair
 * reads cleanly without losing a call (see `repairNestedQuotes`).
 */
export function readPythonicCalls(text: string): PythonicRead {
  const read = readCalls(text);
  if (read.failures.length === 0 || !/['"]/.test(text)) return read;
  const expected = countCalls(text);
  const repaired = repairNestedQuotes(text, (candidate) => {
    const attempt = readCalls(candidate);
    return attempt.failures.length === 0 && attempt.calls.length > 0 && attempt.calls.length >= expected;
  });
  return repaired === undefined ? read : readCalls(repaired);
}

/**
 * Calls in a block counted by brackets alone (a broken quote cannot throw that off): a reading
 * that puts a sibling call inside a string value reads fewer. In a bare sequence every line that
 * starts with `name(` counts too (an unclosed call before it must not absorb it).
 */
function countCalls(text: string): number {
  const bracketed = text.trimStart().startsWith("[");
  let depth = bracketed ? -1 : 0;
  let count = 0;
  for (const char of text) {
    if (char === "(" && depth === 0) count++;
    if (char === "(" || char === "[" || char === "{") depth++;
    else if (char === ")" || char === "]" || char === "}") depth--;
  }
  if (bracketed) return count;
  return Math.max(count, text.match(/^[ \t]*[A-Za-z_][\w.-]*[ \t]*\(/gm)?.length ?? 0);
}

function readCalls(text: string): PythonicRead {
  const reader = new PythonLiteralReader(text);
  const calls: PythonicCall[] = [];
  const failures: PythonicRead["failures"] = [];
  reader.skipSpace();
  const bracketed = reader.accept("[");
  for (;;) {
    skipSeparators(reader);
    if (bracketed && reader.accept("]")) return { calls, failures, rest: text.slice(reader.pos) };
    if (reader.atEnd) {
      if (bracketed) failures.push({ failure: new ReadFailure("expected ']'", reader.pos, true), raw: "" });
      return { calls, failures, rest: "" };
    }
    const start = reader.pos;
    try {
      calls.push(readCall(reader));
    } catch (error) {
      if (!(error instanceof ReadFailure)) throw error;
      const resume = bracketed ? text.length : resumeAfter(text, start, error.at);
      failures.push({ failure: error, raw: text.slice(start, resume).trim() });
      if (bracketed || resume >= text.length) return { calls, failures, rest: "" };
      reader.pos = resume;
    }
  }
}

function skipSeparators(reader: PythonLiteralReader): void {
  for (;;) {
    reader.skipSpace();
    const char = reader.peek();
    if (char !== "," && char !== ";") return;
    reader.pos++;
  }
}

/**
 * Where to go on after a call that failed at `at`: the line the failure is on when the failure
 * begins it (an unclosed call before it), else the next line.
 */
function resumeAfter(text: string, start: number, at: number): number {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  if (lineStart > start && text.slice(lineStart, at).trim().length === 0) return lineStart;
  const newline = text.indexOf("\n", Math.max(at, start + 1));
  return newline < 0 ? text.length : newline + 1;
}

/** Turns read calls into raw calls for the shared normalisation, reporting the ones dropped. */
export function toRawCalls(
  read: readonly PythonicCall[],
  tools: ToolIndex,
): { calls: RawCall[]; problems: ProblemDraft[] } {
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  for (const call of read) {
    if (call.unconvertible !== undefined) {
      problems.push({
        code: "invalid-arguments",
        message: `the call to ${call.name} was dropped: ${call.unconvertible}`,
        raw: call.raw,
        toolName: call.name,
      });
      continue;
    }
    const args = argumentsOf(call, tools);
    if (typeof args === "string") {
      problems.push({ code: "invalid-arguments", message: args, raw: call.raw, toolName: call.name });
      continue;
    }
    calls.push({ name: call.name, arguments: coerceStrings(args, call.name, tools) });
  }
  return { calls, problems };
}

/** Keyword arguments, with positional ones mapped onto the declared parameters in order. */
function argumentsOf(call: PythonicCall, tools: ToolIndex): Record<string, unknown> | string {
  if (call.positional.length === 0) return unwrapKeywordObject(call.name, call.keywords, tools);
  const declared = tools.resolve(call.name);
  const properties = declared ? tools.get(declared)?.parameters?.properties : undefined;
  const names =
    properties && typeof properties === "object"
      ? Object.keys(properties).filter((name) => !(name in call.keywords))
      : [];
  if (names.length < call.positional.length) {
    return `the call to ${call.name} has positional arguments that no declared parameter list can name`;
  }
  const args: Record<string, unknown> = {};
  call.positional.forEach((value, index) => {
    args[names[index]!] = value;
  });
  return { ...args, ...call.keywords };
}

const WRAPPER_KEYWORDS = new Set(["properties", "arguments"]);

/**
 * `get_weather(properties={"location": "Tokyo"})`: LFM2 copies the schema's `properties` key and
 * passes the whole argument object under it. When that is the call's only keyword, the declared
 * tool has parameters but none by that name, and the value is an object, its entries are the
 * arguments (as minicpm reads a lone `arguments`/`properties` param).
 */
function unwrapKeywordObject(
  toolName: string,
  keywords: Record<string, unknown>,
  tools: ToolIndex,
): Record<string, unknown> {
  const keys = Object.keys(keywords);
  if (keys.length !== 1 || !WRAPPER_KEYWORDS.has(keys[0]!)) return keywords;
  const declared = tools.resolve(toolName);
  const properties = declared ? tools.get(declared)?.parameters?.properties : undefined;
  if (!properties || typeof properties !== "object" || keys[0]! in properties) return keywords;
  const value = keywords[keys[0]!];
  const isObject = typeof value === "object" && value !== null && !Array.isArray(value);
  return isObject && Object.keys(value).length > 0 ? (value as Record<string, unknown>) : keywords;
}

/** Top-level string values typed by the declared schema where it does not allow a string. */
export function coerceStrings(
  args: Record<string, unknown>,
  toolName: string,
  tools: ToolIndex,
): Record<string, unknown> {
  const declared = tools.resolve(toolName);
  if (declared === undefined) return args;
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    const schema = tools.parameterSchema(declared, key);
    const types = schemaTypes(schema);
    const typed = typeof value === "string" && types.length > 0 && !types.includes("string");
    result[key] = typed ? coerceValue(value, schema, { untyped: "string" }) : value;
  }
  return result;
}

/**
 * A block body holding pythonic calls. In auto mode a body that is not wholly calls (or names
 * undeclared tools) is rejected as text; with the format given, what cannot be read is reported.
 */
export function parsePythonicBody(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (body.trim().length === 0) {
    return { problems: [{ code: "malformed-call", message: `${ctx.open} block is empty`, raw }] };
  }
  const read = readPythonicCalls(body);
  const { calls, problems } = toRawCalls(read.calls, ctx.tools);
  for (const { failure, raw: failed } of read.failures) {
    const truncated = failure.incomplete && ctx.truncated;
    problems.push({
      code: truncated ? "truncated-call" : "malformed-call",
      message: truncated
        ? "the output ended inside a pythonic call (truncated generation)"
        : `not a pythonic call (${failure.message}): ${JSON.stringify(failed.slice(0, 120))}`,
      raw: failed.length > 0 ? failed : raw,
    });
  }
  const rest = read.rest.trim().length > 0 ? read.rest : undefined;
  return { calls, problems, ...(rest ? { content: rest } : {}) };
}

/** True when a block read in auto mode is plausibly calls: no syntax failure, declared names. */
export function isConfidentRead(read: PythonicRead, tools: ToolIndex): boolean {
  if (read.calls.length === 0 || read.failures.length > 0) return false;
  if (!tools.declared) return true;
  return read.calls.every((call) => tools.resolve(call.name) !== undefined);
}
