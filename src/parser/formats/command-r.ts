/**
 * command_r (Cohere Command R / R+, the 2024 `c4ai-command-r` models; ollama's `command-r`
 * parser and template): the calls are a fenced JSON list after `Action:`,
 *
 *   Action: ```json
 *   [
 *       {"tool_name": "get_weather", "parameters": {"location": "San Francisco"}}
 *   ]
 *   ```
 *
 * Text before `Action:` is content. `directly-answer` is Command R's pseudo-tool for "answer
 * without a tool" and is never a call. A `{"action": "Final Answer", ..}` blob there is a ReAct
 * agent's answer (LangChain's structured chat, Dify's CoT agent), not a call: it stays text. Leniencies: a single object instead of the list, a fence
 * never closed at the end of the output when the JSON is complete, the shared JSON repairs.
 * `Action: ```json` (or `Action:` with the fence on the next line) must start a line; when auto-detecting the body must be calls, and where
 * tools are declared they must name them (anything else stays text; ReAct's `Action: NAME`
 * lines are the react format's). Command R7B and Command A use `<|START_ACTION|>`.
 */
import type { BlockContext, BlockOutcome, FormatSpec } from "../format-spec.ts";
import { endsInsideJsonString } from "./shared/json-prefix.ts";
import { parseJsonCallsBody } from "./shared/tagged-json.ts";

const OPEN = "Action: ```json";
const FENCE = "```";
const DIRECT_ANSWER = /^directly[-_ ]answer$/i;
const FINAL_ANSWER = /^final[-_ ]?answer$/i;

function parseAction(body: string, ctx: BlockContext): BlockOutcome {
  const outcome = parseJsonCallsBody(body, ctx);
  if (!outcome.calls) return ctx.auto ? { reject: true } : outcome;
  if (outcome.calls.length > 0 && outcome.calls.every((call) => FINAL_ANSWER.test(call.name.trim()))) {
    return { reject: true };
  }
  const calls = outcome.calls.filter((call) => !DIRECT_ANSWER.test(call.name));
  // When auto-detecting, where tools are declared every call must name one (as bare JSON).
  if (ctx.auto && ctx.tools.declared && calls.some((call) => ctx.tools.resolve(call.name) === undefined)) {
    return { reject: true };
  }
  return { ...outcome, calls: calls.map(({ name, arguments: args }) => ({ name, arguments: args })) };
}

// The fence may also start the line after `Action:` (llama.cpp's Command R+ test writes it so).
const OPENERS = [OPEN, "Action:\n```json"];

export const commandR: FormatSpec = {
  id: "command_r",
  description: 'Action: ```json\\n[{"tool_name": ..., "parameters": {...}}]\\n``` (Command R / R+)',
  priority: 42,
  // Command R / R+ share Cohere's turn tokens; a server that keeps special tokens leaves them in.
  strip: ["<|START_OF_TURN_TOKEN|>", "<|CHATBOT_TOKEN|>", "<|END_OF_TURN_TOKEN|>"],
  // The opener is the whole `Action: ```json` Command R writes: a bare `Action:` is ReAct's
  // (react.ts), and two rules sharing an opener would have to share its end.
  blocks: OPENERS.map((open) => ({
    open,
    lineStart: "always" as const,
    // A fence quoted inside a JSON string of the list does not close it.
    end: {
      kind: "close" as const,
      close: [FENCE],
      literalClose: (body: string) => endsInsideJsonString(body),
    },
    parse: parseAction,
  })),
};
