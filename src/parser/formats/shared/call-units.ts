/**
 * A group block holding call units, `<tool_calls><tool_call>..</tool_call>..</tool_calls>` and its
 * relatives (hy_v3, hy_v4, k2_horizon): each unit is read by the format, text between units is
 * content, a unit cut off by the end of the output is a truncated call (the calls before it are
 * kept), and a unit with no closer before the group's end runs to the group's end.
 */
import type { BlockContext, BlockOutcome, ProblemDraft, RawCall } from "../../format-spec.ts";

/** What a format read from one unit's body: its calls and problems. */
export interface UnitReading {
  readonly calls?: readonly RawCall[];
  readonly problems?: readonly ProblemDraft[];
}

export function parseCallUnits(
  body: string,
  ctx: BlockContext,
  unit: { readonly open: string; readonly close: string },
  readUnit: (text: string, raw: string) => UnitReading,
): BlockOutcome {
  const calls: RawCall[] = [];
  const problems: ProblemDraft[] = [];
  const stray: string[] = [];
  let at = 0;
  for (;;) {
    const start = body.indexOf(unit.open, at);
    stray.push(body.slice(at, start < 0 ? body.length : start));
    if (start < 0) break;
    const close = body.indexOf(unit.close, start);
    const text = body.slice(start + unit.open.length, close < 0 ? body.length : close);
    const raw = body.slice(start, close < 0 ? body.length : close + unit.close.length);
    if (close < 0 && ctx.truncated) {
      problems.push({ code: "truncated-call", message: "the output ended inside a call", raw });
      break;
    }
    const read = readUnit(text, raw);
    calls.push(...(read.calls ?? []));
    problems.push(...(read.problems ?? []));
    if (close < 0) break;
    at = close + unit.close.length;
  }
  const content = stray.join("").trim();
  if (calls.length === 0 && problems.length === 0) {
    const raw = ctx.open + body + (ctx.close ?? "");
    const code = ctx.truncated ? "truncated-call" : "malformed-call";
    return { problems: [{ code, message: `${ctx.open} holds no ${unit.open}`, raw }] };
  }
  return { calls, problems, ...(content.length > 0 ? { content } : {}) };
}
