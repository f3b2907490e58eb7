/**
 * functionary_v3_2 (MeetKai functionary v3.2): the output is a run of segments, each a recipient
 * line and a body, separated by `>>>`:
 *
 *   all\nHello!>>>get_weather\n{"city": "Paris"}>>>python\nprint(1)
 *
 * `all` is text for the user (content), `python` takes raw code (a call with `{"code": ...}`),
 * any other recipient is a tool whose body is a JSON object. The prompt ends with `>>>`, so the
 * first segment has no marker: with the format given the output starts inside a segment
 * (`startsInBlock`, a core option; see the report). Text after a call's JSON stays content.
 *
 * `>>>` is a Python prompt in ordinary prose, so when auto-detecting only `>>>NAME\n{...}` counts
 * (an identifier right after the marker, a newline, then a JSON object; a declared tool when tools
 * are declared); `all` and `python` segments count only with the format given.
 * Leniencies: the name and JSON on one line (given format), an empty body (no arguments), the
 * usual JSON repairs; an unfinished JSON at the end of output is a truncated call.
 */
import type { BlockContext, BlockOutcome, DecideContext, FormatSpec } from "../format-spec.ts";
import { ValueScanner } from "../json-loose.ts";
import { readJsonArguments } from "./shared/special-arguments.ts";

const SEPARATOR = ">>>";
const RECIPIENT = /^[ \t]*([A-Za-z_][\w.-]*)[ \t]*(?:\r?\n|(?=\{)|$)/;

function parseSegment(body: string, ctx: BlockContext): BlockOutcome {
  const raw = ctx.open + body + (ctx.close ?? "");
  const match = RECIPIENT.exec(body);
  if (!match) return ctx.auto ? { reject: true } : { content: body };
  const name = match[1]!;
  const rest = body.slice(match[0].length);
  if (!ctx.auto && name === "all") return { content: rest };
  if (!ctx.auto && name === "python" && !rest.trimStart().startsWith("{")) {
    const code = rest.trimEnd();
    return code.length === 0
      ? { calls: [{ name, arguments: {} }] }
      : { calls: [{ name, arguments: { code } }] };
  }
  if (ctx.auto && ctx.tools.declared && ctx.tools.resolve(name) === undefined) return { reject: true };
  const start = rest.search(/\S/);
  if (start < 0) return { calls: [{ name, arguments: {} }] };
  if (rest[start] !== "{") {
    if (ctx.auto) return { reject: true };
    return {
      problems: [
        {
          code: "invalid-arguments",
          message: `arguments of ${name} are not a JSON object`,
          raw,
          toolName: name,
        },
      ],
    };
  }
  const end = new ValueScanner().scan(rest, start, rest.length);
  const argumentsText = end < 0 ? rest.slice(start) : rest.slice(start, end);
  const read = readJsonArguments(argumentsText, { truncated: ctx.truncated || end < 0, raw, toolName: name });
  if (!read.ok) return ctx.auto && !ctx.truncated ? { reject: true } : { problems: [read.problem] };
  const after = end < 0 ? "" : rest.slice(end);
  return { calls: [{ name, arguments: read.value }], ...(after.trim().length > 0 ? { content: after } : {}) };
}

/** When auto-detecting: `NAME`, a newline, then `{`; anything else is prose (a Python prompt...). */
function decideSegment(head: string, _final: boolean, ctx: DecideContext): "reject" | undefined {
  if (!ctx.auto) return undefined;
  const name = /^[A-Za-z_][\w.-]*/.exec(head)?.[0];
  if (name === undefined) return head.length === 0 ? undefined : "reject";
  if (name.length === head.length) return head.length > 64 ? "reject" : undefined;
  return /^[ \t]*\r?(?:\n[ \t]*(?:\{[\s\S]*)?)?$/.test(head.slice(name.length)) ? undefined : "reject";
}

export const functionaryV32: FormatSpec = {
  id: "functionary_v3_2",
  description: '>>>NAME\\n{...} segments, ">>>all\\n" text, ">>>python\\n" raw code (functionary v3.2)',
  priority: 60,
  blocks: [
    {
      open: SEPARATOR,
      end: { kind: "close", close: [], stopBefore: [SEPARATOR] },
      decide: decideSegment,
      parse: parseSegment,
    },
  ],
  startsInBlock: SEPARATOR,
  thinkTags: false,
  strip: ["<|eot_id|>"],
};
