/**
 * The Cohere Command wire pieces shared by command_r7b and command_a: the action block
 * `<|START_ACTION|>[{"tool_call_id": "0", "tool_name": NAME, "parameters": {...}}, ...]<|END_ACTION|>`,
 * the thinking region, the text wrappers and end tokens that are dropped, and citation markup
 * `<co>text</co: 0:[1,2]>` whose tags are removed (the cited text stays).
 */
import type { BlockContext, BlockOutcome, BlockRule, ReasoningRule } from "../../format-spec.ts";
import { parseJsonCallsBody, quotedClose } from "./tagged-json.ts";

export const COHERE_THINKING: ReasoningRule = { open: "<|START_THINKING|>", close: ["<|END_THINKING|>"] };

export const COHERE_STRIP: readonly string[] = [
  "<|START_RESPONSE|>",
  "<|END_RESPONSE|>",
  "<|START_TEXT|>",
  "<|END_TEXT|>",
  "<|END_OF_TURN_TOKEN|>",
  "<|START_OF_TURN_TOKEN|>",
  "<|CHATBOT_TOKEN|>",
];

/** The tool_call_id a model writes ("0", "1", ...) restarts every turn: ids are generated instead. */
function parseAction(body: string, ctx: BlockContext): BlockOutcome {
  const outcome = parseJsonCallsBody(body, ctx);
  if (!outcome.calls) return outcome;
  return { ...outcome, calls: outcome.calls.map(({ name, arguments: args }) => ({ name, arguments: args })) };
}

/** An `<|END_ACTION|>` inside a JSON string (`{"text": "say <|END_ACTION|>"}`) is quoted text. */
const ACTION: BlockRule = {
  open: "<|START_ACTION|>",
  end: { kind: "close", close: ["<|END_ACTION|>"], literalClose: quotedClose },
  parse: parseAction,
};

/** `<co>`: the opening citation tag, dropped (format given only: `<co>` is ordinary text elsewhere). */
const CITATION_OPEN: BlockRule = { open: "<co>", end: { kind: "token" }, auto: false, parse: () => ({}) };

/** `</co: 0:[1,2],1:[3,4]>`: the closing citation tag with its document references, dropped. */
const CITATION_CLOSE: BlockRule = {
  open: "</co:",
  end: { kind: "close", close: [">"] },
  auto: false,
  decide: (head) => (/^[\s\d:[\],]*$/.test(head) ? undefined : "reject"),
  parse: () => ({}),
};

export const COHERE_BLOCKS: readonly BlockRule[] = [ACTION, CITATION_OPEN, CITATION_CLOSE];
