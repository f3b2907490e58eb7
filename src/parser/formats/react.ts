/**
 * react (LangChain ReAct text agents, `createReactAgent` / `ZeroShotAgent`, and the many models
 * prompted with that template): a call is an `Action:` line naming the tool and an
 * `Action Input:` with its input,
 *
 *   Thought: I need the weather first.
 *   Action: get_weather
 *   Action Input: {"city": "Paris"}
 *   Observation:
 *
 * The input is a JSON object (lenient, optionally fenced; text after it is content) or plain text
 * (LangChain passes it to a single-input tool): plain text goes to the tool's only declared
 * parameter, or to `input` (LangChain's DynamicTool argument) when the tool declares none. The
 * block ends at `Observation:` (dropped: the tool result goes there) or before the next
 * `Thought:`, `Action:` or `Final Answer:` line, so several actions in one output are several
 * calls. LangChain's structured-chat / JSON-chat agents write the action as a JSON blob,
 *
 *   Action:
 *   ```
 *   {"action": "get_weather", "action_input": {"city": "Paris"}}
 *   ```
 *
 * which is read too, as is smolagents' `{"tool_name": NAME, "tool_arguments": {..}}` blob.
 * `Action: Final Answer` (or `"action": "Final Answer"`) and `Final Answer: ..`
 * are the agent's answer, not calls: they stay content, as does the `Thought:` text.
 *
 * With the format given, the blob is also read in a fence with no `Action:` line before it
 * (LangChain's JSON agents).
 *
 * Leniencies other agent frameworks' parsers have (llama_index, crewAI, LangChain's MRKL): a tool
 * name in any script, a description in parentheses after it (`Action: add (add two numbers)`),
 * the name on the line after `Action:`; a JSON input after stray bold (`** {..}`) or wrapped in a
 * call-like `QueryEngineTool({..})`; plain text that is bracketed words (`{temperature in SF}`),
 * code in a fence (kept with its fence), or quoted with one quote left unbalanced (dropped, as
 * LangChain's `strip('"')`); an `Observation:` cut short at the end (`\nObs`, a stop sequence).
 *
 * `Action:` must start a line and be followed by an `Action Input:` line (or the blob). When
 * auto-detecting, the action must name a declared tool (with no tools declared the format adds
 * no opener at all); with the format given any tool-like name is read, and an undeclared one is
 * kept with an `unknown-tool` problem.
 */
import type {
  BlockContext,
  BlockOutcome,
  BlockRule,
  DecideContext,
  FormatSpec,
  ProblemDraft,
  RawCall,
} from "../format-spec.ts";
import { firstNonSpace, isCompleteValue, parseJsonLoose, ValueScanner } from "../json-loose.ts";
import type { ToolIndex } from "../tool-index.ts";
import { decideBareHead } from "./shared/json-bare.ts";
import { endsInsideJsonString } from "./shared/json-prefix.ts";
import { coerceStrings } from "./shared/pythonic-calls.ts";
import { propertiesOf } from "./shared/xml-elements.ts";

/** Tool names may be written in any script (`Action: 加法`). */
const TOOL_NAME = /^[\p{L}_][\p{L}\p{N}_.-]*$/u;
/** Characters an action line may hold while it is still arriving. */
const ACTION_LINE = /^[\p{L}\p{N}_.\-`"'*() \t\r]*$/u;
const INPUT_LABEL = /^action input[ \t]*:/i;
/** A JSON object input wrapped in a call-like `QueryEngineTool({..})`. */
const WRAPPED_OBJECT = /^[\p{L}_][\p{L}\p{N}_.]*\(\s*(\{[\s\S]*\})\s*\)$/u;

/**
 * The tool name on an `Action:` line: spaces, quotes, backticks, bold, a trailing `()` and a
 * description repeated in parentheses (`add (add two numbers)`) removed.
 */
function actionName(line: string): string {
  return line
    .trim()
    .replace(/^[`"'*]+|[`"'*]+$/g, "")
    .replace(/\s+\([^()]*\)$/, "")
    .replace(/\(\)$/, "")
    .trim();
}

/** The first line of `text` that holds something, and the text after it; undefined while it is still arriving. */
function nextLine(text: string): { line: string; rest: string } | undefined {
  const at = firstNonSpace(text);
  if (at < 0) return undefined;
  const newline = text.indexOf("\n", at);
  if (newline < 0) return undefined;
  return { line: text.slice(at, newline), rest: text.slice(newline + 1) };
}

function isFinalAnswer(name: string): boolean {
  return /^final[ _]?answer$/i.test(name);
}

