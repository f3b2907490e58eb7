/**
 * Values written as nested XML elements (MiniMax-M3 parameters), typed by the JSON schema:
 * a leaf's text is coerced by its schema; child elements make an object, `<item>` children (or
 * an array schema) a list, and a tag repeated among siblings a list of its values. Under an
 * anyOf / oneOf, child elements are typed by the alternative whose shape (object or list) they have.
 */
import { coerceValue, schemaTypes } from "../../coerce.ts";
import type { JsonSchema } from "../../types.ts";
import type { XmlElement } from "./glm-namespaced-xml.ts";

/** The object made of sibling elements, typed by the object schema (properties, additionalProperties). */
export function elementsObject(
  elements: readonly XmlElement[],
  schema: JsonSchema | undefined,
): Record<string, unknown> {
  const groups = new Map<string, XmlElement[]>();
  for (const element of elements) {
    const group = groups.get(element.tag);
    if (group) group.push(element);
    else groups.set(element.tag, [element]);
  }
  const value: Record<string, unknown> = {};
  for (const [tag, group] of groups) {
    const property = propertySchema(schema, tag);
    if (group.length === 1) value[tag] = elementValue(group[0]!, property);
    else {
      const itemSchema = isArraySchema(property) ? subSchema(property, "items") : property;
      value[tag] = group.map((element) => elementValue(element, itemSchema));
    }
  }
  return value;
}

export function elementValue(element: XmlElement, schema: JsonSchema | undefined): unknown {
  if (element.children.length === 0) return leafValue(element.text, schema);
  const items = element.children.every((child) => child.tag === "item");
  const types = schemaTypes(schema);
  // A union that allows both takes the shape the model wrote: `<item>` children are the list.
  const asArray =
    types.includes("array") && types.includes("object")
      ? items
      : isArraySchema(schema) || (items && !isObjectSchema(schema));
  if (asArray) {
    const itemSchema = subSchema(unionVariant(schema, "array"), "items");
    return element.children.map((child) => elementValue(child, itemSchema));
  }
  return elementsObject(element.children, unionVariant(schema, "object"));
}

/** The anyOf / oneOf alternative of the given type (its properties or items type the children). */
function unionVariant(schema: JsonSchema | undefined, type: "array" | "object"): JsonSchema | undefined {
  for (const key of ["anyOf", "oneOf"] as const) {
    const variants = schema?.[key];
    if (!Array.isArray(variants)) continue;
    for (const variant of variants) {
      if (variant && typeof variant === "object" && schemaTypes(variant as JsonSchema).includes(type)) {
        return unionVariant(variant as JsonSchema, type);
      }
    }
  }
  return schema;
}

function leafValue(rawText: string, schema: JsonSchema | undefined): unknown {
  // A newline right after the opening tag is layout; trailing whitespace (a newline included)
  // belongs to the value (sglang's MiniMax-M3 parser keeps it).
  const text = rawText.replace(/^\r?\n/, "");
  const value = coerceValue(text, schema, { untyped: "string" });
  if (isArraySchema(schema) && !Array.isArray(value) && text.trim().length > 0) {
    return [coerceValue(text, subSchema(schema, "items"), { untyped: "string" })];
  }
  return value;
}

function propertySchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  const property = subSchema(subSchema(schema, "properties"), key);
  return property ?? subSchema(schema, "additionalProperties");
}

function subSchema(schema: JsonSchema | undefined, key: string): JsonSchema | undefined {
  const value = schema?.[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonSchema) : undefined;
}

function isArraySchema(schema: JsonSchema | undefined): schema is JsonSchema {
  return schemaTypes(schema)[0] === "array";
}

function isObjectSchema(schema: JsonSchema | undefined): boolean {
  return schemaTypes(schema)[0] === "object";
}
