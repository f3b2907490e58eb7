/**
 * muse_glimmer (Muse Glimmer): messages in a harmony-like envelope, each addressed to a
 * recipient, the calls in ATEM markup. The prompt ends with `<|start|>assistant`, so the output
 * begins with the first message's header:
 *
 *    to=self<|message|>Need the weather.<|eom|>
 *   <|start|>assistant to=get_weather.get_weather<|message|><atem:function_calls>
 *   <atem:invoke name="get_weather.get_weather">
 *   <atem:parameter name="city">Paris</atem:parameter>
 *   </atem:invoke>
 *   </atem:function_calls><|eom|>
 *   <|start|>assistant to=user<|message|>It is sunny.<|eot|>
 *
 * - `to=self` is reasoning (several such messages join with a line break), `to=user` (or no
 *   recipient: `<|start|>assistant<|message|>`) is content, any other recipient is a tool message
 *   whose body is one `<atem:function_calls>` block. A message ends at `<|eom|>` / `<|eot|>`, at the
 *   next `<|start|>assistant` header, or with the output.
 * - The call's name is the invoke's: the template advertises each tool under its first dotted
 *   component as a namespace, so `read.read` is the tool `read` and `repo.repo.read` is
 *   `repo.read` (resolved against the declared tools, and without them when the namespace repeats
 *   the name's first component). A `<|message|>` fumbled into the invoke name is dropped.
 * - Values are verbatim (line breaks kept), typed by the tool's schema; without one JSON literals
 *   (numbers, booleans, null, objects, lists) are decoded and other text stays a string.
 *
 * Sources: sglang's `muse` detector (muse_glimmer_detector.py, test
 * test/registered/unit/function_call/test_muse_glimmer_detector.py), ollama's Glimmer parser
 * (model/parsers/glimmer.go), vLLM's muse_glimmer parser, llama.cpp's and mistral.rs's ATEM parsers.
 *
 * Channel scoping (sglang): an ATEM block quoted inside reasoning, or inside a final answer
 * beside other text, is not a call. A content message whose whole body is one ATEM block for a
 * declared tool is (ollama: the model fumbled the recipient), and so is an ATEM block written
 * with no message header at all when it names a declared tool (ollama and the vendor's
 * reference parser; sglang leaves it as text). A tool message whose body is not ATEM is a
 * malformed call; one cut off by the end of the output is a truncated call.
 */
import type {
  BlockContext,
  BlockOutcome,
  DecideContext,
  EndRule,
  FormatSpec,
  ProblemDraft,
  RawCall,
} from "../format-spec.ts";
import type { ToolIndex } from "../tool-index.ts";
import { readInvokes } from "./shared/glm-invoke.ts";
import { decideRecipient } from "./shared/recipient.ts";

const MESSAGE = "<|message|>";
const HEADER = "<|start|>assistant";
const ATEM_OPEN = "<atem:function_calls>";
const ATEM_CLOSE = "</atem:function_calls>";
const TAGS = { prefix: "atem:", untyped: "infer", verbatim: true } as const;

/** The body so far is inside an ATEM block no `</atem:function_calls>` has closed. */
function insideAtem(body: string): boolean {
  const open = body.lastIndexOf(ATEM_OPEN);
  return open >= 0 && body.indexOf(ATEM_CLOSE, open + ATEM_OPEN.length) < 0;
}

const MESSAGE_END: EndRule = {
  kind: "close",
  close: ["<|eom|>", "<|eot|>"],
  // `<atem:parameter name="text">literal <|eot|> text</atem:parameter>`: a value may quote a token.
  literalClose: (body) => insideAtem(body),
};

/**
 * Among formats sharing `to=` / `<|start|>assistant to=` (gpt_oss), a glimmer message: a plain
 * recipient right before `<|message|>`, then a reasoning or answer message or an ATEM block.
 */
function isGlimmerMessage(body: string): boolean {
  const header = /^\s*([\w.\-:/]+)[ \t]*<\|message\|>/.exec(body);
  if (!header) return false;
  if (header[1] === "self" || header[1] === "user") return true;
  return body.slice(header[0].length).trimStart().startsWith(ATEM_OPEN);
}

