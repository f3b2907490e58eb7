/**
 * A tolerant reader for the child elements of an XML-ish call body (`<city>Paris</city>
 * <days>3</days>`): raw inner text per element (values may hold markup or code), attributes
 * ignored, same-name nesting balanced, `<tag/>` empty, an unclosed last element running to the
 * end. Typing by JSON schema: nested elements become objects, `<item>` children or repeated
 * tags become lists, leaves go through coerce.ts.
 */
import { coerceValue, inferValue, schemaTypes } from "../../coerce.ts";
import type { JsonSchema } from "../../types.ts";

export interface XmlElement {
  readonly name: string;
  /** Raw text between the tags. */
  readonly inner: string;
  /** Its closing tag was found (or it was self-closing). */
  readonly closed: boolean;
}

export interface ElementList {
  readonly elements: XmlElement[];
  /** Text outside the elements (trimmed pieces joined by spaces). */
  readonly text: string;
}

const OPEN_TAG = /<([A-Za-z_][\w.:-]*)(\s[^<>]*?)?(\/?)>/g;

/** Reads the top-level elements of `text`. Never throws. */
export function readElements(text: string): ElementList {
  const elements: XmlElement[] = [];
  const outside: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    OPEN_TAG.lastIndex = pos;
    const open = OPEN_TAG.exec(text);
    if (!open) break;
    outside.push(text.slice(pos, open.index));
    const name = open[1]!;
    const innerStart = open.index + open[0].length;
    if (open[3] === "/") {
      elements.push({ name, inner: "", closed: true });
      pos = innerStart;
      continue;
    }
    const close = matchingClose(text, name, innerStart);
    if (close < 0) {
      elements.push({ name, inner: text.slice(innerStart), closed: false });
      pos = text.length;
      break;
    }
    elements.push({ name, inner: text.slice(innerStart, close), closed: true });
    pos = close + name.length + 3;
  }
  outside.push(text.slice(pos));
  return {
    elements,
    text: outside
      .map((piece) => piece.trim())
      .filter(Boolean)
      .join(" "),
  };
}

/** Index of the `</name>` that closes an element whose content starts at `from`, or -1. */
function matchingClose(text: string, name: string, from: number): number {
  const tags = new RegExp(`<(/?)${escapeName(name)}(?:\\s[^<>]*?)?(/?)>`, "g");
  tags.lastIndex = from;
  let depth = 0;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    if (match[2] === "/") continue;
    if (match[1] === "/") {
      if (depth === 0) return match.index;
      depth--;
    } else depth++;
  }
  return -1;
}

function escapeName(name: string): string {
  return name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five XML entities and numeric references; other `&` text is kept. */
export function decodeEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, entity: string) => {
    if (entity.startsWith("#x")) return safeCodePoint(Number.parseInt(entity.slice(2), 16), whole);
    if (entity.startsWith("#")) return safeCodePoint(Number.parseInt(entity.slice(1), 10), whole);
    return ENTITIES[entity] ?? whole;
  });
}

function safeCodePoint(code: number, fallback: string): string {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : fallback;
}

/** How values with no schema are typed: kept as strings, or inferred from their text. */
export type Untyped = "string" | "infer";

/** Types one element's inner text by its schema (objects and lists may be nested elements). */
export function typeElement(inner: string, schema: JsonSchema | undefined, untyped: Untyped): unknown {
  const types = schemaTypes(schema);
  const wantsString = types[0] === "string";
  const children = wantsString ? undefined : readElements(inner);
  if (children && children.elements.length > 0 && children.text.length === 0) {
    if (types.includes("array") || (types.length === 0 && isList(children.elements))) {
      return children.elements.map((child) =>
        typeElement(child.inner, schema ? itemsOf(schema) : undefined, untyped),
      );
    }
    return typeElements(children.elements, schema, untyped);
  }
  const text = decodeEntities(inner.trim());
  if (!schema || types.length === 0) return untyped === "infer" ? inferValue(text) : text;
  return coerceValue(text, schema, { untyped: "string" });
}

/** Elements as an object's properties (by the object schema); repeated names become lists. */
export function typeElements(
  elements: readonly XmlElement[],
  schema: JsonSchema | undefined,
  untyped: Untyped,
): Record<string, unknown> {
  const properties = propertiesOf(schema);
  const grouped = new Map<string, string[]>();
  for (const element of elements) {
    const values = grouped.get(element.name) ?? [];
    values.push(element.inner);
    grouped.set(element.name, values);
  }
  const result: Record<string, unknown> = {};
  for (const [name, values] of grouped) {
    const propertySchema = properties?.[name];
    const valueUntyped: Untyped = properties && !propertySchema ? "string" : untyped;
    if (values.length === 1) {
      result[name] = typeElement(values[0]!, propertySchema, valueUntyped);
      continue;
    }
    const itemSchema =
      propertySchema && schemaTypes(propertySchema).includes("array")
        ? itemsOf(propertySchema)
        : propertySchema;
    result[name] = values.map((value) => typeElement(value, itemSchema, valueUntyped));
  }
  return result;
}

function isList(elements: readonly XmlElement[]): boolean {
  return elements.every((element) => element.name === "item");
}

export function propertiesOf(schema: JsonSchema | undefined): Record<string, JsonSchema> | undefined {
  const properties = schema?.properties;
  return properties && typeof properties === "object" && !Array.isArray(properties)
    ? (properties as Record<string, JsonSchema>)
    : undefined;
}

function itemsOf(schema: JsonSchema): JsonSchema | undefined {
  const items = schema.items;
  return items && typeof items === "object" && !Array.isArray(items) ? (items as JsonSchema) : undefined;
}
