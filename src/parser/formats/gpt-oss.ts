/**
 * gpt_oss (OpenAI gpt-oss, the harmony format). A message is
 * `<|start|>assistant<|channel|>CHANNEL[ to=RECIPIENT][ <|constrain|>json]<|message|>TEXT<|end|>`:
 *
 * - `analysis` without a recipient is reasoning, `final` (and `commentary` without a recipient,
 *   the preamble shown to the user) is content; both stream: their headers are reasoning
 *   openers / dropped tokens, not buffered blocks.
 * - A message with a recipient (`to=functions.NAME`, in the channel header or in the role header
 *   `<|start|>assistant to=functions.NAME<|channel|>commentary json<|message|>`) is a call whose
 *   JSON arguments end at `<|call|>`; a recipient on the analysis channel is still a call.
 * - When the prompt ends with `<|start|>assistant`, the output may begin ` to=functions.NAME<|channel|>...`.
 *
 * - Servers that decode with special tokens skipped (mlx-lm, some OpenAI-compatible wrappers) turn
 *   a call into `...assistantcommentary to=functions.NAME json{...}`: with the format given (not
 *   when auto-detecting: the opener is plain words), `commentary to=NAME` followed by an optional
 *   `json` / `<|constrain|>json` / `<|message|>` and a JSON object is read as that call; the rest
 *   of such an output stays content, as its channel boundaries are gone.
 *
 * - LLM-jp-4.1 writes the same with one space after each special token (`<|start|> assistant`,
 *   `<|channel|> final<|message|> Hi`); that space is layout, not text.
 *
 * Leniencies: `<|end|>`/`<|call|>`/`<|return|>` missing at the end of output (a message ended by
 * the next `<|start|>`), an analysis message ended by `<|start|>` without `<|end|>`, recipients
 * other than `functions.` (built-in `browser.search`, `python`) kept as tool names, the usual
 * JSON repairs; an unfinished JSON at the end of output is a truncated call. A channel header
 * followed by another `<|channel|>` before its `<|message|>` was abandoned; the last one counts.
 */
import type {
  BlockContext,
  BlockOutcome,
  BlockRule,
  EndRule,
  FormatSpec,
  ValueStart,
} from "../format-spec.ts";
import { firstNonSpace, ValueScanner } from "../json-loose.ts";
import { endsInsideJsonString } from "./shared/json-prefix.ts";
import { decideRecipient } from "./shared/recipient.ts";
import { readJsonArguments } from "./shared/special-arguments.ts";

const MESSAGE = "<|message|>";
const CHANNEL = "<|channel|>";
const CONSTRAIN = "<|constrain|>";

const CLOSERS = ["<|call|>", "<|end|>", "<|return|>"] as const;

const MESSAGE_END: EndRule = {
  kind: "close",
  close: CLOSERS,
  stopBefore: ["<|start|>"],
  // `{"query": "literal <|call|> text"}`: a closer inside a JSON string argument is text.
  literalClose: (body) => insideJsonPayload(body),
};

/** The message payload so far is a JSON value that ends inside a string. */
function insideJsonPayload(body: string): boolean {
  const at = body.indexOf(MESSAGE);
  if (at < 0) return false;
  const payload = body.slice(at + MESSAGE.length);
  const start = firstNonSpace(payload);
  return start >= 0 && payload[start] === "{" && endsInsideJsonString(payload);
}

/**
 * A channel header holds a channel name, a recipient and a constraint, never a line break: a
 * `<|channel|>` followed by lines of text before any `<|message|>` is not a harmony message (a
 * Gemma 4 thought block written with `<|channel|>`, the token quoted in prose).
 */
function decideChannel(head: string): "reject" | undefined {
  const message = head.indexOf(MESSAGE);
  const header = message < 0 ? head : head.slice(0, message);
  return header.includes("\n") ? "reject" : undefined;
}

/** A channel header after `<|channel|>`: `commentary to=functions.NAME <|constrain|>json<|message|>{...}`. */
function parseChannelMessage(body: string, ctx: BlockContext): BlockOutcome {
  const split = splitMessage(body);
  // A header abandoned for another (`commentary to=assistant<|channel|>final`): the last one counts.
  const last = split.header.lastIndexOf(CHANNEL);
  const header = last < 0 ? split.header : split.header.slice(last + CHANNEL.length);
  const channel = /^\s*([\w-]*)/.exec(header)![1]!;
  const to = /\bto=([^\s<]+)/.exec(header);
  const recipient = to ? spacedRecipient(to[1]!, header.slice(to.index + 3), ctx) : undefined;
  const payload = dialectPayload(header, split.payload);
  return readMessage({ channel, recipient, payload, complete: split.complete }, body, ctx);
}

