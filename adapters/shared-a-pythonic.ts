/**
 * Python literals for pythonic tool calls, `[get_weather(city='Paris', days=3)]`: values print
 * as Python's `repr` does (single-quoted strings, True/False/None, dicts and lists).
 */
import type { ToolCall } from "../src/parser/types.ts";

/** Python's `repr` of a string: single quotes unless the text has ' and no ". */
export function pythonString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = quote;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === "\\") out += "\\\\";
    else if (char === quote) out += `\\${quote}`;
    else if (char === "\n") out += "\\n";
    else if (char === "\r") out += "\\r";
    else if (char === "\t") out += "\\t";
    else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).padStart(2, "0")}`;
    else out += char;
  }
  return out + quote;
}

export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "string") return pythonString(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "None";
  if (Array.isArray(value)) return `[${value.map(pythonLiteral).join(", ")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    return `{${entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item)}`).join(", ")}}`;
  }
  return pythonString(String(value));
}

/** `name(key=value, ...)`. */
export function pythonicCall(call: Pick<ToolCall, "name" | "arguments">): string {
  const args = Object.entries(call.arguments).map(([key, value]) => `${key}=${pythonLiteral(value)}`);
  return `${call.name}(${args.join(", ")})`;
}

/** `[call1(...), call2(...)]`. */
export function pythonicCallList(calls: readonly Pick<ToolCall, "name" | "arguments">[]): string {
  return `[${calls.map(pythonicCall).join(", ")}]`;
}
