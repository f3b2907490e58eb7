/**
 * JSON as the chat templates print it: Jinja's `tojson` filter (Python's `json.dumps` with
 * `ensure_ascii=False`), which separates items with ", " and keys with ": " (with `indent`:
 * "," and ": ", one item per line). Key order is insertion order, never sorted.
 */

/** `value | tojson` (or `tojson(indent=n)` when `indent` is given). */
export function templateJson(value: unknown, indent?: number): string {
  return encode(value, indent ?? 0, 0);
}

function encode(value: unknown, indent: number, depth: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value !== "object") return JSON.stringify(value) ?? "null";
  const pad = indent > 0 ? `\n${" ".repeat(indent * depth)}` : "";
  const childPad = indent > 0 ? `\n${" ".repeat(indent * (depth + 1))}` : "";
  const separator = indent > 0 ? "," : ", ";
  if (Array.isArray(value)) {
    const items = value.map((item) => encode(item, indent, depth + 1));
    if (indent > 0 && items.length > 0) return `[${childPad}${items.join(`${separator}${childPad}`)}${pad}]`;
    return `[${items.join(separator)}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).map(
    ([key, item]) => `${childPad}${JSON.stringify(key)}: ${encode(item, indent, depth + 1)}`,
  );
  if (indent > 0 && entries.length > 0) return `{${entries.join(separator)}${pad}}`;
  return `{${entries.join(separator)}}`;
}
