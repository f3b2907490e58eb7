/**
 * Reading calls out of decoded JSON, whatever keys a model chose: `name` / `tool_name` /
 * `function` / `action` (LangChain's structured-chat agents), and `arguments` / `parameters` /
 * `args` / `input` / `action_input`, in any order; OpenAI's `{type: "function", function:
 * {...}}`; lists of those.
 */
import type { RawCall } from "../../format-spec.ts";
import { parseJsonLoose } from "../../json-loose.ts";

/** The keys models use for a call's name and for its arguments, in order of preference. */
export const NAME_KEYS = ["name", "tool_name", "function_name", "tool", "function", "action"] as const;
export const ARGUMENT_KEYS = [
  "arguments",
  "parameters",
  "args",
  "input",
  "params",
  "tool_input",
  "argument",
  "action_input",
] as const;

/** A JSON object (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A single call object, or null when the value does not have a call's shape. */
export function callFromObject(value: unknown): RawCall | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const record = value as Record<string, unknown>;
  // OpenAI shape: {"type": "function", "function": {"name", "arguments"}} or {"function": {...}}
  const fn = record.function;
  if (fn && typeof fn === "object" && !Array.isArray(fn)) {
    const inner = callFromObject(fn);
    if (inner) return typeof record.id === "string" ? { ...inner, id: record.id } : inner;
  }
  let name: string | undefined;
  for (const key of NAME_KEYS) {
    const candidate = record[key];
    if (typeof candidate === "string" && candidate.trim().length > 0) {
      name = candidate;
      break;
    }
  }
  if (name === undefined) return null;
  let args: unknown;
  let hasArguments = false;
  for (const key of ARGUMENT_KEYS) {
    if (key in record) {
      args = record[key];
      hasArguments = true;
      break;
    }
  }
  const id = typeof record.id === "string" || typeof record.id === "number" ? String(record.id) : undefined;
  return id
    ? { name, arguments: hasArguments ? args : {}, id }
    : { name, arguments: hasArguments ? args : {} };
}

/** True when an object names a tool and carries arguments under a recognised key. */
export function hasCallShape(value: unknown): boolean {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  const record = value as Record<string, unknown>;
  if (record.function && typeof record.function === "object") return hasCallShape(record.function);
  return (
    NAME_KEYS.some((key) => typeof record[key] === "string") && ARGUMENT_KEYS.some((key) => key in record)
  );
}

/** Calls from an object or a list of objects; null when any entry is not a call. */
export function callsFromJson(value: unknown): RawCall[] | null {
  if (Array.isArray(value)) {
    const calls: RawCall[] = [];
    for (const item of value) {
      const call = callFromObject(item);
      if (!call) return null;
      calls.push(call);
    }
    return calls;
  }
  const single = callFromObject(value);
  return single ? [single] : null;
}

/** Decodes text leniently and reads calls from it; null when it is not JSON holding calls. */
export function callsFromJsonText(text: string): RawCall[] | null {
  const parsed = parseJsonLoose(text);
  return parsed.ok ? callsFromJson(parsed.value) : null;
}
