/**
 * Reading one call's JSON arguments out of a special-token format (DeepSeek, Kimi, harmony,
 * functionary, ...): optional code fence, empty means `{}`, and a truncated generation (the
 * output ended inside an unfinished value) is a truncated-call problem rather than a repair.
 */
import type { ProblemDraft } from "../../format-spec.ts";
import { isCompleteValue, parseJsonLoose } from "../../json-loose.ts";

export type ArgumentsReading =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly problem: ProblemDraft };

export interface ArgumentsContext {
  /** The output ended inside this call. */
  readonly truncated: boolean;
  /** The raw text the problem is about. */
  readonly raw: string;
  readonly toolName: string;
}

/** Removes a surrounding markdown fence (its closing part may be missing when truncated). */
export function stripCodeFence(text: string): string {
  const trimmed = text.trim();
  if (!trimmed.startsWith("```")) return trimmed;
  const newline = trimmed.indexOf("\n");
  const opened = newline < 0 ? trimmed.replace(/^```[\w-]*/, "") : trimmed.slice(newline + 1);
  return opened.replace(/\s*```\s*$/, "").trim();
}

export function readJsonArguments(text: string, context: ArgumentsContext): ArgumentsReading {
  const source = stripCodeFence(text);
  if (source.length === 0) return { ok: true, value: {} };
  if (context.truncated && !isCompleteValue(source)) {
    return {
      ok: false,
      problem: {
        code: "truncated-call",
        message: `the output ended inside the arguments of ${context.toolName} (truncated generation)`,
        raw: context.raw,
        toolName: context.toolName,
      },
    };
  }
  const parsed = parseJsonLoose(source);
  if (!parsed.ok) {
    return {
      ok: false,
      problem: {
        code: "invalid-arguments",
        message: `arguments of ${context.toolName} are not JSON even after repair: ${JSON.stringify(source.slice(0, 120))}`,
        raw: context.raw,
        toolName: context.toolName,
      },
    };
  }
  return { ok: true, value: parsed.value };
}

/** Drops a tail that is a proper prefix of `marker` (the output stopped while writing it). */
export function dropPartialMarker(text: string, marker: string): string {
  for (let length = Math.min(marker.length - 1, text.length); length > 0; length--) {
    if (text.endsWith(marker.slice(0, length))) return text.slice(0, text.length - length);
  }
  return text;
}