/** The action names a tool the reader may call here (declared ones when auto-detecting). */
function callableName(name: string, ctx: DecideContext): boolean {
  if (!TOOL_NAME.test(name) || isFinalAnswer(name)) return false;
  if (ctx.tools.resolve(name) !== undefined) return true;
  return !ctx.auto;
}

/** Early verdict on the text after `Action:`; see the module comment. */
function decideAction(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  const newline = head.indexOf("\n");
  const line = newline < 0 ? head : head.slice(0, newline);
  if (!ACTION_LINE.test(line)) return "reject";
  if (newline < 0) return final ? "reject" : undefined;
  const name = actionName(line);
  const rest = head.slice(newline + 1);
  const at = firstNonSpace(rest);
  if (name.length === 0) {
    // The JSON-blob variant: a fence or an object on the next lines.
    if (at < 0) return final ? "reject" : undefined;
    const start = rest.slice(at);
    if (start.startsWith("{") || start.startsWith("```")) return undefined;
    if ("```".startsWith(start) && !final) return undefined;
    // Or the tool name on the next line (`Action:\nTerminal\nAction Input:\nls`).
    const named = nextLine(rest);
    if (!named) return !final && ACTION_LINE.test(start) ? undefined : "reject";
    if (!ACTION_LINE.test(named.line)) return "reject";
    return decideNamed(actionName(named.line), named.rest, final, ctx);
  }
  return decideNamed(name, rest, final, ctx);
}

/** The verdict once the action's name is known: an `Action Input:` label must follow. */
function decideNamed(name: string, rest: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!callableName(name, ctx)) return "reject";
  const at = firstNonSpace(rest);
  if (at < 0) return final ? "reject" : undefined;
  const label = rest.slice(at);
  if (INPUT_LABEL.test(label)) return undefined;
  const waiting = "action input".startsWith(label.toLowerCase()) || /^action input[ \t]*$/i.test(label);
  return waiting && !final ? undefined : "reject";
}

interface Input {
  /** The input value's text (JSON or plain), and the text after it that is content. */
  readonly value: string;
  readonly rest: string;
}

