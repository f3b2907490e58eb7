/**
 * Functionary v3's TypeScript-like tool schema ("namespace functions { type NAME = (_: {…}) => any; }"),
 * a port of the template's generate_schema_from_functions macros, quirks included.
 */
import type { JsonSchema, ToolSpec } from "../src/parser/types.ts";
import { schemaProperties, schemaRequired } from "./shared-b-tools.ts";

const NONE = "<|NONE|>";

const isRecord = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === "object" && !Array.isArray(value);

/** Jinja's `~` / `string` of a value. */
function jinjaString(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value);
}

function convertType(type: string): string {
  return type === "integer" || type === "float" ? "number" : type;
}

function paramType(param: JsonSchema): string {
  if ("type" in param) {
    const raw = param.type;
    return convertType(Array.isArray(raw) ? raw.join(" | ") : jinjaString(raw));
  }
  if (Array.isArray(param.oneOf)) {
    const types = [
      ...new Set(param.oneOf.filter(isRecord).flatMap((item) => ("type" in item ? [item.type] : []))),
    ];
    return convertType(types.map(jinjaString).join(" | "));
  }
  return "";
}

function formatParam(param: JsonSchema): string {
  if ("format" in param) return jinjaString(param.format);
  if (Array.isArray(param.oneOf)) {
    const items = param.oneOf.filter(isRecord);
    const last = items.at(-1)?.format;
    return items
      .filter((item) => "format" in item)
      .map((item) => (item.format === last ? jinjaString(item.format) : `${jinjaString(item.format)} or `))
      .join("");
  }
  return NONE;
}

const LIMITS = [
  ["maximum", "Maximum"],
  ["minimum", "Minimum"],
  ["maxLength", "Maximum length"],
  ["minLength", "Minimum length"],
] as const;

function paramInfo(param: JsonSchema): string {
  const type = param.type ?? "any";
  const format = formatParam(param);
  const hasLimit = LIMITS.some(([field]) => Boolean(param[field]));
  if (!("description" in param) && !("default" in param) && format === NONE && !hasLimit) return NONE;
  let info = "//";
  if ("description" in param) {
    const description = jinjaString(param.description);
    info += ` ${description.endsWith(".") ? description : `${description}.`}`;
  }
  if ("default" in param) {
    const value = jinjaString(param.default);
    info += ` Default=${type === "string" ? `"${value}"` : value}.`;
  }
  if (format !== NONE) info += ` Format=${format}`;
  for (const [field, name] of LIMITS) if (field in param) info += ` ${name}=${jinjaString(param[field])}`;
  return info;
}

function enumOptions(options: readonly unknown[]): string {
  const last = options.at(-1);
  return options
    .map((value) => {
      const text = typeof value === "string" ? `"${value}"` : jinjaString(value);
      return options.length > 0 && value !== last ? `${text} | ` : text;
    })
    .join("");
}

function examplesOf(name: string, param: JsonSchema): string[] {
  return Array.isArray(param.examples) ? [`Example ${name}:`, ...param.examples.map(jinjaString)] : [];
}

function commentLines(
  offset: string,
  comment: string,
  examples: readonly string[],
  alwaysExamples: boolean,
): string {
  let text = comment !== NONE ? `\n${offset}${comment}` : "";
  if (comment !== NONE || alwaysExamples) {
    for (const example of examples) text += `\n${offset}// ${example.replaceAll("'", '"')}`;
  }
  return text;
}

function arrayTypescript(name: string | null, param: JsonSchema, depth: number): string {
  const offset = "    ".repeat(depth);
  const items = isRecord(param.items) ? param.items : {};
  if (Object.keys(items).length === 0) return name ? `\n${offset}${name}: []` : `\n${offset}[]`;
  const type = paramType(items);
  if (type === "object") {
    const head = name ? `\n${offset}${name}: {` : `\n${offset}{`;
    return `${head}${parameterTypescript(items.properties, schemaRequired(items), depth + 1)}\n${offset}}[]`;
  }
  if (type === "array") {
    const inner = arrayTypescript(null, items, depth + 1);
    return name ? `\n${offset}${name}: ${inner.trim()}[]` : `\n${inner}[]`;
  }
  if (Array.isArray(items.enum)) {
    const options = enumOptions(items.enum);
    return name === null ? `(${options})[]` : `\n${offset}${name}: (${options})[]`;
  }
  return name === null ? `\n${type}[]` : `\n${offset}${name}: ${type}[],`;
}

function parameterTypescript(properties: unknown, required: readonly string[], depth: number): string {
  const offset = "    ".repeat(depth);
  let text = "";
  for (const [name, param] of schemaProperties({ properties })) {
    if (!isRecord(param)) continue;
    const comment = paramInfo(param);
    const examples = examplesOf(name, param);
    let declaration = required.includes(name) ? name : `${name}?`;
    let type = paramType(param);
    if (type === "object") {
      text += commentLines(offset, comment, examples, true);
      text += `\n${offset}${declaration}: {`;
      text += parameterTypescript(param.properties ?? {}, schemaRequired(param), depth + 1);
      text += `\n${offset}},`;
    } else if (type === "array") {
      const items = isRecord(param.items) ? param.items : {};
      if (!("type" in items)) {
        text += `${commentLines(offset, comment, examples, false)}\n${offset}${declaration}: [],`;
      } else {
        text += commentLines(offset, comment, examples, true);
        const array = arrayTypescript(declaration, param, depth);
        text += array.endsWith(",") ? array : `${array},`;
      }
    } else {
      if (Array.isArray(param.enum)) type = enumOptions(param.enum);
      if (param.nullable) type += " | null";
      declaration += `: ${type},`;
      text += `${commentLines(offset, comment, examples, false)}\n${offset}${declaration}`;
    }
  }
  return text;
}

/** The `functions` namespace of a tool list. */
export function functionaryNamespace(tools: readonly ToolSpec[]): string {
  let text =
    "// Supported function definitions that should be called when necessary.\nnamespace functions {\n\n";
  for (const tool of tools) {
    if (!tool.name) continue;
    text += `// ${tool.description ?? ""}\ntype ${tool.name}`;
    const parameters = tool.parameters;
    if (parameters && isRecord(parameters.properties) && Object.keys(parameters.properties).length > 0) {
      text += ` = (_: {${parameterTypescript(parameters.properties, schemaRequired(parameters), 0)}\n}) => any;\n\n`;
    } else {
      text += " = () => any;\n\n";
    }
  }
  return `${text}} // namespace functions`;
}
