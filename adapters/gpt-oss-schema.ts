/**
 * gpt-oss (harmony) tool namespace: "## functions\n\nnamespace functions { type NAME = (_: {…}) => any; }",
 * a port of the template's render_tool_namespace and render_typescript_type macros. Nested
 * object types keep the whitespace the template leaves before each property type.
 */
import type { JsonSchema, ToolSpec } from "../src/parser/types.ts";
import { templateJson } from "./shared-b-json.ts";
import { schemaProperties, schemaRequired } from "./shared-b-tools.ts";

/** The indentation the template's `{{ render_typescript_type(...) }}` line leaves in nested objects. */
const NESTED_GAP = `\n${" ".repeat(16)}`;

const PRIMITIVE_ARRAYS: Readonly<Record<string, string>> = {
  string: "string[]",
  number: "number[]",
  integer: "number[]",
  boolean: "boolean[]",
};

const isRecord = (value: unknown): value is JsonSchema =>
  value !== null && typeof value === "object" && !Array.isArray(value);

function typescriptType(spec: JsonSchema): string {
  const type = spec.type;
  if (type === "array") {
    const items = spec.items;
    let text: string;
    if (isRecord(items) && Object.keys(items).length > 0) {
      const primitive = typeof items.type === "string" ? PRIMITIVE_ARRAYS[items.type] : undefined;
      if (primitive) text = primitive;
      else {
        const inner = typescriptType(items);
        text = inner === "object | object" || inner.length > 50 ? "any[]" : `${inner}[]`;
      }
    } else {
      text = "any[]";
    }
    return spec.nullable ? `${text} | null` : text;
  }
  if (Array.isArray(type) && type.length > 0) return type.length > 1 ? type.join(" | ") : String(type[0]);
  if (Array.isArray(spec.oneOf) && spec.oneOf.length > 0) {
    const variants = spec.oneOf.filter(isRecord);
    if (variants.some((variant) => variant.type === "object") && spec.oneOf.length > 1) return "any";
    return variants
      .map((variant, index) => {
        let text = typescriptType(variant);
        if (variant.description) text += `// ${String(variant.description)}`;
        if (variant.default !== undefined) text += `// default: ${templateJson(variant.default)}`;
        return index < variants.length - 1 ? `${text} | ` : text;
      })
      .join("");
  }
  if (type === "string") {
    if (Array.isArray(spec.enum) && spec.enum.length > 0) return `"${spec.enum.join('" | "')}"`;
    return spec.nullable ? "string | null" : "string";
  }
  if (type === "number" || type === "integer") return "number";
  if (type === "boolean") return "boolean";
  if (type === "object") {
    const properties = schemaProperties(spec);
    if (properties.length === 0) return "object";
    const required = schemaRequired(spec);
    const body = properties.map(
      ([name, property]) =>
        `${name}${required.includes(name) ? "" : "?"}: ${NESTED_GAP}${typescriptType(property)}`,
    );
    return `{\n${body.join(", ")}}`;
  }
  return "any";
}

function defaultComment(spec: JsonSchema): string {
  if (spec.default === undefined) return "";
  const raw = typeof spec.default === "string" ? spec.default : templateJson(spec.default);
  if (spec.enum) return `, // default: ${raw}`;
  if (spec.oneOf) return `// default: ${raw}`;
  return `, // default: ${templateJson(spec.default)}`;
}

/** The "## functions" namespace of a tool list. */
export function harmonyNamespace(tools: readonly ToolSpec[]): string {
  let text = "## functions\n\nnamespace functions {\n\n";
  for (const tool of tools) {
    text += `// ${tool.description ?? ""}\ntype ${tool.name} = `;
    const properties = schemaProperties(tool.parameters);
    if (properties.length === 0) {
      text += "() => any;\n\n";
      continue;
    }
    const required = schemaRequired(tool.parameters);
    text += "(_: {\n";
    for (const [name, spec] of properties) {
      if (spec.description) text += `// ${String(spec.description)}\n`;
      text += `${name}${required.includes(name) ? "" : "?"}: ${typescriptType(spec)}${defaultComment(spec)},\n`;
    }
    text += "}) => any;\n\n";
  }
  return `${text}} // namespace functions`;
}
