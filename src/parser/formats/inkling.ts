/**
 * inkling (Thinking Machines' Inkling): every turn is a sequence of messages framed by special
 * tokens, a tool call being a JSON message whose payload names the tool and its `args`:
 *
 *   <|message_model|><|content_thinking|>Need the weather.<|end_message|>
 *   <|message_model|>weather<|content_invoke_tool_json|>{"name":"weather","args":{"city":"SF"}}<|end_message|>
 *   <|message_model|><|content_text|>Here you go.<|end_message|>
 *
 * - `<|content_thinking|>` messages are reasoning, `<|content_text|>` messages content; the text
 *   between `<|message_model|>` and the content kind is the message header (the tool's name for a
 *   call, author metadata: the payload's `name` wins where they differ).
 * - A call's payload is one JSON object `{"name": .., "args": {..}}` (the shared JSON-call
 *   leniencies apply); `<|content_invoke_tool_json|>` written without its message header is a call
 *   too (the pre-canonical form), and a missing `<|end_message|>` at the end of the output is read
 *   when the JSON is complete.
 * - Every other control token (`<|content_model_end_sampling|>`, `<|endoftext|>`, ...) is dropped
 *   from content. A raw-text invocation (`<|content_invoke_tool_text|>`, no tool name) stays
 *   content.
 *
 * Sources: sglang's `inkling` detector (inkling_detector.py, tests
 * test/registered/unit/function_call/test_inkling_detector.py) and its control-token alphabet
 * (sglang/srt/parser/inkling_tokenizer.py); vLLM's inkling parser. Unlike sglang, a payload that
 * is not JSON is a malformed call (not content), and one bad call does not discard the others.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { parseJsonCallsBody, quotedClose } from "./shared/tagged-json.ts";

const MESSAGE_MODEL = "<|message_model|>";
const END_MESSAGE = "<|end_message|>";
const INVOKE_JSON = "<|content_invoke_tool_json|>";
const INVOKE_TEXT = "<|content_invoke_tool_text|>";
const THINKING = "<|content_thinking|>";
const TEXT = "<|content_text|>";

/** The control tokens dropped wherever they stand in content (sglang's INKLING_CONTROL_TOKENS). */
const CONTROL_TOKENS = [
  "<|endoftext|>",
  "<|message_user|>",
  "<|message_system|>",
  "<|message_tool|>",
  "<|content_image|>",
  "<|content_model_end_sampling|>",
  "<|content_audio_input|>",
  "<|content_tool_error|>",
  "<|content_xml|>",
  "<|audio_end|>",
  "<|content_invoke_tool|>",
  "<|model_trigger_generation|>",
  INVOKE_TEXT,
  TEXT,
  END_MESSAGE,
];

/** The content kinds that end a message header. */
const KINDS = [INVOKE_JSON, THINKING, TEXT, INVOKE_TEXT] as const;

function clean(text: string): string {
  let cleaned = text;
  for (const token of [...CONTROL_TOKENS, THINKING, MESSAGE_MODEL]) cleaned = cleaned.replaceAll(token, "");
  return cleaned;
}

/**
 * A call payload; one that reads only once stray control tokens are dropped from it
 * (`{"name":..}<|content_thinking|>`, sglang's recovery) is read so.
 */
function parseCall(payload: string, ctx: BlockContext): BlockOutcome {
  const outcome = parseJsonCallsBody(payload, ctx);
  if ((outcome.calls?.length ?? 0) > 0 || clean(payload) === payload) return outcome;
  const cleaned = parseJsonCallsBody(clean(payload), ctx);
  return (cleaned.calls?.length ?? 0) > 0 ? cleaned : outcome;
}

/** `HEADER<|kind|>PAYLOAD` after `<|message_model|>`: a call, reasoning or content. */
function parseMessage(body: string, ctx: BlockContext): BlockOutcome {
  let kindAt = -1;
  let kind: string | undefined;
  for (const candidate of KINDS) {
    const at = body.indexOf(candidate);
    if (at >= 0 && (kindAt < 0 || at < kindAt)) {
      kindAt = at;
      kind = candidate;
    }
  }
  if (kind === undefined) return { content: clean(body) };
  const payload = body.slice(kindAt + kind.length);
  if (kind === INVOKE_JSON)
    return parseCall(payload, { ...ctx, open: ctx.open + body.slice(0, kindAt) + kind });
  if (kind === THINKING) return { reasoning: clean(payload) };
  return { content: clean(payload) };
}

export const inkling: FormatSpec = {
  id: "inkling",
  description:
    '<|message_model|>NAME<|content_invoke_tool_json|>{"name": ..., "args": {...}}<|end_message|>, reasoning <|content_thinking|> messages (Inkling)',
  blocks: [
    {
      open: MESSAGE_MODEL,
      // A `<|end_message|>` inside the JSON payload's strings is quoted text.
      end: {
        kind: "close",
        close: [END_MESSAGE],
        stopBefore: [MESSAGE_MODEL],
        literalClose: quotedPayloadClose,
      },
      parse: parseMessage,
    },
    {
      open: INVOKE_JSON,
      end: { kind: "close", close: [END_MESSAGE], stopBefore: [MESSAGE_MODEL], literalClose: quotedClose },
      parse: parseCall,
    },
  ],
  reasoning: [{ open: THINKING, close: [END_MESSAGE] }],
  strip: CONTROL_TOKENS,
};

/** Inside a call message, a closer within the JSON payload's strings is text. */
function quotedPayloadClose(body: string): boolean {
  const at = body.indexOf(INVOKE_JSON);
  return at >= 0 && quotedClose(body.slice(at + INVOKE_JSON.length));
}
