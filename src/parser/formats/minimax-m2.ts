/**
 * minimax_m2 (MiniMax-M2):
 *
 *   <minimax:tool_call>
 *   <invoke name="get_weather">
 *   <parameter name="city">Seattle</parameter>
 *   </invoke>
 *   </minimax:tool_call>
 *
 * Several invokes per block. Values are typed by the tool's schema (anyOf/nullable included:
 * `null` becomes null where the schema allows it, JSON text an object where it asks for one) and
 * stay strings without one (vLLM's MiniMax-M2 parser). Reasoning in `<think>...</think>`.
 *
 * Without its native tool prompt (agent clients, OpenAI-compatible gateways) MiniMax-M2.x also
 * writes calls in a Perl-hash shape of its own (hermes-agent#35935, LM Studio#1177):
 *
 *   [TOOL_CALL]
 *   {tool => "terminal", args => {
 *     --command "echo test"
 *   }}
 *   [/TOOL_CALL]
 *
 * read by shared/arrow-calls.ts (several calls per block, JSON bodies, `key => value` arguments;
 * quoted values are strings, bare ones typed by the schema or their text). A block whose first
 * word is not a call (`[TOOL_CALL] tags` in prose) stays text; a cut-off one is a truncated call.
 *
 * Leniencies: those of shared/glm-invoke.ts, a missing `</minimax:tool_call>` at the end of the
 * output when every invoke closed, and bare `<invoke name=...>` blocks without the wrapper (when
 * auto-detecting only for declared tools, and not when a parameter carries DeepSeek's `string=`
 * attribute: deepseek_v4's; a left-over `</minimax:tool_call>` is dropped). Text
 * inside the block outside the invokes stays content.
 */
import type {
  BlockContext,
  BlockOutcome,
  BlockRule,
  DecideContext,
  FormatSpec,
  ProblemDraft,
} from "../format-spec.ts";
import { readArrowCalls } from "./shared/arrow-calls.ts";
import { hasStringMarkedParameter } from "./shared/dsml-invoke.ts";
import { readInvokes } from "./shared/glm-invoke.ts";
import { readerFailureProblem } from "./shared/reader-failure.ts";

const TAGS = { prefix: "", untyped: "string" } as const;

function parseBlock(body: string, ctx: BlockContext): BlockOutcome {
  const { calls, problems, stray } = readInvokes(body, ctx, TAGS);
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no <invoke>`, raw }] };
  }
  const content = stray.trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

const NAME_ATTRIBUTE = /^\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))\s*>/;

/**
 * A bare `<invoke name=...>` (the wrapper's opener forgotten): with the format given, any name;
 * when auto-detecting, only a declared tool's name.
 */
function decideBareInvoke(head: string, final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.auto) return undefined;
  const name = NAME_ATTRIBUTE.exec(head);
  if (!name) return final || head.includes(">") ? "reject" : undefined;
  const value = name[1] ?? name[2] ?? name[3] ?? "";
  return ctx.tools.declared && ctx.tools.resolve(value) !== undefined ? undefined : "reject";
}

/**
 * `[TOOL_CALL]` opens a call only when a call follows: `{`, `[`, `<invoke` or `tool =>`
 * (MiniMax's call without its outer braces). Prose naming the token stays text.
 */
function decideArrowHead(head: string, final: boolean): "reject" | undefined {
  const text = head.trimStart();
  if (text === "" || text[0] === "{" || text[0] === "[") return undefined;
  if (text[0] === "<") {
    const length = Math.min(text.length, "<invoke".length);
    if (text.slice(0, length) !== "<invoke".slice(0, length)) return "reject";
    return length === "<invoke".length || !final ? undefined : "reject";
  }
  const word = /^[A-Za-z_]\w*/.exec(text);
  if (!word) return "reject";
  const rest = text.slice(word[0].length).trimStart();
  if (rest === "" || rest === "=") return final ? "reject" : undefined;
  return rest.startsWith("=>") ? undefined : "reject";
}

function parseArrowBlock(body: string, ctx: BlockContext): BlockOutcome {
  if (/^\s*<invoke\b/.test(body)) return parseBlock(body, ctx);
  const raw = ctx.open + body + (ctx.close ?? "");
  const read = readArrowCalls(body, ctx.tools, !ctx.truncated);
  const problems: ProblemDraft[] = [];
  if (read.failure) {
    problems.push(readerFailureProblem(read.failure, ctx.truncated, raw, "the call"));
  } else if (read.calls.length === 0) {
    const truncated = ctx.truncated && body.trim() === "";
    problems.push({
      code: truncated ? "truncated-call" : "malformed-call",
      message: truncated
        ? "the output ended right after [TOOL_CALL]"
        : `expected {tool => "NAME", args => {...}} in ${ctx.open}, got ${JSON.stringify(body.slice(0, 120))}`,
      raw,
    });
    return { problems };
  }
  const rest = read.calls.length > 0 && read.rest.trim().length > 0 ? read.rest : undefined;
  return { calls: read.calls, problems, ...(rest ? { content: rest } : {}) };
}

const ARROW_BLOCK: BlockRule = {
  open: "[TOOL_CALL]",
  // A second [TOOL_CALL] before the first one's closer starts the next block.
  end: { kind: "close", close: ["[/TOOL_CALL]"], stopBefore: ["[TOOL_CALL]"] },
  decide: decideArrowHead,
  parse: parseArrowBlock,
};

export const minimaxM2: FormatSpec = {
  id: "minimax_m2",
  description:
    '<minimax:tool_call><invoke name="NAME"><parameter name="K">V</parameter></invoke></minimax:tool_call> (MiniMax-M2)',
  blocks: [
    {
      open: "<minimax:tool_call>",
      end: { kind: "close", close: ["</minimax:tool_call>"] },
      parse: parseBlock,
    },
    {
      open: "<invoke name=",
      end: { kind: "close", close: ["</invoke>"] },
      decide: decideBareInvoke,
      // `<parameter name=.. string="true">`: DeepSeek's DSML with its `｜DSML｜` token dropped.
      accepts: (body) => !hasStringMarkedParameter(body),
      parse: (body, ctx) => {
        const whole = `<invoke name=${body}${ctx.close ?? ""}`;
        return parseBlock(whole, { ...ctx, open: "", close: null });
      },
    },
    ARROW_BLOCK,
  ],
  // An orphan closer (its block's opener forgotten, the invokes read as bare ones) is not text.
  strip: ["</minimax:tool_call>"],
};