interface Message {
  /** The recipient, "" when the header names none; undefined when `<|message|>` never came. */
  readonly recipient: string | undefined;
  readonly payload: string;
}

/**
 * The messages of a block body: the first one's header follows the opener; later ones start at a
 * `<|start|>assistant` header written without the previous message's `<|eom|>` (outside ATEM).
 */
function splitMessages(body: string): Message[] {
  const parts: string[] = [];
  let from = 0;
  let search = 0;
  for (;;) {
    const at = body.indexOf(HEADER, search);
    if (at < 0) break;
    if (insideAtem(body.slice(from, at))) {
      search = at + HEADER.length;
      continue;
    }
    parts.push(body.slice(from, at));
    from = at + HEADER.length;
    search = from;
  }
  parts.push(body.slice(from));
  return parts.map((part, index) => readHeader(part, index === 0));
}

function readHeader(part: string, first: boolean): Message {
  const at = part.indexOf(MESSAGE);
  if (at < 0) return { recipient: undefined, payload: part };
  const header = part.slice(0, at).trim();
  const recipient = first ? header : header.replace(/^to=/, "").trim();
  return { recipient, payload: part.slice(at + MESSAGE.length) };
}

function parseMessages(body: string, ctx: BlockContext): BlockOutcome {
  const messages = splitMessages(body);
  const outcomes = messages.map((message, index) =>
    readMessage(message, { ...ctx, truncated: ctx.truncated && index === messages.length - 1 }),
  );
  return merge(outcomes);
}

function readMessage(message: Message, ctx: BlockContext): BlockOutcome {
  const { recipient, payload } = message;
  const raw = ctx.open + payload;
  if (recipient === undefined) {
    return ctx.truncated ? {} : { content: payload };
  }
  if (recipient === "self") return { reasoning: `${payload}\n` };
  if (recipient === "" || recipient === "user" || !isToolRecipient(recipient, payload, ctx.tools)) {
    const fumbled = wholeAtemCall(payload, ctx);
    return fumbled ?? { content: payload };
  }
  const trimmed = payload.trim();
  if (!trimmed.startsWith(ATEM_OPEN)) {
    if (ctx.truncated && ATEM_OPEN.startsWith(trimmed)) {
      return problem(
        "truncated-call",
        `the call to ${recipient} ended before its ATEM block`,
        raw,
        recipient,
      );
    }
    return problem("malformed-call", `the message to ${recipient} is not an ATEM block`, raw, recipient);
  }
  return readAtem(trimmed.slice(ATEM_OPEN.length), ctx, raw, recipient);
}

/** A recipient is a tool unless it names nothing declared and its payload is not ATEM. */
function isToolRecipient(recipient: string, payload: string, tools: ToolIndex): boolean {
  if (payload.trimStart().startsWith(ATEM_OPEN)) return true;
  return tools.declared && tools.resolve(recipient) !== undefined;
}

/** A content message that is one whole ATEM block calling a declared tool (a fumbled recipient). */
function wholeAtemCall(payload: string, ctx: BlockContext): BlockOutcome | undefined {
  const trimmed = payload.trim();
  if (!trimmed.startsWith(ATEM_OPEN) || !trimmed.endsWith(ATEM_CLOSE) || !ctx.tools.declared)
    return undefined;
  const inner = trimmed.slice(ATEM_OPEN.length, -ATEM_CLOSE.length);
  const read = readAtem(inner, { ...ctx, truncated: false }, ctx.open + payload, undefined);
  const calls = read.calls ?? [];
  if (calls.length === 0 || (read.problems?.length ?? 0) > 0) return undefined;
  return calls.every((call) => ctx.tools.resolve(call.name) !== undefined) ? read : undefined;
}