/** A role-header recipient: `functions.NAME<|channel|>commentary json<|message|>{...}` after `to=`. */
function parseRecipientMessage(body: string, ctx: BlockContext): BlockOutcome {
  const split = splitMessage(body);
  const word = /^\s*([^\s<]+)/.exec(split.header)?.[1];
  const recipient = word === undefined ? undefined : spacedRecipient(word, split.header.trimStart(), ctx);
  const channelAt = split.header.indexOf(CHANNEL);
  const channelHeader = channelAt < 0 ? "" : split.header.slice(channelAt + CHANNEL.length);
  const channel = channelAt < 0 ? "commentary" : /^\s*([\w-]*)/.exec(channelHeader)![1]!;
  const payload = dialectPayload(channelHeader, split.payload);
  return readMessage({ channel, recipient, payload, complete: split.complete }, body, ctx);
}

/**
 * The recipient: its first word, or the whole phrase up to the next token when that phrase names a
 * declared tool whose name holds spaces (`to=functions.Web Search <|constrain|>json`, an LM Studio
 * plugin tool).
 */
function spacedRecipient(word: string, rest: string, ctx: BlockContext): string {
  const phrase = (/^[^<]*/.exec(rest)?.[0] ?? "").replace(/\s+json\s*$/, "").trim();
  if (phrase === word || !/\s/.test(phrase)) return word;
  const declared = ctx.tools.resolve(phrase);
  return declared !== undefined && /\s/.test(declared) ? phrase : word;
}

/**
 * LLM-jp-4.1's harmony dialect writes one space after each special token (`<|channel|> final<|message|> Hi`):
 * when the channel name is spaced that way, the one space after `<|message|>` is layout too.
 */
function dialectPayload(channelHeader: string, payload: string): string {
  return /^[ \t]/.test(channelHeader) && payload.startsWith(" ") ? payload.slice(1) : payload;
}

function splitMessage(body: string): { header: string; payload: string; complete: boolean } {
  const at = body.indexOf(MESSAGE);
  if (at < 0) return { header: body, payload: "", complete: false };
  return { header: body.slice(0, at), payload: body.slice(at + MESSAGE.length), complete: true };
}

interface Message {
  readonly channel: string;
  readonly recipient: string | undefined;
  readonly payload: string;
  /** The header reached `<|message|>`. */
  readonly complete: boolean;
}

function readMessage(message: Message, body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  if (!message.complete) {
    if (!message.recipient) return { content: "" };
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return {
      problems: [
        {
          code,
          message: `the call to ${message.recipient} has no ${MESSAGE}`,
          raw,
          toolName: message.recipient,
        },
      ],
    };
  }
  if (!message.recipient) {
    return message.channel === "analysis" ? { reasoning: message.payload } : { content: message.payload };
  }
  const next = splitAtNextHeader(message.payload);
  if (next) {
    // `{..}<|channel|>final<|message|>..`: the call's `<|call|>` is missing, the next header ends it.
    const call = readMessage({ ...message, payload: next.value }, body, { ...ctx, truncated: false });
    return mergeOutcomes(call, parseChannelMessage(next.rest, ctx));
  }
  const name = message.recipient.replace(/^functions\./, "");
  // `{"location":"NYC<|call|>`: a closer taken for quoted text (literalClose) that nothing followed
  // was the model's real `<|call|>`, written before it closed its string: the call ends there.
  const cut = ctx.truncated ? cutAtFinalCloser(message.payload) : undefined;
  const payload = cut ?? message.payload;
  const truncated = cut === undefined && ctx.truncated;
  const read = readJsonArguments(payload, { truncated, raw, toolName: name });
  return read.ok ? { calls: [{ name, arguments: read.value }] } : { problems: [read.problem] };
}

/** The payload before its last message closer, when only spaces follow that closer. */
function cutAtFinalCloser(payload: string): string | undefined {
  const at = Math.max(...CLOSERS.map((closer) => payload.lastIndexOf(closer)));
  if (at < 0) return undefined;
  const closer = CLOSERS.find((candidate) => payload.startsWith(candidate, at))!;
  return payload.slice(at + closer.length).trim().length === 0 ? payload.slice(0, at) : undefined;
}

