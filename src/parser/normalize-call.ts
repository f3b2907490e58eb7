/**
 * Shared normalisation of the calls formats read: names trimmed and resolved against the
 * declared tools, arguments decoded (double-encoded JSON strings) into a JSON object.
 */
import type { ProblemDraft, RawCall } from "./format-spec.ts";
import { parseJsonLoose } from "./json-loose.ts";
import type { ToolIndex } from "./tool-index.ts";

export type NormalizedCall =
  | {
      readonly ok: true;
      readonly name: string;
      readonly arguments: Record<string, unknown>;
      readonly id?: string;
      readonly problem?: ProblemDraft;
    }
  | { readonly ok: false; readonly problem: ProblemDraft };

export function normalizeCall(raw: RawCall, tools: ToolIndex): NormalizedCall {
  const rawName = typeof raw.name === "string" ? raw.name.trim() : "";
  if (rawName.length === 0) {
    return {
      ok: false,
      problem: { code: "malformed-call", message: "the call has no tool name", raw: safeStringify(raw) },
    };
  }
  const decoded = decodeArguments(raw.arguments);
  if (!decoded.ok) {
    return {
      ok: false,
      problem: {
        code: "invalid-arguments",
        message: `arguments of ${rawName} must be a JSON object, got ${decoded.got}`,
        raw: safeStringify(raw),
        toolName: rawName,
      },
    };
  }
  let name = rawName;
  let problem: ProblemDraft | undefined;
  if (tools.declared) {
    const resolved = tools.resolve(rawName);
    if (resolved !== undefined) name = resolved;
    else {
      const suggestion = tools.closest(rawName);
      problem = {
        code: "unknown-tool",
        message: `the model called ${rawName}, which is not a declared tool${suggestion ? `; did you mean ${suggestion}?` : ""} (declared: ${tools.names.join(", ")})`,
        raw: safeStringify(raw),
        toolName: rawName,
      };
    }
  }
  const base = { ok: true as const, name, arguments: decoded.value };
  const withId = raw.id !== undefined && raw.id !== "" ? { ...base, id: String(raw.id) } : base;
  return problem ? { ...withId, problem } : withId;
}

type Decoded = { ok: true; value: Record<string, unknown> } | { ok: false; got: string };

/** Objects pass; JSON strings of objects (possibly double-encoded) are decoded; empty means {}. */
export function decodeArguments(value: unknown, depth = 0): Decoded {
  if (value === undefined || value === null) return { ok: true, value: {} };
  if (typeof value === "string") {
    if (value.trim().length === 0) return { ok: true, value: {} };
    if (depth >= 2) return { ok: false, got: "a string" };
    const parsed = parseJsonLoose(value);
    if (!parsed.ok) return { ok: false, got: `the text ${JSON.stringify(value.slice(0, 80))}` };
    return decodeArguments(parsed.value, depth + 1);
  }
  if (typeof value === "object" && !Array.isArray(value))
    return { ok: true, value: value as Record<string, unknown> };
  return { ok: false, got: Array.isArray(value) ? "an array" : typeof value };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