/** The invokes of one ATEM block, after its `<atem:function_calls>` opener. */
function readAtem(text: string, ctx: BlockContext, raw: string, recipient: string | undefined): BlockOutcome {
  const close = text.indexOf(ATEM_CLOSE);
  const inner = close < 0 ? text : text.slice(0, close);
  const after = close < 0 ? "" : text.slice(close + ATEM_CLOSE.length);
  const truncated = ctx.truncated && close < 0;
  const read = readInvokes(inner, { ...ctx, truncated }, TAGS);
  const calls: RawCall[] = read.calls.map((call) => ({ ...call, name: toolName(call.name, ctx.tools) }));
  const problems: ProblemDraft[] = [...read.problems];
  if (truncated && problems.length === 0) {
    return problem("truncated-call", "the output ended inside an ATEM block", raw, recipient);
  }
  if (calls.length === 0 && problems.length === 0) {
    return problem("malformed-call", "the ATEM block holds no <atem:invoke>", raw, recipient);
  }
  const content = (read.stray + after).trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

/**
 * The tool an invoke names: a stray `<|message|>` dropped; a declared name as written (the shared
 * name resolution maps `read.read` to a declared `read`); without tools, a namespace that
 * repeats the name's own first component is dropped (`get_weather.get_weather`).
 */
function toolName(written: string, tools: ToolIndex): string {
  const name = written.replaceAll(MESSAGE, "").trim();
  if (tools.declared && tools.resolve(name) !== undefined) return name;
  const dot = name.indexOf(".");
  if (dot <= 0) return name;
  const rest = name.slice(dot + 1);
  return rest.split(".")[0] === name.slice(0, dot) ? rest : name;
}

function problem(
  code: "truncated-call" | "malformed-call",
  message: string,
  raw: string,
  toolName: string | undefined,
): BlockOutcome {
  return { problems: [{ code, message, raw, ...(toolName ? { toolName } : {}) }] };
}

function merge(outcomes: readonly BlockOutcome[]): BlockOutcome {
  const calls = outcomes.flatMap((outcome) => outcome.calls ?? []);
  const problems = outcomes.flatMap((outcome) => outcome.problems ?? []);
  const content = outcomes.map((outcome) => outcome.content ?? "").join("");
  const reasoning = outcomes.map((outcome) => outcome.reasoning ?? "").join("");
  return {
    ...(calls.length > 0 ? { calls } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(content.length > 0 ? { content } : {}),
    ...(reasoning.length > 0 ? { reasoning } : {}),
  };
}

/** An ATEM block with no message header: a call only when its invoke names a declared tool. */
function decideBareAtem(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.tools.declared) return "reject";
  const name = /^\s*<atem:invoke\s+name\s*=\s*"([^"]*)"/.exec(head);
  if (!name) {
    const text = head.trimStart();
    const partial = '<atem:invoke name="'.startsWith(text) || /^<atem:invoke\s+name\s*=\s*"[^"]*$/.test(text);
    return partial && !final && head.length < 256 ? undefined : "reject";
  }
  return ctx.tools.resolve(name[1]!.replaceAll(MESSAGE, "").trim()) !== undefined ? undefined : "reject";
}

export const museGlimmer: FormatSpec = {
  id: "muse_glimmer",
  description:
    ' to=self<|message|>..<|eom|><|start|>assistant to=NAME<|message|><atem:function_calls><atem:invoke name="NAME"><atem:parameter name="K">V</atem:parameter></atem:invoke></atem:function_calls> (Muse Glimmer)',
  // Before gpt_oss, whose `to=` / `<|start|>assistant to=` openers these messages share.
  priority: 35,
  blocks: [
    {
      open: `${HEADER} to=`,
      end: MESSAGE_END,
      decide: (head) => decideRecipient(head, [MESSAGE]),
      accepts: isGlimmerMessage,
      parse: parseMessages,
    },
    {
      open: "to=",
      end: MESSAGE_END,
      lineStart: "always",
      decide: (head) => decideRecipient(head, [MESSAGE]),
      accepts: isGlimmerMessage,
      parse: parseMessages,
    },
    {
      open: ATEM_OPEN,
      end: { kind: "close", close: [ATEM_CLOSE] },
      decide: decideBareAtem,
      parse: (body, ctx) =>
        readAtem(`${body}${ctx.close ?? ""}`, ctx, ctx.open + body + (ctx.close ?? ""), undefined),
    },
  ],
  strip: ["<|eom|>", "<|eot|>", `${HEADER}${MESSAGE}`, HEADER, MESSAGE],
};