/** Splits the input text into the value and the content after it. */
function splitInput(text: string): Input {
  // `Action Input: ** {..}`: stray markdown bold before a JSON input.
  text = text.replace(/^[ \t]*\*+[ \t]*(?=[{[])/, "");
  const at = firstNonSpace(text);
  if (at < 0) return { value: "", rest: "" };
  if (text.startsWith("```", at)) {
    const close = text.indexOf("```", at + 3);
    if (close < 0) return { value: text.slice(at), rest: "" };
    return { value: text.slice(at, close + 3), rest: text.slice(close + 3) };
  }
  if (text[at] === "{" || text[at] === "[") {
    const end = new ValueScanner().scan(text, at, text.length);
    if (end >= 0) return { value: text.slice(at, end), rest: text.slice(end) };
  }
  return { value: text.trim(), rest: "" };
}

/**
 * Arguments from an action input: a JSON object, or a single input for a single-input tool:
 * plain text, or another JSON value (LangChain hands an `action_input` list to the tool as is).
 */
function argumentsFrom(input: unknown, name: string, tools: ToolIndex): Record<string, unknown> | string {
  if (input !== null && typeof input === "object" && !Array.isArray(input)) {
    return input as Record<string, unknown>;
  }
  if (typeof input !== "string") {
    if (input === null || input === undefined) return {};
    return singleInput(input, name, tools);
  }
  const text = unquote(input.trim());
  // A JSON object, bare or wrapped in a call-like `ToolName({..})`.
  const object = /^\{[\s\S]*\}$/.test(text) ? text : WRAPPED_OBJECT.exec(text)?.[1];
  if (object !== undefined) {
    const parsed = parseJsonLoose(object);
    if (parsed.ok && parsed.value && typeof parsed.value === "object" && !Array.isArray(parsed.value)) {
      return parsed.value as Record<string, unknown>;
    }
  }
  if (text.length === 0 || text === "None") return {};
  return singleInput(text, name, tools);
}

/**
 * One input for the whole tool: its only declared parameter, or `input` (LangChain's DynamicTool
 * argument) when it declares none. Text is typed by that parameter's schema.
 */
function singleInput(value: unknown, name: string, tools: ToolIndex): Record<string, unknown> | string {
  const declared = tools.resolve(name);
  const properties = propertiesOf(declared === undefined ? undefined : tools.get(declared)?.parameters);
  const keys = properties ? Object.keys(properties) : [];
  if (keys.length === 1) {
    return typeof value === "string"
      ? coerceStrings({ [keys[0]!]: value }, name, tools)
      : { [keys[0]!]: value };
  }
  if (keys.length === 0) return { input: value };
  const kind = typeof value === "string" ? "plain-text" : "JSON";
  return `the ${kind} input of ${name} cannot fill its ${keys.length} declared parameters`;
}

/**
 * Quotes around a plain input dropped, as LangChain's ReAct parsers do (`strip('"')`): a pair, or
 * a lone opening or closing quote the model left unbalanced.
 */
function unquote(text: string): string {
  const quotes = text.split('"').length - 1;
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) return text.slice(1, -1);
  if (quotes === 1 && text.startsWith('"')) return text.slice(1).trim();
  if (quotes === 1 && text.endsWith('"')) return text.slice(0, -1).trim();
  return text;
}

function outcomeFor(
  name: string,
  input: unknown,
  rest: string,
  raw: string,
  ctx: BlockContext,
): BlockOutcome {
  const args = argumentsFrom(input, name, ctx.tools);
  if (typeof args === "string") {
    if (ctx.auto) return { reject: true };
    return { problems: [{ code: "invalid-arguments", message: args, raw, toolName: name }] };
  }
  const content = rest.trim().length > 0 ? rest : undefined;
  return { calls: [{ name, arguments: args }], ...(content ? { content } : {}) };
}

/** `Observation:` cut short on the input's last line (`..the input\nObs`), dropped. */
function dropCutObservation(value: string): string {
  const newline = value.lastIndexOf("\n");
  if (newline < 0) return value;
  const last = value.slice(newline + 1).trim();
  return last.length > 0 && "Observation:".startsWith(last) ? value.slice(0, newline).trimEnd() : value;
}

/** A JSON value from the input text, or the text itself when it is not JSON. */
function inputValue(value: string): unknown {
  if (!/^(?:```|\{|\[)/.test(value)) return value;
  // A fence around code (`Action: Python` + a ```python block) is the plain input, fence and all.
  const fence = /^```([^\n`]*)\n\s*([\s\S]?)/.exec(value);
  if (fence && !/json/i.test(fence[1]!) && !/^[{[]/.test(fence[2]!)) return value;
  const parsed = parseJsonLoose(value);
  if (parsed.ok) return parsed.value;
  // Brackets around words that hold no JSON syntax (`{temperature in SF}`) are plain text too.
  if (/^[{[]/.test(value) && !/["':]/.test(value)) return value;
  return undefined;
}

function parseAction(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const newline = body.indexOf("\n");
  if (newline < 0) return { reject: true };
  let name = actionName(body.slice(0, newline));
  let after = body.slice(newline + 1);
  if (name.length === 0) {
    const named = /^\s*[{`]/.test(after) ? undefined : nextLine(after);
    if (!named) return blobsOutcome(after, raw, ctx);
    name = actionName(named.line);
    after = named.rest;
  }
  const dctx = { tools: ctx.tools, auto: ctx.auto };
  if (!callableName(name, dctx)) return { reject: true };
  const label = /^\s*action input[ \t]*:[ \t]*/i.exec(after);
  if (!label) return { reject: true };
  const split = splitInput(after.slice(label[0].length));
  const rest = split.rest;
  // An output stopped inside the `Observation:` that ends the block (a stop sequence cut it).
  const value = ctx.close === null ? dropCutObservation(split.value) : split.value;
  // An output cut off inside the JSON input is a truncated call, never a repaired guess.
  const cut = ctx.truncated && /^[{[]/.test(value) && !isCompleteValue(value);
  const input = cut ? undefined : inputValue(value);
  if (input === undefined) {
    if (ctx.auto) return { reject: true };
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return {
      problems: [{ code, message: `the Action Input of ${name} is not valid JSON`, raw, toolName: name }],
    };
  }
  return outcomeFor(name, input, rest, raw, ctx);
}

/**
 * One parsed blob's call: `{"action": NAME, "action_input": ..}`, bare or fenced (structured-chat
 * / JSON-chat agents; `input` stands for `action_input`, as Dify's parser takes either), or
 * `{"tool_name": NAME, "tool_arguments": {..}}` (Hugging Face transformers agents / smolagents'
 * ToolCallingAgent prompt, which also writes the blob after `Action:`).
 */
function blobOutcome(blob: unknown, rest: string, raw: string, ctx: BlockContext): BlockOutcome {
  if (!blob || typeof blob !== "object" || Array.isArray(blob)) return { reject: true };
  const fields = blob as Record<string, unknown>;
  const smol = !("action" in fields) && typeof fields.tool_name === "string";
  const field = smol ? fields.tool_name : fields.action;
  const name = typeof field === "string" ? field.trim() : "";
  if (!callableName(name, { tools: ctx.tools, auto: ctx.auto })) return { reject: true };
  const input = smol ? fields.tool_arguments : (fields.action_input ?? fields.input);
  return outcomeFor(name, input ?? {}, rest, raw, ctx);
}

const ACTION_RULE: BlockRule = {
  open: "Action:",
  lineStart: "always",
  end: {
    kind: "close",
    close: ["\nObservation:"],
    stopBefore: ["\nAction:", "\nThought:", "\nFinal Answer:"],
  },
  decide: decideAction,
  parse: parseAction,
};
/** The same rule, inactive when auto-detecting (no tools declared: nothing to name). */
const GIVEN_ONLY_RULE: BlockRule = { ...ACTION_RULE, auto: false };

/**
 * The JSON agents' blob in a fence with no `Action:` line before it (LangChain's
 * `JSONAgentOutputParser` / `ReActJsonSingleInputOutputParser`, which find the fence anywhere,
 * even right after prose on its line). A fence written inside one of the blob's JSON strings
 * (`"action_input": "```sql\\n.."`) does not close it. With the format given only: when
 * auto-detecting, a bare fence belongs to the JSON formats.
 */
const BLOB_FENCE_RULE: BlockRule = {
  open: "```",
  auto: false,
  end: {
    kind: "close",
    close: ["```"],
    literalClose: (body) => endsInsideJsonString(body.slice(body.indexOf("\n") + 1)),
  },
  decide: (head, final) => {
    const newline = head.indexOf("\n");
    if (newline < 0) return final || !/^[ \t]*(?:j|js|jso|json)?[ \t\r]*$/i.test(head) ? "reject" : undefined;
    if (!/^[ \t]*(?:json)?[ \t\r]*$/i.test(head.slice(0, newline))) return "reject";
    const at = firstNonSpace(head.slice(newline + 1));
    if (at < 0) return final ? "reject" : undefined;
    return "{[".includes(head[newline + 1 + at]!) ? undefined : "reject";
  },
  parse: (body, ctx) => {
    const raw = ctx.open + body + (ctx.close ?? "");
    if (ctx.close === null) return { reject: true };
    return blobsOutcome(body.slice(body.indexOf("\n") + 1), raw, ctx);
  },
};

/**
 * Blob text: one blob, or a list of them (Dify unwraps Cohere's one-element list), each a call;
 * anything else in the list leaves the whole text to the other rules.
 */
function blobsOutcome(text: string, raw: string, ctx: BlockContext): BlockOutcome {
  const { value, rest } = splitInput(text);
  const parsed = parseJsonLoose(value);
  if (!parsed.ok) return { reject: true };
  const blobs = Array.isArray(parsed.value) ? parsed.value : [parsed.value];
  if (blobs.length === 0) return { reject: true };
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  for (const [index, blob] of blobs.entries()) {
    const outcome = blobOutcome(blob, index === blobs.length - 1 ? rest : "", raw, ctx);
    if (outcome.reject) return { reject: true };
    calls.push(...(outcome.calls ?? []));
    problems.push(...(outcome.problems ?? []));
  }
  const content = rest.trim().length > 0 ? rest : undefined;
  return { calls, problems, ...(content ? { content } : {}) };
}

/**
 * The blob written bare at the start of a line, or a list of blobs (Dify's CoT parser reads
 * both). With the format given only, as the fence.
 */
function blobValueRule(open: "{" | "["): BlockRule {
  return {
    open,
    lineStart: "always",
    auto: false,
    end: { kind: "value", includeOpen: true },
    decide: (head) => decideBareHead(open, head),
    parse: (body, ctx) => (ctx.truncated ? { reject: true } : blobsOutcome(body, ctx.open + body, ctx)),
  };
}

export const react: FormatSpec = {
  id: "react",
  description:
    'Action: NAME\\nAction Input: {"a": 1} (LangChain ReAct text agents; also the {"action", "action_input"} blob)',
  // Auto-detection adds the `Action:` opener only when tools are declared.
  blocks: (tools: ToolIndex) => [
    tools.declared ? ACTION_RULE : GIVEN_ONLY_RULE,
    BLOB_FENCE_RULE,
    blobValueRule("{"),
    blobValueRule("["),
  ],
};
