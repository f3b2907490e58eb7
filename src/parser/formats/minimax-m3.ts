/**
 * minimax_m3 (MiniMax-M3): every tag is prefixed by the namespace token `]<]minimax[>[` (NS):
 *
 *   NS<tool_call>
 *   NS<invoke name="create_order">NS<user_id>42NS</user_id>NS<shipping>NS<city>SingaporeNS</city>NS</shipping>NS</invoke>
 *   NS</tool_call>
 *
 * Several invokes per block. Parameters are nested elements typed by the tool's schema (see
 * shared/glm-xml-values.ts): objects, `<item>` lists, repeated tags as lists; leaves without a
 * schema stay strings. Text between the tags is never markup unless NS precedes it.
 *
 * Leniencies: a missing closing tag inside an invoke (closed by its parent's), a missing
 * `</invoke>` or `NS</tool_call>` when the rest closed. An invoke cut off by the end of the output
 * is a truncated call; the invokes before it are kept. A stray closing tag is a malformed call.
 * Reasoning is `<mm:think>..</mm:think>`; a turn without reasoning starts with a bare `</mm:think>`
 * (the template's empty-thinking marker), which is dropped.
 */
import type { BlockContext, BlockOutcome, FormatSpec, ProblemDraft, RawCall } from "../format-spec.ts";
import { readNamespacedXml, type XmlElement } from "./shared/glm-namespaced-xml.ts";
import { elementsObject } from "./shared/glm-xml-values.ts";

const NAMESPACE = "]<]minimax[>[";
/**
 * The rule opens on the namespace's bracket-free head and checks the rest of the opener in
 * `decide`: a literal opener holding `[` loses its held-back prefix in the scanner when the `[`
 * of another format (pythonic, line-start only) is skipped inside it (see the group report).
 */
const OPEN = "]<]minimax";
const OPEN_REST = "[>[<tool_call>";

function decideOpener(head: string, final: boolean): "reject" | undefined {
  if (head.startsWith(OPEN_REST)) return undefined;
  return !final && OPEN_REST.startsWith(head) ? undefined : "reject";
}

function parseBlock(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const inner = body.slice(OPEN_REST.length);
  const forest = readNamespacedXml(inner, NAMESPACE);
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const stray: string[] = [forest.stray];
  for (const element of forest.elements) {
    if (element.tag !== "invoke") {
      stray.push(inner.slice(element.start, element.end));
      continue;
    }
    const outcome = readInvoke(element, inner.slice(element.start, element.end), ctx);
    if ("problem" in outcome) problems.push(outcome.problem);
    else calls.push(outcome.call);
  }
  if (forest.error) problems.push({ code: "malformed-call", message: forest.error, raw });
  if (calls.length === 0 && problems.length === 0) {
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${NAMESPACE}<tool_call> holds no invoke`, raw }] };
  }
  const content = stray.join("").trim();
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}

function readInvoke(
  invoke: XmlElement,
  raw: string,
  ctx: BlockContext,
): { call: RawCall } | { problem: ProblemDraft } {
  const name = invoke.attributes.name?.trim() ?? "";
  if (!invoke.closed && ctx.truncated) {
    return {
      problem: { code: "truncated-call", message: "the output ended inside an invoke", raw, toolName: name },
    };
  }
  if (name.length === 0)
    return { problem: { code: "malformed-call", message: "the invoke has no name", raw } };
  const declared = ctx.tools.resolve(name) ?? name;
  const arguments_ = elementsObject(invoke.children, ctx.tools.get(declared)?.parameters);
  return { call: { name, arguments: arguments_ } };
}

export const minimaxM3: FormatSpec = {
  id: "minimax_m3",
  description: `${NAMESPACE}<tool_call>${NAMESPACE}<invoke name="NAME">${NAMESPACE}<param>V${NAMESPACE}</param>... (MiniMax-M3)`,
  blocks: [
    {
      open: OPEN,
      end: { kind: "close", close: [`${NAMESPACE}</tool_call>`] },
      decide: decideOpener,
      parse: parseBlock,
    },
  ],
  reasoning: [{ open: "<mm:think>", close: ["</mm:think>"] }],
  strip: ["</mm:think>"],
};
