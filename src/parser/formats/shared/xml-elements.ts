/**
 * A tolerant reader for the child elements of an XML-ish call body (`<city>Paris</city>
 * <days>3</days>`): raw inner text per element (values may hold markup or code), attributes
 * ignored, same-name nesting balanced, `<tag/>` empty, an unclosed last element running to the
 * end, and a close tag written again after text before any other element opens taken as the real
 * one (the first was text in the value, as Cline reads `<content>`). Typing by JSON schema: nested elements become objects, `<item>` children or repeated
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

/** Attributes: quoted values may hold `>` (`data="a > b"`). */
const ATTRIBUTES = `(?:\\s(?:"[^"]*"|'[^']*'|[^<>"'])*?)?`;
/** A name may start with a digit: `<0>349</0><1>493</1>` is how models index a list's items. */
const OPEN_TAG = new RegExp(`<([A-Za-z_\\d][\\w.:-]*)(${ATTRIBUTES})(\\/?)>`, "g");

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
    let close = matchingClose(text, name, innerStart);
    // `</name>` written again before any other element opens: the first one was text inside the
    // value (`<content>.. </content> ..\n</content>`, code that mentions its own tag).
    for (
      let later = close && strayClose(text, name, close.end);
      later;
      later = strayClose(text, name, later.end)
    ) {
      close = later;
    }
    if (!close) {
      elements.push({ name, inner: text.slice(innerStart), closed: false });
      pos = text.length;
      break;
    }
    elements.push({ name, inner: text.slice(innerStart, close.index), closed: true });
    pos = close.end;
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

/**
 * The `</name>` that closes an element whose content starts at `from` (spaces or a line break
 * may stand inside the close tag, `</\n  step>`): where it starts and ends, or undefined.
 */
function matchingClose(text: string, name: string, from: number): { index: number; end: number } | undefined {
  const tags = new RegExp(`<(/\\s*)?${escapeName(name)}(${ATTRIBUTES})\\s*(/?)>`, "g");
  tags.lastIndex = from;
  let depth = 0;
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    if (match[3] === "/") continue;
    if (match[1] !== undefined) {
      if (depth === 0) return { index: match.index, end: match.index + match[0].length };
      depth--;
    } else depth++;
  }
  return undefined;
}

/**
 * A `</name>` after `from` with text (not only spaces) before it and no element opening in
 * between, or undefined.
 */
function strayClose(text: string, name: string, from: number): { index: number; end: number } | undefined {
  const close = new RegExp(`</\\s*${escapeName(name)}\\s*>`, "g");
  close.lastIndex = from;
  const found = close.exec(text);
  if (!found || text.slice(from, found.index).trim().length === 0) return undefined;
  OPEN_TAG.lastIndex = from;
  const open = OPEN_TAG.exec(text);
  if (open && open.index < found.index) return undefined;
  return { index: found.index, end: found.index + found[0].length };
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
    // A scalar written as a one-item list, `<data><item>42</item></data>`.
    const only = children.elements[0]!;
    if (isScalar(types) && children.elements.length === 1 && only.name === "item") {
      return typeElement(only.inner, schema, untyped);
    }
    return typeElements(children.elements, schema, untyped);
  }
  const text = decodeEntities(inner.trim());
  if (!schema || types.length === 0) return untyped === "infer" ? inferValue(text) : text;
  const value = coerceValue(text, schema, { untyped: "string" });
  // A list parameter written as one plain value: empty is no items, other text is the one item.
  if (types.includes("array") && !types.includes("string") && typeof value === "string") {
    if (text.length === 0) return [];
    const items = itemsOf(schema);
    return [items ? coerceValue(text, items, { untyped: "string" }) : text];
  }
  return value;
}

/** Types that take a single value (a schema that names no object or array). */
function isScalar(types: readonly string[]): boolean {
  return types.length > 0 && !types.includes("object") && !types.includes("array");
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
    const propertyTypes = schemaTypes(propertySchema);
    // A single-valued parameter written more than once: the last one stands (as a JSON object's
    // repeated key would).
    if (isScalar(propertyTypes)) {
      result[name] = typeElement(values.at(-1)!, propertySchema, valueUntyped);
      continue;
    }
    const itemSchema =
      propertySchema && propertyTypes.includes("array") ? itemsOf(propertySchema) : propertySchema;
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
