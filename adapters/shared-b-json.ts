/**
 * JSON as chat templates print it with `tojson`: Python `json.dumps` spacing (", " and ": ",
 * or "," plus newlines with an indent), keys in insertion order, non-ASCII kept as is.
 */

/** `value | tojson` (or `tojson(indent=n)`) as the templates render it. */
export function templateJson(value: unknown, indent?: number): string {
  return encode(value, indent && indent > 0 ? " ".repeat(indent) : "", 0);
}

function encode(value: unknown, unit: string, depth: number): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") {
    return JSON.stringify(value);
  }
  if (typeof value !== "object") return "null";
  const padding = `\n${unit.repeat(depth)}`;
  const childPadding = padding + unit;
  const separator = unit ? "," : ", ";
  if (Array.isArray(value)) {
    const items = value.map((item) => encode(item, unit, depth + 1));
    if (!unit || items.length === 0) return `[${items.join(separator)}]`;
    return `[${childPadding}${items.join(`${separator}${childPadding}`)}${padding}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, item]) => item !== undefined)
    .map(
      ([key, item]) => `${unit ? childPadding : ""}${JSON.stringify(key)}: ${encode(item, unit, depth + 1)}`,
    );
  if (!unit || entries.length === 0) return `{${entries.join(separator)}}`;
  return `{${entries.join(separator)}${padding}}`;
}