/** A payload that is a whole JSON object followed by the next message's `<|channel|>` header. */
function splitAtNextHeader(payload: string): { value: string; rest: string } | undefined {
  const start = firstNonSpace(payload);
  if (start < 0 || payload[start] !== "{") return undefined;
  const end = new ValueScanner().scan(payload, start, payload.length);
  if (end < 0) return undefined;
  const after = firstNonSpace(payload, end);
  if (after < 0 || !payload.startsWith(CHANNEL, after)) return undefined;
  return { value: payload.slice(0, end), rest: payload.slice(after + CHANNEL.length) };
}

function mergeOutcomes(first: BlockOutcome, second: BlockOutcome): BlockOutcome {
  const calls = [...(first.calls ?? []), ...(second.calls ?? [])];
  const problems = [...(first.problems ?? []), ...(second.problems ?? [])];
  const content = (first.content ?? "") + (second.content ?? "");
  const reasoning = (first.reasoning ?? "") + (second.reasoning ?? "");
  return {
    ...(calls.length > 0 ? { calls } : {}),
    ...(problems.length > 0 ? { problems } : {}),
    ...(content.length > 0 ? { content } : {}),
    ...(reasoning.length > 0 ? { reasoning } : {}),
  };
}

/**
 * Where the JSON arguments start after `commentary to=` in token-stripped output: a recipient,
 * then optionally `json`, `<|constrain|>json` or `<|message|>`, then `{`.
 */
function strippedValueStart(head: string, final: boolean): ValueStart {
  const more = final ? "none" : "wait";
  let at = /^[\w.\-:/]*/.exec(head)![0].length;
  if (at === 0) return head.length === 0 ? more : "none";
  for (const token of [CONSTRAIN, "json", MESSAGE]) {
    at = skipBlanks(head, at);
    const rest = head.slice(at, at + token.length);
    if (rest.length < token.length && token.startsWith(rest)) return at >= 160 ? "none" : more;
    if (rest === token) at += token.length;
  }
  at = skipBlanks(head, at);
  if (at >= head.length) return at >= 160 ? "none" : more;
  return head[at] === "{" ? at : "none";
}

function skipBlanks(text: string, from: number): number {
  let at = from;
  while (at < text.length && (text[at] === " " || text[at] === "\t")) at++;
  return at;
}

/** `functions.NAME json{...}` after `commentary to=` (special tokens skipped when decoding). */
function parseStrippedCall(body: string, ctx: BlockContext): BlockOutcome {
  const start = strippedValueStart(body, true);
  const recipient = /^[\w.\-:/]+/.exec(body)?.[0];
  if (typeof start !== "number" || recipient === undefined) return { reject: true };
  return readMessage(
    { channel: "commentary", recipient, payload: body.slice(start), complete: true },
    body,
    ctx,
  );
}

const BLOCKS: readonly BlockRule[] = [
  { open: CHANNEL, end: MESSAGE_END, decide: decideChannel, parse: parseChannelMessage },
  { open: "<|start|>assistant to=", end: MESSAGE_END, parse: parseRecipientMessage },
  { open: "<|start|> assistant to=", end: MESSAGE_END, parse: parseRecipientMessage },
  {
    open: "to=",
    end: MESSAGE_END,
    lineStart: "always",
    decide: (head) => decideRecipient(head, [CHANNEL, CONSTRAIN, MESSAGE]),
    parse: parseRecipientMessage,
  },
  {
    open: "commentary to=",
    auto: false,
    end: { kind: "value", valueStart: strippedValueStart },
    parse: parseStrippedCall,
  },
];

export const gptOss: FormatSpec = {
  id: "gpt_oss",
  description:
    "harmony: <|channel|>analysis<|message|>...<|end|> reasoning, <|channel|>commentary to=functions.NAME <|constrain|>json<|message|>{...}<|call|> (gpt-oss)",
  priority: 40,
  blocks: BLOCKS,
  reasoning: [
    {
      open: `${CHANNEL}analysis${MESSAGE}`,
      close: ["<|end|>", "<|start|>assistant", "<|start|>", "<|return|>"],
    },
  ],
  strip: [
    `${CHANNEL}final${MESSAGE}`,
    `${CHANNEL}commentary${MESSAGE}`,
    "<|start|>assistant",
    "<|start|> assistant",
    "<|end|>",
    "<|return|>",
    "<|call|>",
    // The tokenizer's end-of-text token, left after `<|call|>`/`<|return|>` by servers that
    // decode it (Rapid-MLX #455).
    "<|endoftext|>",
  ],
};
